package com.cloudbees.groovy.cps;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Jenkins' marker for a method that runs as plain Groovy, outside the CPS transformation. The vars
 * use it as Jenkins does (without an import); here it only has to exist so that they compile.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NonCPS {
}
