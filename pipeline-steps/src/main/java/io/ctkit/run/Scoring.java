package io.ctkit.run;

import io.ctkit.data.Dataset;
import io.ctkit.metrics.Predictions;
import io.ctkit.model.Model;
import io.ctkit.model.preprocess.InvalidInputException;
import io.ctkit.train.DatasetRows;

/**
 * A model scored on a dataset, and its outputs paired with the true labels for the metrics: the
 * glue that the evaluate and gate stages and the {@code predict}, {@code evaluate} and
 * {@code gate} verbs share, so they judge a model the same way.
 */
public final class Scoring {
    private Scoring() {
    }

    /**
     * Scores every row of {@code data} through model-core's inference (as serving does).
     *
     * @throws IllegalArgumentException naming the file and the data row (counted from 1 after the
     *     header) when the model refuses a row
     */
    public static io.ctkit.model.Predictions score(Model model, Dataset data) {
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

    /** The metrics task of a model task: binary, multiclass or regression. */
    public static io.ctkit.metrics.Task metricsTask(io.ctkit.model.Task task) {
        return switch (task) {
            case REGRESSION -> io.ctkit.metrics.Task.REGRESSION;
            case BINARY_CLASSIFICATION -> io.ctkit.metrics.Task.BINARY;
            default -> io.ctkit.metrics.Task.MULTICLASS;
        };
    }

    /** Pairs the model's outputs with the true labels of {@code data} (read with a label column). */
    public static Predictions truth(Model model, io.ctkit.model.Predictions scored, Dataset data) {
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
                return Predictions.multiclass(data.labelIndices(model.labels()), probabilities(model, scored, n));
            }
        }
    }

    /** The probability of every label, per row: {@code [rows][labels]}. */
    public static double[][] probabilities(Model model, io.ctkit.model.Predictions scored, int rows) {
        int k = model.labels().size();
        double[][] p = new double[rows][k];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < k; c++) {
                p[r][c] = scored.probability(r, c);
            }
        }
        return p;
    }
}
