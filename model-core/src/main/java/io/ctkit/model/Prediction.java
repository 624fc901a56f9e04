package io.ctkit.model;

import java.util.List;
import java.util.Objects;

/**
 * The prediction for one row.
 *
 * @param value regression: the predicted number; binary: the probability of {@code labels[1]};
 *     multiclass: the probability of the predicted label
 * @param label the predicted label; {@code null} for regression
 * @param probabilities one probability per label, in label order; empty for regression
 */
public record Prediction(double value, String label, List<Double> probabilities) {

    public Prediction {
        probabilities = List.copyOf(Objects.requireNonNull(probabilities, "probabilities"));
    }
}
