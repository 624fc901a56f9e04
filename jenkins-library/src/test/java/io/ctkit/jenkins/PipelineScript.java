package io.ctkit.jenkins;

import groovy.lang.Script;

/**
 * The base class of every var and of the Jenkinsfile in the harness. Groovy resolves a call like
 * {@code sh(...)} first among the script's own methods, then among the binding's variables (the
 * other vars, as Jenkins does), and only then here: every Jenkins step the script calls lands in
 * {@link PipelineHarness#step}.
 */
public abstract class PipelineScript extends Script {

    /** Called by Groovy for a method the script neither defines nor finds in its binding. */
    public Object methodMissing(String name, Object args) {
        return ((PipelineHarness.PipelineBinding) getBinding()).harness().step(name, (Object[]) args);
    }
}
