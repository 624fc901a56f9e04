package io.ctkit.run;

/**
 * One step of {@code ctkit run}: train, evaluate, and (plugged in by their owners) validate-data,
 * gate, register, package, deploy. A stage reads the project and earlier stages' outputs from the
 * {@link RunContext}, writes its files under {@link RunContext#stageDir()}, and says whether it
 * passed.
 *
 * <p>A stage that judges and finds the model wanting returns {@link StageResult#failed}: the run
 * stops there, keeps its outputs and exits 1. A stage that cannot run because an input is wrong
 * (bad data, bad config) throws an {@code IOException} or {@code IllegalArgumentException} naming
 * what and where: the run stops, removes its partial outputs and exits 2.
 */
public interface Stage {

    /** Short lower-case name, shown in the display and used as the stage's directory name. */
    String name();

    StageResult run(RunContext context) throws Exception;
}
