package io.ctkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every metric against scikit-learn on the cases of fixtures/metrics/cases.json (made by
 * generate.py next to it). Values must agree within 1e-9, relative above magnitude 1.
 */
class MetricsReferenceTest {

    private static final double TOLERANCE = 1e-9;
    private static final JsonNode FIXTURE = load();

    @Test
    void fixtureCoversEveryTaskWithManyCases() {
        Map<String, Long> perTask = cases().collect(Collectors.groupingBy(c -> c.get("task").asText(),
                Collectors.counting()));
        assertThat(perTask).containsOnlyKeys("binary", "multiclass", "regression");
        assertThat(perTask.values()).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(15));
    }

    @TestFactory
    Stream<DynamicTest> everyMetricMatchesScikitLearn() {
        return cases().map(c -> dynamicTest(c.get("name").asText(), () -> {
            Evaluation evaluation = evaluatorFor(c).evaluate(predictionsOf(c));
            JsonNode expected = c.get("expected");
            List<String> expectedKeys = new ArrayList<>();
            expected.fieldNames().forEachRemaining(expectedKeys::add);
            assertThat(evaluation.values().keySet().stream().map(Metric::key))
                    .containsExactlyInAnyOrderElementsOf(expectedKeys);
            assertSoftly(softly -> {
                for (String key : expectedKeys) {
                    assertClose(softly, key, evaluation.get(Metric.fromKey(key)), expected.get(key));
                }
            });
        }));
    }

    @TestFactory
    Stream<DynamicTest> confusionMatrixMatchesScikitLearn() {
        return cases().filter(c -> c.has("confusion_matrix")).map(c -> dynamicTest(c.get("name").asText(), () -> {
            ConfusionMatrix matrix = evaluatorFor(c).evaluate(predictionsOf(c)).confusionMatrix().orElseThrow();
            assertThat(matrix.toArray()).isDeepEqualTo(longMatrix(c.get("confusion_matrix")));
        }));
    }

    @TestFactory
    Stream<DynamicTest> calibrationCurveMatchesScikitLearn() {
        return cases().filter(c -> c.has("calibration")).flatMap(c -> {
            Predictions predictions = predictionsOf(c);
            return StreamSupport.stream(c.get("calibration").spliterator(), false).map(expected -> dynamicTest(
                    c.get("name").asText() + " " + expected.get("strategy").asText() + " " + expected.get("bins"),
                    () -> {
                        CalibrationCurve curve = CalibrationCurve.of(predictions, expected.get("bins").asInt(),
                                CalibrationCurve.Strategy.valueOf(expected.get("strategy").asText().toUpperCase()));
                        double[] edges = doubles(expected.get("edges"));
                        assertThat(curve.bins()).hasSize(edges.length - 1);
                        assertSoftly(softly -> {
                            for (int b = 0; b < curve.bins().size(); b++) {
                                softly.assertThat(curve.bins().get(b).lower()).as("lower edge %d", b)
                                        .isEqualTo(edges[b]);
                                softly.assertThat(curve.bins().get(b).upper()).as("upper edge %d", b)
                                        .isEqualTo(edges[b + 1]);
                            }
                            softly.assertThat(curve.bins().stream().mapToInt(CalibrationCurve.Bin::count).toArray())
                                    .containsExactly(ints(expected.get("counts")));
                            assertAllClose(softly, "prob_true", curve.fractionOfPositives(),
                                    doubles(expected.get("prob_true")));
                            assertAllClose(softly, "prob_pred", curve.meanPredicted(),
                                    doubles(expected.get("prob_pred")));
                        });
                    }));
        });
    }

    @TestFactory
    Stream<DynamicTest> percentilesMatchNumpy() {
        return StreamSupport.stream(FIXTURE.get("percentiles").spliterator(), false).map(c -> dynamicTest(
                "percentiles of " + c.get("values").size() + " values", () -> {
                    double[] sorted = doubles(c.get("values"));
                    Arrays.sort(sorted);
                    double[] fractions = doubles(c.get("fractions"));
                    double[] expected = doubles(c.get("expected"));
                    assertSoftly(softly -> {
                        for (int q = 0; q < fractions.length; q++) {
                            softly.assertThat(Quantiles.linear(sorted, sorted.length, fractions[q]))
                                    .as("quantile %s", fractions[q]).isEqualTo(expected[q]);
                        }
                    });
                }));
    }

    static Predictions predictionsOf(JsonNode c) {
        switch (c.get("task").asText()) {
            case "binary":
                return Predictions.binary(ints(c.get("labels")), doubles(c.get("scores")));
            case "multiclass": {
                JsonNode rows = c.get("probabilities");
                double[][] p = new double[rows.size()][];
                for (int i = 0; i < p.length; i++) {
                    p[i] = doubles(rows.get(i));
                }
                return Predictions.multiclass(ints(c.get("labels")), p);
            }
            default:
                return Predictions.regression(doubles(c.get("y_true")), doubles(c.get("y_pred")));
        }
    }

    private static Evaluator evaluatorFor(JsonNode c) {
        Evaluator evaluator = Evaluator.create();
        return c.has("threshold") ? evaluator.withThreshold(c.get("threshold").asDouble()) : evaluator;
    }

    private static void assertClose(SoftAssertions softly, String what, double actual, JsonNode expected) {
        if (expected.isNull()) {
            softly.assertThat(actual).as("%s (undefined in sklearn)", what).isNaN();
        } else {
            double e = expected.asDouble();
            softly.assertThat(actual).as(what).isCloseTo(e, org.assertj.core.data.Offset.offset(
                    TOLERANCE * Math.max(1.0, Math.abs(e))));
        }
    }

    private static void assertAllClose(SoftAssertions softly, String what, double[] actual, double[] expected) {
        softly.assertThat(actual).as(what).hasSize(expected.length);
        for (int i = 0; i < Math.min(actual.length, expected.length); i++) {
            softly.assertThat(actual[i]).as("%s[%d]", what, i).isCloseTo(expected[i],
                    org.assertj.core.data.Offset.offset(TOLERANCE));
        }
    }

    static Stream<JsonNode> cases() {
        return StreamSupport.stream(FIXTURE.get("cases").spliterator(), false);
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static long[][] longMatrix(JsonNode rows) {
        long[][] out = new long[rows.size()][];
        for (int t = 0; t < out.length; t++) {
            out[t] = new long[rows.get(t).size()];
            for (int p = 0; p < out[t].length; p++) {
                out[t][p] = rows.get(t).get(p).asLong();
            }
        }
        return out;
    }

    private static JsonNode load() {
        try (InputStream in = MetricsReferenceTest.class.getResourceAsStream("/fixtures/metrics/cases.json")) {
            if (in == null) {
                throw new IllegalStateException("fixtures/metrics/cases.json is missing: run generate.py");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read fixtures/metrics/cases.json", e);
        }
    }
}
