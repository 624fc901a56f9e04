package io.ctkit.run;

import java.util.List;

/**
 * The stages {@code ctkit run} runs, in order. validate-data goes before train, gate after
 * evaluate; register, package and deploy after the gate.
 */
public final class Stages {
    private Stages() {
    }

    public static List<Stage> defaults() {
        return List.of(new TrainStage(), new EvaluateStage());
    }
}
