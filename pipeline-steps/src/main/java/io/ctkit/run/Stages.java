package io.ctkit.run;

import java.util.List;

/**
 * The stages {@code ctkit run} runs, in order: validate-data, train, evaluate, gate, register
 * (package and deploy will follow the register stage).
 */
public final class Stages {
    private Stages() {
    }

    public static List<Stage> defaults() {
        return List.of(new ValidateStage(), new TrainStage(), new EvaluateStage(), new GateStage(), new RegisterStage());
    }
}
