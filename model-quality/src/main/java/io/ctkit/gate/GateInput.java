package io.ctkit.gate;

import io.ctkit.metrics.Predictions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One model's predictions for the gate.
 *
 * @param predictions the predictions with the true labels
 * @param slices      per slice column named by a threshold rule, the slice key of every row
 * @param rowIds      an id per row to prove champion and challenger saw the same rows, or {@code null}
 * @param description what the predictions came from (source, sha256, model...), copied into the verdict
 */
public record GateInput(Predictions predictions, Map<String, String[]> slices, String[] rowIds,
        Map<String, Object> description) {

    public GateInput {
        Objects.requireNonNull(predictions, "predictions");
        slices = Map.copyOf(slices);
        description = Collections.unmodifiableMap(new LinkedHashMap<>(description));
        for (Map.Entry<String, String[]> e : slices.entrySet()) {
            if (e.getValue().length != predictions.rows()) {
                throw new IllegalArgumentException("slice column \"" + e.getKey() + "\" has " + e.getValue().length
                        + " keys for " + predictions.rows() + " rows");
            }
        }
        if (rowIds != null && rowIds.length != predictions.rows()) {
            throw new IllegalArgumentException(rowIds.length + " row ids for " + predictions.rows() + " rows");
        }
    }

    /** Predictions without slices or row ids. */
    public static GateInput of(Predictions predictions, Map<String, Object> description) {
        return new GateInput(predictions, Map.of(), null, description);
    }
}
