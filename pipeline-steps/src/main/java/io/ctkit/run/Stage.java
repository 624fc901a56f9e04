package io.ctkit.run;

import io.ctkit.project.PipelineFile;

/**
 * One stage of {@code ctkit run}: an adapter of a step ({@code ValidateDataStep}, {@code TrainStep},
 * {@code EvaluateStep}, {@code GateStep}, {@code RegisterStep}, ...) to the run. It reads the
 * project and earlier stages' typed results from the {@link RunContext}, calls its step with
 * outputs under {@link RunContext#stageDir()}, and returns the step's result.
 *
 * <p>A stage that judges and finds the model wanting returns {@link StageResult#failed}: the run
 * stops there, keeps its outputs and exits 1. A stage that cannot run because an input is wrong
 * (bad data, bad config) throws an {@code IOException} or {@code IllegalArgumentException} naming
 * what and where: the run stops, removes its partial outputs and exits 2.
 *
 * @param <R> the step's result, which later stages read with {@link RunContext#require}
 */
public interface Stage<R> {

    /** Short lower-case name, shown in the display and used as the stage's directory name. */
    String name();

    StageResult<R> run(RunContext context) throws Exception;

    /**
     * Checks this stage's part of the project before any stage runs, beyond what reading its
     * section checked, so that a mistake is reported at once and not after training. Throws
     * naming the field.
     */
    default void check(PipelineFile project) {
    }
}
