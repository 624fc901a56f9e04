package io.ctkit.run;

import java.util.List;

/**
 * The stages of {@code ctkit run}, in order: validate-data, train, evaluate, test, gate, register. Each
 * is an adapter of its step; the order is the pipeline's definition, the one place a new stage is
 * added (its ctkit.yaml section registers itself, see {@link io.ctkit.project.Section}).
 */
public final class Pipeline {
    private Pipeline() {
    }

    public static List<Stage<?>> standard() {
        return List.of(new ValidateStage(), new TrainStage(), new EvaluateStage(), new TestStage(),
                new GateStage(), new RegisterStage());
    }
}
