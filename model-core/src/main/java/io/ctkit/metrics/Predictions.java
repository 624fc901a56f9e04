package io.ctkit.metrics;

import io.ctkit.model.Task;
import java.util.Objects;

/**
 * Validated, immutable inputs for one evaluation: true labels or targets plus what a model
 * predicted for the same rows. Arrays are copied on the way in.
 *
 * <p>Invalid input (length mismatch, no rows, a label outside the classes, a probability that
 * is NaN or outside [0, 1], a multiclass row not summing to 1) raises an
 * IllegalArgumentException naming the array, the row and the bad value.
 */
public final class Predictions {

    /** How far a multiclass probability row may sum from 1 (float32 softmax output passes). */
    public static final double ROW_SUM_TOLERANCE = 1e-5;

    private final Task task;
    private final int classes;
    private final int[] labels;
    private final double[] scores;
    private final double[][] probabilities;
    private final double[] actual;
    private final double[] predicted;

    private Predictions(Task task, int classes, int[] labels, double[] scores, double[][] probabilities,
            double[] actual, double[] predicted) {
        this.task = task;
        this.classes = classes;
        this.labels = labels;
        this.scores = scores;
        this.probabilities = probabilities;
        this.actual = actual;
        this.predicted = predicted;
    }

    /**
     * Binary classification: {@code labels[i]} is 0 or 1, {@code scores[i]} the predicted
     * probability of class 1, in [0, 1].
     */
    public static Predictions binary(int[] labels, double[] scores) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(scores, "scores");
        checkRows("labels", labels.length, "scores", scores.length);
        checkLabels(labels, 2, "binary labels must be 0 or 1");
        for (int i = 0; i < scores.length; i++) {
            if (!isProbability(scores[i])) {
                throw notAProbability("scores[" + i + "]", scores[i]);
            }
        }
        return new Predictions(Task.BINARY_CLASSIFICATION, 2, labels.clone(), scores.clone(), null, null, null);
    }

    /**
     * Multiclass classification with K = {@code probabilities[0].length} (at least 2) classes:
     * {@code labels[i]} is a class index in 0..K-1 and {@code probabilities[i]} holds one
     * probability per class, each in [0, 1], summing to 1 within {@link #ROW_SUM_TOLERANCE}.
     */
    public static Predictions multiclass(int[] labels, double[][] probabilities) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(probabilities, "probabilities");
        checkRows("labels", labels.length, "probabilities", probabilities.length);
        double[][] copy = new double[probabilities.length][];
        int k = -1;
        for (int i = 0; i < probabilities.length; i++) {
            double[] row = probabilities[i];
            if (row == null) {
                throw new IllegalArgumentException("probabilities[" + i + "] is null: give one probability per class");
            }
            if (k < 0) {
                k = row.length;
                if (k < 2) {
                    throw new IllegalArgumentException("probabilities[0] has " + k
                            + " column(s): multiclass predictions need one probability per class, at least 2");
                }
            } else if (row.length != k) {
                throw new IllegalArgumentException("probabilities[" + i + "] has " + row.length
                        + " columns but probabilities[0] has " + k + ": every row needs one probability per class");
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                if (!isProbability(row[c])) {
                    throw notAProbability("probabilities[" + i + "][" + c + "]", row[c]);
                }
                sum += row[c];
            }
            if (Math.abs(sum - 1.0) > ROW_SUM_TOLERANCE) {
                throw new IllegalArgumentException("probabilities[" + i + "] sums to " + sum
                        + ": each row must sum to 1 (within " + ROW_SUM_TOLERANCE
                        + "); normalise the model output, e.g. with softmax");
            }
            copy[i] = row.clone();
        }
        checkLabels(labels, k, "multiclass labels must be class indices in 0.." + (k - 1));
        return new Predictions(Task.MULTICLASS_CLASSIFICATION, k, labels.clone(), null, copy, null, null);
    }

    /** Regression: finite targets {@code actual} and the model's finite {@code predicted} values. */
    public static Predictions regression(double[] actual, double[] predicted) {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(predicted, "predicted");
        checkRows("actual", actual.length, "predicted", predicted.length);
        checkFinite("actual", actual);
        checkFinite("predicted", predicted);
        return new Predictions(Task.REGRESSION, 0, null, null, null, actual.clone(), predicted.clone());
    }

    /** The task these predictions are for. */
    public Task task() {
        return task;
    }

    /** Number of rows. */
    public int rows() {
        return labels != null ? labels.length : actual.length;
    }

    /** Number of classes: 2 for binary, K for multiclass, 0 for regression. */
    public int classes() {
        return classes;
    }

    /** The true class of every row (classifiers; a copy), or an empty array for regression. */
    public int[] trueLabels() {
        return labels == null ? new int[0] : labels.clone();
    }

    /**
     * Per row, the probability of every class (a copy): binary rows are {@code {1 − score, score}};
     * an empty array for regression.
     */
    public double[][] classProbabilities() {
        if (task == Task.REGRESSION) {
            return new double[0][];
        }
        double[][] out = new double[rows()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = task == Task.BINARY_CLASSIFICATION ? new double[] {1 - scores[r], scores[r]} : probabilities[r].clone();
        }
        return out;
    }

    /** The true values (regression; a copy), or an empty array for classifiers. */
    public double[] actualValues() {
        return actual == null ? new double[0] : actual.clone();
    }

    /** The predicted values (regression; a copy), or an empty array for classifiers. */
    public double[] predictedValues() {
        return predicted == null ? new double[0] : predicted.clone();
    }

    int[] labels() {
        return labels;
    }

    double[] scores() {
        return scores;
    }

    double[][] probabilities() {
        return probabilities;
    }

    double[] actual() {
        return actual;
    }

    double[] predicted() {
        return predicted;
    }

    /** The rows at {@code indices}, in that order; arrays are shared where they are never written. */
    Predictions subset(int[] indices) {
        int n = indices.length;
        switch (task) {
            case BINARY_CLASSIFICATION: {
                int[] l = new int[n];
                double[] s = new double[n];
                for (int i = 0; i < n; i++) {
                    l[i] = labels[indices[i]];
                    s[i] = scores[indices[i]];
                }
                return new Predictions(task, classes, l, s, null, null, null);
            }
            case MULTICLASS_CLASSIFICATION: {
                int[] l = new int[n];
                double[][] p = new double[n][];
                for (int i = 0; i < n; i++) {
                    l[i] = labels[indices[i]];
                    p[i] = probabilities[indices[i]];
                }
                return new Predictions(task, classes, l, null, p, null, null);
            }
            default: {
                double[] a = new double[n];
                double[] p = new double[n];
                for (int i = 0; i < n; i++) {
                    a[i] = actual[indices[i]];
                    p[i] = predicted[indices[i]];
                }
                return new Predictions(task, classes, null, null, null, a, p);
            }
        }
    }

    private static void checkRows(String firstName, int first, String secondName, int second) {
        if (first != second) {
            throw new IllegalArgumentException(firstName + " has " + first + " rows but " + secondName + " has "
                    + second + ": give exactly one prediction per row");
        }
        if (first == 0) {
            throw new IllegalArgumentException("no rows: metrics need at least one prediction");
        }
    }

    private static void checkLabels(int[] labels, int classes, String rule) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + ": " + rule);
            }
        }
    }

    private static boolean isProbability(double value) {
        return value >= 0.0 && value <= 1.0;
    }

    /** Built only on failure: naming the row costs more than the check, a million times over. */
    private static IllegalArgumentException notAProbability(String where, double value) {
        return new IllegalArgumentException(where + " = " + value + ": probabilities must be in [0, 1]");
    }

    private static void checkFinite(String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + values[i]
                        + ": regression values must be finite numbers");
            }
        }
    }
}
