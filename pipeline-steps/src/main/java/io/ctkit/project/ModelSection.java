package io.ctkit.project;

import io.ctkit.model.Task;
import io.ctkit.model.inference.Activation;
import java.util.List;
import java.util.Objects;

/**
 * {@code model:}: what the network predicts and its hidden layers. The output layer follows from
 * the task (regression: one linear unit; binary: one sigmoid unit; multiclass: softmax over the
 * classes), so no hidden layers is linear, logistic or softmax regression.
 */
public record ModelSection(Task task, List<Hidden> hidden) {

    public ModelSection {
        Objects.requireNonNull(task, "task");
        hidden = List.copyOf(hidden);
    }

    /** One hidden dense layer. {@code alpha} only for leaky_relu and elu ({@code null}: the default). */
    public record Hidden(int units, Activation activation, Double alpha) {
        public Hidden {
            if (units < 1) {
                throw new IllegalArgumentException("units must be positive: " + units);
            }
            Objects.requireNonNull(activation, "activation");
            if (alpha == null && activation.takesAlpha()) {
                alpha = activation.defaultAlpha();
            }
        }
    }
}
