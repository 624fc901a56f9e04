package io.ctkit.scoring;

import io.ctkit.data.Dataset;
import io.ctkit.metrics.Predictions;
import io.ctkit.model.Model;
import io.ctkit.model.PredictionBatch;
import io.ctkit.model.preprocess.InvalidInputException;

/**
 * A model scored on a dataset, and its outputs paired with the true labels for the metrics: what
 * the evaluate and gate steps and the {@code predict} verb share, so they judge a model the same
 * way, through model-core's inference, exactly as the scoring server does.
 */
public final class Scoring {
    private Scoring() {
    }

    /**
     * Scores every row of {@code data}.
     *
     * @throws IllegalArgumentException naming the file and the data row (counted from 1 after the
     *     header) when the model refuses a row
     */
    public static PredictionBatch score(Model model, Dataset data) {
        try {
            return model.predict(DatasetRows.of(data, model.definition().inputs()));
        } catch (InvalidInputException e) {
            if (e.row() >= 0 && e.row() < data.rowCount()) {
                // The batch index is 0-based; users count data rows from 1 after the header.
                throw new IllegalArgumentException(data.source() + ": data row " + (data.sourceRows()[e.row()] + 1)
                        + ": " + e.detail(), e);
            }
            throw new IllegalArgumentException(data.source() + ": " + e.getMessage(), e);
        }
    }

    /** Pairs the model's outputs with the true labels of {@code data} (read with a label column). */
    public static Predictions truth(Model model, PredictionBatch scored, Dataset data) {
        int n = data.rowCount();
        switch (model.task()) {
            case REGRESSION -> {
                return Predictions.regression(data.targets(), scored.values());
            }
            case BINARY_CLASSIFICATION -> {
                double[] scores = new double[n];
                for (int r = 0; r < n; r++) {
                    scores[r] = scored.probability(r, 1);
                }
                return Predictions.binary(data.labelIndices(model.labels()), scores);
            }
            default -> {
                int k = model.labels().size();
                double[][] p = new double[n][k];
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < k; c++) {
                        p[r][c] = scored.probability(r, c);
                    }
                }
                return Predictions.multiclass(data.labelIndices(model.labels()), p);
            }
        }
    }

    /** Scores {@code data} and pairs the outputs with its true labels. */
    public static Predictions scoreWithTruth(Model model, Dataset data) {
        return truth(model, score(model, data), data);
    }
}
