package io.ctkit.model;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The predictions for a batch of rows, read from the network's outputs according to the task:
 *
 * <ul>
 *   <li>regression: {@link #value} is the single output unit;
 *   <li>binary: the score {@code p} is the sigmoid unit, or the second of two softmax units;
 *       probabilities are {@code [1 - p, p]} (softmax: the two units as computed) and the label is
 *       {@code labels[1]} when {@code p >= 0.5}, else {@code labels[0]};
 *   <li>multiclass: probabilities are the softmax units and the label is the arg-max (the first
 *       on ties).
 * </ul>
 *
 * Immutable.
 */
public final class PredictionBatch extends AbstractList<Prediction> {

    private final Task task;
    private final List<String> labels;
    private final int size;
    private final double[] values;
    private final double[] probabilities;
    private final int[] labelIndex;

    PredictionBatch(Task task, List<String> labels, double[] outputs, int rows, int width) {
        this.task = task;
        this.labels = labels;
        this.size = rows;
        this.values = new double[rows];
        int classes = labels.size();
        this.probabilities = new double[rows * classes];
        this.labelIndex = new int[task.isClassification() ? rows : 0];
        for (int r = 0; r < rows; r++) {
            int at = r * width;
            switch (task) {
                case REGRESSION -> values[r] = outputs[at];
                case BINARY_CLASSIFICATION -> {
                    double p = width == 1 ? outputs[at] : outputs[at + 1];
                    probabilities[2 * r] = width == 1 ? 1.0 - p : outputs[at];
                    probabilities[2 * r + 1] = p;
                    labelIndex[r] = p >= 0.5 ? 1 : 0;
                    values[r] = p;
                }
                case MULTICLASS_CLASSIFICATION -> {
                    int best = 0;
                    for (int c = 1; c < classes; c++) {
                        if (outputs[at + c] > outputs[at + best]) {
                            best = c;
                        }
                    }
                    System.arraycopy(outputs, at, probabilities, r * classes, classes);
                    labelIndex[r] = best;
                    values[r] = outputs[at + best];
                }
            }
        }
    }

    public Task task() {
        return task;
    }

    /** The class labels, in probability order; empty for regression. */
    public List<String> labels() {
        return labels;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Prediction get(int row) {
        Objects.checkIndex(row, size);
        List<Double> probs = new ArrayList<>(labels.size());
        for (int c = 0; c < labels.size(); c++) {
            probs.add(probabilities[row * labels.size() + c]);
        }
        return new Prediction(values[row], label(row), probs);
    }

    /** See {@link Prediction#value()}. */
    public double value(int row) {
        Objects.checkIndex(row, size);
        return values[row];
    }

    /** The predicted label; {@code null} for regression. */
    public String label(int row) {
        Objects.checkIndex(row, size);
        return task.isClassification() ? labels.get(labelIndex[row]) : null;
    }

    /** The index of the predicted label in {@link #labels()}; -1 for regression. */
    public int labelIndex(int row) {
        Objects.checkIndex(row, size);
        return task.isClassification() ? labelIndex[row] : -1;
    }

    /** The probability of {@code labels().get(labelIndex)} for a row. */
    public double probability(int row, int labelIndex) {
        Objects.checkIndex(row, size);
        Objects.checkIndex(labelIndex, labels.size());
        return probabilities[row * labels.size() + labelIndex];
    }

    /** All values, one per row (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** All probabilities, row-major {@code [size(), labels().size()]} (a copy); empty for regression. */
    public double[] probabilities() {
        return probabilities.clone();
    }
}
