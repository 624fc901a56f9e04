package io.ctkit.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link ModelEvaluation} parameter of a {@link ModelQualityTest} as the champion: the
 * version the registry's alias {@link #value()} points at for the tested model's name, scored on
 * the same rows with the same settings as the candidate.
 *
 * <p>When the registry has no such version (the project's first model), the parameter is an
 * evaluation whose {@link ModelEvaluation#exists()} is false, and a comparison with it follows the
 * gate's first-run rule: it passes and says so ({@code first_run: pass}, the gate's default),
 * unless the assertion asks for {@link ModelEvaluationAssert#isNoWorseThan(ModelEvaluation)
 * requiringChampion()}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Champion {

    /** The alias of the champion, {@code production} unless named, e.g. {@code @Champion("staging")}. */
    String value() default "production";
}
