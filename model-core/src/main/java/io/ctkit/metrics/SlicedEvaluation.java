package io.ctkit.metrics;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Metrics per slice of rows (e.g. per country or channel), from
 * {@link Evaluator#evaluateSlices(Predictions, String[], int)}. Both maps are sorted by key.
 *
 * @param minSliceSize the fewest rows a slice needed to be evaluated
 * @param slices       the evaluation of each slice with at least {@code minSliceSize} rows
 * @param tooSmall     the row count of each slice that was smaller, and so not evaluated
 */
public record SlicedEvaluation(int minSliceSize, Map<String, Evaluation> slices, Map<String, Integer> tooSmall) {

    public SlicedEvaluation {
        if (minSliceSize < 1) {
            throw new IllegalArgumentException("minimum slice size must be at least 1: " + minSliceSize);
        }
        slices = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(slices, "slices")));
        tooSmall = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(tooSmall, "tooSmall")));
    }

    /**
     * {@code {"min_slice_size": m, "slices": {"<key>": <evaluation report>}, "too_small": {"<key>": rows}}};
     * each slice's report has the shape of {@link Evaluation#toJson()}, so it carries "rows".
     */
    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("min_slice_size", minSliceSize);
        ObjectNode out = root.putObject("slices");
        slices.forEach((key, evaluation) -> out.set(key, evaluation.toJson()));
        ObjectNode small = root.putObject("too_small");
        tooSmall.forEach(small::put);
        return root;
    }
}
