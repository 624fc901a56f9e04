package io.ctkit.serving.internal.protocol;

import io.ctkit.model.Task;
import java.util.List;

/** The output tensors a model answers with, per task (ARCHITECTURE.md). */
final class ModelOutputs {

    static final String PREDICTION = "prediction";
    static final String PROBABILITIES = "probabilities";
    static final String LABEL = "label";

    private ModelOutputs() {
    }

    static List<String> names(Task task) {
        return task.isClassification() ? List.of(PROBABILITIES, LABEL) : List.of(PREDICTION);
    }
}
