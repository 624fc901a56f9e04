package io.ctkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The expected calibration error against numpy's (fixtures/metrics/ece.py), and its edge cases. */
class ExpectedCalibrationErrorTest {

    @TestFactory
    List<DynamicTest> matchesNumpy() throws IOException {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/metrics/ece.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (JsonNode c : fixture.get("cases")) {
            int bins = c.get("bins").asInt();
            int[] labels = MetricsReferenceTest.ints(c.get("labels"));
            String name = "case " + i++ + " (" + c.get("task").asText() + ", " + labels.length + " rows, " + bins + " bins)";
            if (c.get("task").asText().equals("binary")) {
                Predictions p = Predictions.binary(labels, MetricsReferenceTest.doubles(c.get("scores")));
                tests.add(dynamicTest(name + ": positive class", () -> assertThat(CalibrationCurve.of(p, bins,
                        CalibrationCurve.Strategy.UNIFORM).expectedCalibrationError())
                        .isCloseTo(c.get("positive").asDouble(), within(1e-12))));
                tests.add(dynamicTest(name + ": top label", () -> assertThat(CalibrationCurve.topLabel(p, bins,
                        CalibrationCurve.Strategy.UNIFORM).expectedCalibrationError())
                        .isCloseTo(c.get("top_label").asDouble(), within(1e-12))));
            } else {
                JsonNode rows = c.get("probabilities");
                double[][] probabilities = new double[rows.size()][];
                for (int r = 0; r < probabilities.length; r++) {
                    probabilities[r] = MetricsReferenceTest.doubles(rows.get(r));
                }
                Predictions p = Predictions.multiclass(labels, probabilities);
                tests.add(dynamicTest(name + ": top label", () -> assertThat(CalibrationCurve.topLabel(p, bins,
                        CalibrationCurve.Strategy.UNIFORM).expectedCalibrationError())
                        .isCloseTo(c.get("top_label").asDouble(), within(1e-12))));
            }
        }
        return tests;
    }

    @Test
    void isZeroWhenEveryBinsFrequencyIsItsMeanProbability() {
        Predictions p = Predictions.binary(new int[] {0, 1, 0, 1}, new double[] {0.5, 0.5, 0.5, 0.5});

        assertThat(CalibrationCurve.of(p, 10, CalibrationCurve.Strategy.UNIFORM).expectedCalibrationError()).isZero();
    }

    @Test
    void isTheGapOfASingleConfidentlyWrongBin() {
        Predictions p = Predictions.binary(new int[] {0, 0}, new double[] {0.95, 0.95});

        assertThat(CalibrationCurve.of(p, 10, CalibrationCurve.Strategy.UNIFORM).expectedCalibrationError())
                .isCloseTo(0.95, within(1e-15));
        assertThat(CalibrationCurve.topLabel(p, 10, CalibrationCurve.Strategy.UNIFORM).expectedCalibrationError())
                .isCloseTo(0.95, within(1e-15));
    }
}
