package io.ctkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EvaluationJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void reportHasTheContractShape() {
        Evaluation evaluation = Evaluator.create().withBootstrap(BootstrapConfig.defaults().withResamples(50))
                .evaluate(SyntheticData.binary(100, 0.3, 1.0, 1));

        ObjectNode json = evaluation.toJson();

        JsonNode auc = json.get("metrics").get("roc_auc");
        assertSoftly(softly -> {
            softly.assertThat(json.get("task").asText()).isEqualTo("binary");
            softly.assertThat(json.get("rows").asInt()).isEqualTo(100);
            softly.assertThat(json.get("threshold").asDouble()).isEqualTo(0.5);
            softly.assertThat(auc.get("value").asDouble()).isEqualTo(evaluation.rocAuc());
            softly.assertThat(auc.get("ci_low").asDouble()).isEqualTo(evaluation.value(Metric.ROC_AUC).interval().low());
            softly.assertThat(auc.get("ci_high").asDouble()).isEqualTo(evaluation.value(Metric.ROC_AUC).interval().high());
            softly.assertThat(auc.get("ci_skipped").asInt()).isZero();
            softly.assertThat(json.get("bootstrap").toString())
                    .isEqualTo("{\"method\":\"percentile\",\"resamples\":50,\"level\":0.95,\"seed\":42}");
            softly.assertThat(json.get("confusion_matrix").size()).isEqualTo(2);
        });
    }

    static Stream<Arguments> reportRoundTripsWithAndWithoutIntervals() {
        return Stream.of(named("without intervals", Evaluator.create()), named("with intervals",
                        Evaluator.create().withBootstrap(BootstrapConfig.defaults().withResamples(30).withSeed(9))))
                .flatMap(evaluator -> Stream.of(named("binary", SyntheticData.binary(80, 0.3, 1.0, 1)),
                                named("multiclass", SyntheticData.multiclass(80, 3, 1.0, 2)),
                                named("regression", SyntheticData.regression(80, 1.0, 3)))
                        .map(predictions -> arguments(evaluator, predictions)));
    }

    @ParameterizedTest
    @MethodSource
    void reportRoundTripsWithAndWithoutIntervals(Evaluator evaluator, Predictions predictions) throws Exception {
        Evaluation evaluation = evaluator.evaluate(predictions);
        String text = MAPPER.writeValueAsString(evaluation.toJson());

        assertThat(Evaluation.fromJson(MAPPER.readTree(text))).isEqualTo(evaluation);
    }

    @Test
    void undefinedValueIsWrittenAsNullWithAReasonAndReadBackAsNaN() {
        Evaluation evaluation = Evaluator.create().withBootstrap(BootstrapConfig.defaults().withResamples(20))
                .evaluate(Predictions.binary(new int[] {1, 1, 1}, new double[] {0.2, 0.5, 0.9}));

        JsonNode auc = evaluation.toJson().get("metrics").get("roc_auc");

        assertSoftly(softly -> {
            softly.assertThat(auc.get("value").isNull()).isTrue();
            softly.assertThat(auc.get("ci_low").isNull()).isTrue();
            softly.assertThat(auc.get("ci_high").isNull()).isTrue();
            softly.assertThat(auc.get("ci_skipped").asInt()).isEqualTo(20);
            softly.assertThat(auc.get("reason").asText())
                    .isEqualTo("undefined: the rows hold a single class (multiclass: some class has no rows)");
            softly.assertThat(Evaluation.fromJson(evaluation.toJson()).rocAuc()).isNaN();
            softly.assertThat(evaluation.toJson().get("metrics").get("accuracy").has("reason")).isFalse();
        });
    }

    @Test
    void minimalReportWithOnlyValuesIsAccepted() throws Exception {
        Evaluation evaluation = Evaluation.fromJson(MAPPER.readTree(
                "{\"task\":\"regression\",\"rows\":10,\"metrics\":{\"rmse\":{\"value\":1.5},\"r2\":{\"value\":null}}}"));

        assertThat(evaluation.rmse()).isEqualTo(1.5);
        assertThat(evaluation.r2()).isNaN();
        assertThat(evaluation.bootstrap()).isEmpty();
        assertThat(evaluation.has(Metric.MAE)).isFalse();
    }

    static Stream<Arguments> malformedReportsAreRejectedWithThePathAndTheValue() {
        return Stream.of(
                arguments("[]", "metrics report: expected a JSON object, got []"),
                arguments("{\"task\":\"ranking\",\"rows\":3,\"metrics\":{}}",
                        "task: unknown task \"ranking\"; expected regression, binary-classification (or binary),"
                                + " multiclass-classification (or multiclass)"),
                arguments("{\"task\":\"binary\",\"rows\":\"3\",\"metrics\":{}}",
                        "rows: expected an integer, got \"3\""),
                arguments("{\"task\":\"binary\",\"rows\":0,\"metrics\":{}}",
                        "rows: an evaluation needs at least one row, got 0"),
                arguments("{\"task\":\"binary\",\"rows\":3,\"threshold\":null,\"metrics\":{}}",
                        "threshold: expected a number in [0, 1], got null"),
                arguments("{\"task\":\"binary\",\"rows\":3}",
                        "metrics: expected an object of metric name to value, got nothing"),
                arguments("{\"task\":\"binary\",\"rows\":3,\"metrics\":{\"f2\":{\"value\":1}}}",
                        "metrics.f2: unknown metric 'f2': known metrics are accuracy, balanced_accuracy, precision,"
                                + " recall, f1, precision_macro, recall_macro, f1_macro, f1_weighted, roc_auc,"
                                + " average_precision, log_loss, brier, mcc, rmse, mae, r2, mape, median_ae"),
                arguments("{\"task\":\"multiclass\",\"rows\":3,\"metrics\":{\"f1\":{\"value\":1}}}",
                        "metrics.f1: metric f1 is not defined for multiclass predictions"),
                arguments("{\"task\":\"binary\",\"rows\":3,\"metrics\":{\"f1\":{\"value\":\"high\"}}}",
                        "metrics.f1.value: expected a number or null, got \"high\""),
                arguments("{\"task\":\"binary\",\"rows\":3,\"metrics\":{\"f1\":0.5}}",
                        "metrics.f1: expected an object like {\"value\": 0.9}, got 0.5"),
                arguments("{\"task\":\"binary\",\"rows\":3,\"metrics\":{\"f1\":{\"value\":0.5,\"ci_low\":0.4}}}",
                        "metrics.f1: ci_low and ci_high must be given together"),
                arguments("{\"task\":\"binary\",\"rows\":3,\"metrics\":{\"f1\":{\"value\":0.5,\"ci_low\":0.4,"
                                + "\"ci_high\":0.6}}}",
                        "metrics.f1 has ci_low/ci_high but the report has no \"bootstrap\" object giving the level"
                                + " and number of resamples"),
                arguments("{\"task\":\"binary\",\"rows\":3,\"metrics\":{},\"bootstrap\":{\"resamples\":10,"
                                + "\"level\":2,\"seed\":1}}",
                        "bootstrap: confidence level must be strictly between 0 and 1, e.g. 0.95: 2.0"),
                arguments("{\"task\":\"binary\",\"rows\":3,\"metrics\":{},\"confusion_matrix\":[[1,2],[3]]}",
                        "confusion_matrix: confusion matrix row 1 has 1 columns, expected 2"),
                arguments("{\"task\":\"binary\",\"rows\":3,\"metrics\":{},\"confusion_matrix\":[[1,2],[3,-1]]}",
                        "confusion_matrix: confusion matrix [1][1] = -1: counts cannot be negative"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void malformedReportsAreRejectedWithThePathAndTheValue(String json, String message) {
        assertThatThrownBy(() -> Evaluation.fromJson(MAPPER.readTree(json)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
