package io.ctkit.serving.internal.model;

import io.ctkit.model.PredictionBatch;
import io.ctkit.model.Task;
import java.util.List;
import java.util.Objects;

/**
 * The predictions for one request: rows {@code [offset, offset + size)} of a scored batch, so a
 * dynamic batch can hand each request its own rows without copying.
 */
public record Scores(PredictionBatch batch, int offset, int size) {

    public Scores {
        Objects.requireNonNull(batch, "batch");
        Objects.checkFromIndexSize(offset, size, batch.size());
    }

    public static Scores of(PredictionBatch predictions) {
        return new Scores(predictions, 0, predictions.size());
    }

    public Task task() {
        return batch.task();
    }

    public List<String> labels() {
        return batch.labels();
    }

    public double value(int row) {
        return batch.value(offset + Objects.checkIndex(row, size));
    }

    public String label(int row) {
        return batch.label(offset + Objects.checkIndex(row, size));
    }

    public int labelIndex(int row) {
        return batch.labelIndex(offset + Objects.checkIndex(row, size));
    }

    public double probability(int row, int label) {
        return batch.probability(offset + Objects.checkIndex(row, size), label);
    }

    /** The first row whose outputs are not all finite, or -1. */
    public int firstNonFinite() {
        int classes = labels().size();
        for (int r = 0; r < size; r++) {
            if (!Double.isFinite(value(r))) {
                return r;
            }
            for (int c = 0; c < classes; c++) {
                if (!Double.isFinite(probability(r, c))) {
                    return r;
                }
            }
        }
        return -1;
    }
}
