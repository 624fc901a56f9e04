package io.ctkit.metrics;

import io.ctkit.model.Task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PredictionsTest {

    @Test
    void binaryRejectsMismatchedLengths() {
        assertThatThrownBy(() -> Predictions.binary(new int[] {0, 1, 1}, new double[] {0.2, 0.4}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("labels has 3 rows but scores has 2: give exactly one prediction per row");
    }

    static Stream<Named<ThrowingCallable>> everyTaskRejectsEmptyInput() {
        return Stream.of(
                named("binary", () -> Predictions.binary(new int[0], new double[0])),
                named("multiclass", () -> Predictions.multiclass(new int[0], new double[0][])),
                named("regression", () -> Predictions.regression(new double[0], new double[0])));
    }

    @ParameterizedTest
    @MethodSource
    void everyTaskRejectsEmptyInput(ThrowingCallable emptyPredictions) {
        assertThatThrownBy(emptyPredictions).hasMessage("no rows: metrics need at least one prediction");
    }

    static Stream<Arguments> binaryRejectsLabelsOtherThanZeroAndOne() {
        return Stream.of(
                arguments(new int[] {0, 1, 2}, new double[] {0.2, 0.4, 0.9}, "labels[2] = 2: binary labels must be 0 or 1"),
                arguments(new int[] {-1}, new double[] {0.2}, "labels[0] = -1: binary labels must be 0 or 1"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource
    void binaryRejectsLabelsOtherThanZeroAndOne(int[] labels, double[] scores, String message) {
        assertThatThrownBy(() -> Predictions.binary(labels, scores)).hasMessage(message);
    }

    static Stream<Arguments> binaryRejectsScoresThatAreNotProbabilities() {
        return Stream.of(
                arguments(new int[] {0, 1}, new double[] {0.2, Double.NaN}, "scores[1] = NaN: probabilities must be in [0, 1]"),
                arguments(new int[] {0, 1}, new double[] {1.5, 0.3}, "scores[0] = 1.5: probabilities must be in [0, 1]"),
                arguments(new int[] {0}, new double[] {-0.01}, "scores[0] = -0.01: probabilities must be in [0, 1]"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource
    void binaryRejectsScoresThatAreNotProbabilities(int[] labels, double[] scores, String message) {
        assertThatThrownBy(() -> Predictions.binary(labels, scores)).hasMessage(message);
    }

    @Test
    void multiclassRejectsLabelsOutsideTheClasses() {
        double[][] p = {{0.2, 0.3, 0.5}, {0.1, 0.1, 0.8}};
        assertThatThrownBy(() -> Predictions.multiclass(new int[] {0, 3}, p))
                .hasMessage("labels[1] = 3: multiclass labels must be class indices in 0..2");
    }

    static Stream<Arguments> multiclassRejectsRaggedOrTooNarrowRows() {
        return Stream.of(
                arguments(new int[] {0, 1}, new double[][] {{0.5, 0.5}, {1.0}},
                        "probabilities[1] has 1 columns but probabilities[0] has 2: every row needs one probability"
                                + " per class"),
                arguments(new int[] {0}, new double[][] {{1.0}},
                        "probabilities[0] has 1 column(s): multiclass predictions need one probability per class,"
                                + " at least 2"),
                arguments(new int[] {0, 1}, new double[][] {{0.5, 0.5}, null},
                        "probabilities[1] is null: give one probability per class"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource
    void multiclassRejectsRaggedOrTooNarrowRows(int[] labels, double[][] probabilities, String message) {
        assertThatThrownBy(() -> Predictions.multiclass(labels, probabilities)).hasMessage(message);
    }

    static Stream<Arguments> multiclassRejectsInvalidProbabilities() {
        return Stream.of(
                arguments(new int[] {0, 1}, new double[][] {{0.5, 0.5}, {Double.NaN, 0.5}},
                        "probabilities[1][0] = NaN: probabilities must be in [0, 1]"),
                arguments(new int[] {0, 1}, new double[][] {{0.5, 0.5}, {0.6, 0.3}},
                        "probabilities[1] sums to 0.8999999999999999: each row must sum to 1 (within 1.0E-5);"
                                + " normalise the model output, e.g. with softmax"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource
    void multiclassRejectsInvalidProbabilities(int[] labels, double[][] probabilities, String message) {
        assertThatThrownBy(() -> Predictions.multiclass(labels, probabilities)).hasMessage(message);
    }

    @Test
    void multiclassAcceptsFloat32RoundingInRowSums() {
        float[] softmax = {0.1f, 0.2f, 0.7f};
        Predictions p = Predictions.multiclass(new int[] {2},
                new double[][] {{softmax[0], softmax[1], softmax[2]}});
        assertThat(p.classes()).isEqualTo(3);
    }

    static Stream<Arguments> regressionRejectsNonFiniteValues() {
        return Stream.of(
                arguments(new double[] {1, 2}, new double[] {1, Double.POSITIVE_INFINITY},
                        "predicted[1] = Infinity: regression values must be finite numbers"),
                arguments(new double[] {Double.NaN}, new double[] {1},
                        "actual[0] = NaN: regression values must be finite numbers"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource
    void regressionRejectsNonFiniteValues(double[] actual, double[] predicted, String message) {
        assertThatThrownBy(() -> Predictions.regression(actual, predicted)).hasMessage(message);
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
