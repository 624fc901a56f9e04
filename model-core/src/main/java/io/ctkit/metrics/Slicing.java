package io.ctkit.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Splits rows by slice key and evaluates each large-enough slice with the same settings. */
final class Slicing {

    private Slicing() {
    }

    static SlicedEvaluation evaluate(Evaluator evaluator, Predictions predictions, String[] sliceKeys,
            int minSliceSize) {
        Objects.requireNonNull(sliceKeys, "sliceKeys");
        if (minSliceSize < 1) {
            throw new IllegalArgumentException("minimum slice size must be at least 1: " + minSliceSize);
        }
        if (sliceKeys.length != predictions.rows()) {
            throw new IllegalArgumentException("sliceKeys has " + sliceKeys.length + " rows but the predictions have "
                    + predictions.rows() + ": give one slice key per row");
        }
        Map<String, int[]> rowsByKey = group(sliceKeys);
        Map<String, Evaluation> slices = new TreeMap<>();
        Map<String, Integer> tooSmall = new TreeMap<>();
        rowsByKey.forEach((key, rows) -> {
            if (rows.length < minSliceSize) {
                tooSmall.put(key, rows.length);
            } else {
                slices.put(key, evaluator.evaluate(predictions.subset(rows)));
            }
        });
        return new SlicedEvaluation(minSliceSize, slices, tooSmall);
    }

    /** Row indices per key, in row order. */
    private static Map<String, int[]> group(String[] keys) {
        Map<String, int[]> counts = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == null) {
                throw new IllegalArgumentException("sliceKeys[" + i + "] is null: give every row a slice key,"
                        + " e.g. \"(missing)\"");
            }
            counts.computeIfAbsent(keys[i], k -> new int[1])[0]++;
        }
        Map<String, int[]> rows = new HashMap<>();
        counts.forEach((key, count) -> {
            rows.put(key, new int[count[0]]);
            count[0] = 0; // reused below as the fill position
        });
        for (int i = 0; i < keys.length; i++) {
            rows.get(keys[i])[counts.get(keys[i])[0]++] = i;
        }
        return rows;
    }
}
