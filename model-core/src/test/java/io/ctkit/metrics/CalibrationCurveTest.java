package io.ctkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import org.junit.jupiter.api.Test;

class CalibrationCurveTest {

    @Test
    void uniformBinsKeepEmptyBinsAndPutEdgeValuesInTheLowerBin() {
        Predictions predictions = Predictions.binary(new int[] {0, 1, 1, 0, 1},
                new double[] {0.0, 0.25, 0.5, 0.5, 0.9});

        CalibrationCurve curve = CalibrationCurve.of(predictions, 4, CalibrationCurve.Strategy.UNIFORM);

        assertSoftly(softly -> {
            softly.assertThat(curve.bins()).extracting(CalibrationCurve.Bin::count).containsExactly(2, 2, 0, 1);
            softly.assertThat(curve.bins().get(1).fractionPositive()).isEqualTo(0.5);
            softly.assertThat(curve.bins().get(1).meanPredicted()).isEqualTo(0.5);
            softly.assertThat(curve.bins().get(2).meanPredicted()).isNaN();
            softly.assertThat(curve.fractionOfPositives()).containsExactly(0.5, 0.5, 1.0);
            softly.assertThat(curve.meanPredicted()).containsExactly(0.125, 0.5, 0.9);
        });
    }

    @Test
    void quantileBinsHoldSimilarCounts() {
        Predictions predictions = SyntheticData.binary(1000, 0.3, 1.0, 2);

        CalibrationCurve curve = CalibrationCurve.of(predictions, 10, CalibrationCurve.Strategy.QUANTILE);

        assertThat(curve.bins()).allSatisfy(bin -> assertThat(bin.count()).isBetween(99, 101));
    }

    private static final Predictions THREE_CLASSES = Predictions.multiclass(new int[] {0, 1, 2, 2},
            new double[][] {{0.7, 0.2, 0.1}, {0.2, 0.7, 0.1}, {0.1, 0.1, 0.8}, {0.3, 0.3, 0.4}});

    @Test
    void multiclassIsCalibratedOneClassAtATime() {
        CalibrationCurve curve = CalibrationCurve.of(THREE_CLASSES, 2, 2, CalibrationCurve.Strategy.UNIFORM);

        assertThat(curve.fractionOfPositives()).containsExactly(1.0 / 3, 1.0);
    }

    @Test
    void multiclassCalibrationNeedsAClassIndex() {
        assertThatThrownBy(() -> CalibrationCurve.of(THREE_CLASSES, 3, CalibrationCurve.Strategy.UNIFORM))
                .hasMessageStartingWith("calibration of multiclass predictions needs a class index");
    }

    @Test
    void classIndexMustBeOneOfTheClasses() {
        assertThatThrownBy(() -> CalibrationCurve.of(THREE_CLASSES, 3, 2, CalibrationCurve.Strategy.UNIFORM))
                .hasMessage("class index 3 is outside 0..2");
    }

    @Test
    void binaryClassZeroUsesOneMinusTheScore() {
        Predictions predictions = Predictions.binary(new int[] {0, 1}, new double[] {0.25, 0.75});

        CalibrationCurve curve = CalibrationCurve.of(predictions, 0, 2, CalibrationCurve.Strategy.UNIFORM);

        assertThat(curve.meanPredicted()).containsExactly(0.25, 0.75);
        assertThat(curve.fractionOfPositives()).containsExactly(0.0, 1.0);
    }

    @Test
    void needsAtLeastOneBin() {
        Predictions predictions = Predictions.binary(new int[] {0}, new double[] {0.2});
        assertThatThrownBy(() -> CalibrationCurve.of(predictions, 0, CalibrationCurve.Strategy.QUANTILE))
                .hasMessage("calibration needs at least 1 bin: 0");
    }
}
