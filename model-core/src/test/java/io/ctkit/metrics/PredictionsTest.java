package io.ctkit.metrics;

import io.ctkit.model.Task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PredictionsTest {

    @Test
    void binaryRejectsMismatchedLengths() {
        assertThatThrownBy(() -> Predictions.binary(new int[] {0, 1, 1}, new double[] {0.2, 0.4}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("labels has 3 rows but scores has 2: give exactly one prediction per row");
    }

    @Test
    void everyTaskRejectsEmptyInput() {
        String message = "no rows: metrics need at least one prediction";
        assertThatThrownBy(() -> Predictions.binary(new int[0], new double[0])).hasMessage(message);
        assertThatThrownBy(() -> Predictions.multiclass(new int[0], new double[0][])).hasMessage(message);
        assertThatThrownBy(() -> Predictions.regression(new double[0], new double[0])).hasMessage(message);
    }

    @Test
    void binaryRejectsLabelsOtherThanZeroAndOne() {
        assertThatThrownBy(() -> Predictions.binary(new int[] {0, 1, 2}, new double[] {0.2, 0.4, 0.9}))
                .hasMessage("labels[2] = 2: binary labels must be 0 or 1");
        assertThatThrownBy(() -> Predictions.binary(new int[] {-1}, new double[] {0.2}))
                .hasMessage("labels[0] = -1: binary labels must be 0 or 1");
    }

    @Test
    void binaryRejectsScoresThatAreNotProbabilities() {
        assertThatThrownBy(() -> Predictions.binary(new int[] {0, 1}, new double[] {0.2, Double.NaN}))
                .hasMessage("scores[1] = NaN: probabilities must be in [0, 1]");
        assertThatThrownBy(() -> Predictions.binary(new int[] {0, 1}, new double[] {1.5, 0.3}))
                .hasMessage("scores[0] = 1.5: probabilities must be in [0, 1]");
        assertThatThrownBy(() -> Predictions.binary(new int[] {0}, new double[] {-0.01}))
                .hasMessage("scores[0] = -0.01: probabilities must be in [0, 1]");
    }

    @Test
    void multiclassRejectsLabelsOutsideTheClasses() {
        double[][] p = {{0.2, 0.3, 0.5}, {0.1, 0.1, 0.8}};
        assertThatThrownBy(() -> Predictions.multiclass(new int[] {0, 3}, p))
                .hasMessage("labels[1] = 3: multiclass labels must be class indices in 0..2");
    }

    @Test
    void multiclassRejectsRaggedOrTooNarrowRows() {
        assertThatThrownBy(() -> Predictions.multiclass(new int[] {0, 1}, new double[][] {{0.5, 0.5}, {1.0}}))
                .hasMessage("probabilities[1] has 1 columns but probabilities[0] has 2: every row needs one probability"
                        + " per class");
        assertThatThrownBy(() -> Predictions.multiclass(new int[] {0}, new double[][] {{1.0}}))
                .hasMessage("probabilities[0] has 1 column(s): multiclass predictions need one probability per class,"
                        + " at least 2");
        assertThatThrownBy(() -> Predictions.multiclass(new int[] {0, 1}, new double[][] {{0.5, 0.5}, null}))
                .hasMessage("probabilities[1] is null: give one probability per class");
    }

    @Test
    void multiclassRejectsInvalidProbabilities() {
        assertThatThrownBy(() -> Predictions.multiclass(new int[] {0, 1},
                new double[][] {{0.5, 0.5}, {Double.NaN, 0.5}}))
                .hasMessage("probabilities[1][0] = NaN: probabilities must be in [0, 1]");
        assertThatThrownBy(() -> Predictions.multiclass(new int[] {0, 1},
                new double[][] {{0.5, 0.5}, {0.6, 0.3}}))
                .hasMessage("probabilities[1] sums to 0.8999999999999999: each row must sum to 1 (within 1.0E-5);"
                        + " normalise the model output, e.g. with softmax");
    }

    @Test
    void multiclassAcceptsFloat32RoundingInRowSums() {
        float[] softmax = {0.1f, 0.2f, 0.7f};
        Predictions p = Predictions.multiclass(new int[] {2},
                new double[][] {{softmax[0], softmax[1], softmax[2]}});
        assertThat(p.classes()).isEqualTo(3);
    }

    @Test
    void regressionRejectsNonFiniteValues() {
        assertThatThrownBy(() -> Predictions.regression(new double[] {1, 2}, new double[] {1, Double.POSITIVE_INFINITY}))
                .hasMessage("predicted[1] = Infinity: regression values must be finite numbers");
        assertThatThrownBy(() -> Predictions.regression(new double[] {Double.NaN}, new double[] {1}))
                .hasMessage("actual[0] = NaN: regression values must be finite numbers");
    }

    @Test
    void inputsAreCopied() {
        int[] labels = {0, 1};
        double[] scores = {0.2, 0.9};
        Predictions p = Predictions.binary(labels, scores);
        labels[0] = 1;
        scores[0] = 0.99;

        Evaluation e = Evaluator.create().evaluate(p);
        assertThat(e.accuracy()).isEqualTo(1.0);
        assertThat(p.rows()).isEqualTo(2);
        assertThat(p.task()).isEqualTo(Task.BINARY_CLASSIFICATION);
    }
}
