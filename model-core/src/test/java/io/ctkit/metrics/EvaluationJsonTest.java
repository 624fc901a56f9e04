package io.ctkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class EvaluationJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void reportHasTheContractShape() {
        Evaluation evaluation = Evaluator.create().withBootstrap(BootstrapConfig.defaults().withResamples(50))
                .evaluate(SyntheticData.binary(100, 0.3, 1.0, 1));

        ObjectNode json = evaluation.toJson();

        assertThat(json.get("task").asText()).isEqualTo("binary");
        assertThat(json.get("rows").asInt()).isEqualTo(100);
        assertThat(json.get("threshold").asDouble()).isEqualTo(0.5);
        JsonNode auc = json.get("metrics").get("roc_auc");
        assertThat(auc.get("value").asDouble()).isEqualTo(evaluation.rocAuc());
        assertThat(auc.get("ci_low").asDouble()).isEqualTo(evaluation.value(Metric.ROC_AUC).interval().low());
        assertThat(auc.get("ci_high").asDouble()).isEqualTo(evaluation.value(Metric.ROC_AUC).interval().high());
        assertThat(auc.get("ci_skipped").asInt()).isZero();
        assertThat(json.get("bootstrap").toString())
                .isEqualTo("{\"method\":\"percentile\",\"resamples\":50,\"level\":0.95,\"seed\":42}");
        assertThat(json.get("confusion_matrix").size()).isEqualTo(2);
    }

    @Test
    void reportRoundTripsWithAndWithoutIntervals() throws Exception {
        for (Evaluator evaluator : new Evaluator[] {Evaluator.create(),
                Evaluator.create().withBootstrap(BootstrapConfig.defaults().withResamples(30).withSeed(9))}) {
            for (Predictions predictions : new Predictions[] {SyntheticData.binary(80, 0.3, 1.0, 1),
                    SyntheticData.multiclass(80, 3, 1.0, 2), SyntheticData.regression(80, 1.0, 3)}) {
                Evaluation evaluation = evaluator.evaluate(predictions);
                String text = MAPPER.writeValueAsString(evaluation.toJson());

                assertThat(Evaluation.fromJson(MAPPER.readTree(text))).isEqualTo(evaluation);
            }
        }
    }

    @Test
    void undefinedValueIsWrittenAsNullWithAReasonAndReadBackAsNaN() {
        Evaluation evaluation = Evaluator.create().withBootstrap(BootstrapConfig.defaults().withResamples(20))
                .evaluate(Predictions.binary(new int[] {1, 1, 1}, new double[] {0.2, 0.5, 0.9}));

        JsonNode auc = evaluation.toJson().get("metrics").get("roc_auc");

        assertThat(auc.get("value").isNull()).isTrue();
        assertThat(auc.get("ci_low").isNull()).isTrue();
        assertThat(auc.get("ci_high").isNull()).isTrue();
        assertThat(auc.get("ci_skipped").asInt()).isEqualTo(20);
        assertThat(auc.get("reason").asText())
                .isEqualTo("undefined: the rows hold a single class (multiclass: some class has no rows)");
        assertThat(Evaluation.fromJson(evaluation.toJson()).rocAuc()).isNaN();
        assertThat(evaluation.toJson().get("metrics").get("accuracy").has("reason")).isFalse();
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

    @Test
    void malformedReportsAreRejectedWithThePathAndTheValue() {
        assertRejected("[]", "metrics report: expected a JSON object, got []");
        assertRejected("{\"task\":\"ranking\",\"rows\":3,\"metrics\":{}}",
                "task: unknown task \"ranking\"; expected regression, binary-classification (or binary),"
                        + " multiclass-classification (or multiclass)");
        assertRejected("{\"task\":\"binary\",\"rows\":\"3\",\"metrics\":{}}", "rows: expected an integer, got \"3\"");
        assertRejected("{\"task\":\"binary\",\"rows\":0,\"metrics\":{}}",
                "rows: an evaluation needs at least one row, got 0");
        assertRejected("{\"task\":\"binary\",\"rows\":3,\"threshold\":null,\"metrics\":{}}",
                "threshold: expected a number in [0, 1], got null");
        assertRejected("{\"task\":\"binary\",\"rows\":3}", "metrics: expected an object of metric name to value, got nothing");
        assertRejected("{\"task\":\"binary\",\"rows\":3,\"metrics\":{\"f2\":{\"value\":1}}}",
                "metrics.f2: unknown metric 'f2': known metrics are accuracy, balanced_accuracy, precision, recall, f1,"
                        + " precision_macro, recall_macro, f1_macro, f1_weighted, roc_auc, average_precision, log_loss,"
                        + " brier, mcc, rmse, mae, r2, mape, median_ae");
        assertRejected("{\"task\":\"multiclass\",\"rows\":3,\"metrics\":{\"f1\":{\"value\":1}}}",
                "metrics.f1: metric f1 is not defined for multiclass predictions");
        assertRejected("{\"task\":\"binary\",\"rows\":3,\"metrics\":{\"f1\":{\"value\":\"high\"}}}",
                "metrics.f1.value: expected a number or null, got \"high\"");
        assertRejected("{\"task\":\"binary\",\"rows\":3,\"metrics\":{\"f1\":0.5}}",
                "metrics.f1: expected an object like {\"value\": 0.9}, got 0.5");
        assertRejected("{\"task\":\"binary\",\"rows\":3,\"metrics\":{\"f1\":{\"value\":0.5,\"ci_low\":0.4}}}",
                "metrics.f1: ci_low and ci_high must be given together");
        assertRejected("{\"task\":\"binary\",\"rows\":3,\"metrics\":{\"f1\":{\"value\":0.5,\"ci_low\":0.4,\"ci_high\":0.6}}}",
                "metrics.f1 has ci_low/ci_high but the report has no \"bootstrap\" object giving the level and number"
                        + " of resamples");
        assertRejected("{\"task\":\"binary\",\"rows\":3,\"metrics\":{},\"bootstrap\":{\"resamples\":10,\"level\":2,"
                + "\"seed\":1}}", "bootstrap: confidence level must be strictly between 0 and 1, e.g. 0.95: 2.0");
        assertRejected("{\"task\":\"binary\",\"rows\":3,\"metrics\":{},\"confusion_matrix\":[[1,2],[3]]}",
                "confusion_matrix: confusion matrix row 1 has 1 columns, expected 2");
        assertRejected("{\"task\":\"binary\",\"rows\":3,\"metrics\":{},\"confusion_matrix\":[[1,2],[3,-1]]}",
                "confusion_matrix: confusion matrix [1][1] = -1: counts cannot be negative");
    }

    private static void assertRejected(String json, String message) {
        assertThatThrownBy(() -> Evaluation.fromJson(MAPPER.readTree(json)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
