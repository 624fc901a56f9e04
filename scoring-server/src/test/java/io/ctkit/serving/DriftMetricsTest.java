package io.ctkit.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics counts what was scored: inputs per bin, category and missing; predictions per label and bin. */
class DriftMetricsTest {

    @TempDir
    Path tmp;

    @Test
    void classifierInputsAndLabelsAreCounted() throws Exception {
        try (RunningServer server = RunningServer.start("--model", TestBundles.WINE.toString())) {
            server.given().contentType("application/json").body(ProtocolTest.wineTensor("FP64"))
                    .post("/v2/models/wine-classifier/infer").then().statusCode(200);
            var expected = ProtocolTest.wineExpected();
            String text = server.given().get("/metrics").then().statusCode(200).extract().asString();
            // alcohol is 12.85, 12.33 and 13.4: all in the bin (10, 25]; proline 1015, 750, 630 in (500, 1000] and (1000, 10000]
            long class0 = java.util.stream.IntStream.range(0, 3).filter(r -> expected.labelIndex(r) == 0).count();
            // one contains with every line: a failure lists all that are missing
            assertThat(text).contains("ctkit_input_bin_total{input=\"alcohol\",upper=\"25\",version=\"1\"} 3.0",
                    "ctkit_input_bin_total{input=\"alcohol\",upper=\"10\",version=\"1\"} 0.0",
                    "ctkit_input_bin_total{input=\"proline\",upper=\"1000\",version=\"1\"} 2.0",
                    "ctkit_input_bin_total{input=\"proline\",upper=\"10000\",version=\"1\"} 1.0",
                    "ctkit_input_sum{input=\"alcohol\",version=\"1\"} " + (12.85 + 12.33 + 13.4),
                    "ctkit_input_missing_total{input=\"alcohol\",version=\"1\"} 0.0",
                    "ctkit_request_rows_sum{endpoint=\"v2_infer\"} 3.0",
                    "ctkit_prediction_probability_count{label=\"class_0\",version=\"1\"} 3",
                    "ctkit_prediction_label_total{label=\"class_0\",version=\"1\"} " + (double) class0);
        }
    }

    @Test
    void categoriesAndMissingValuesAreCounted() throws Exception {
        TestBundles.mixed(tmp.resolve("mixed"));
        try (RunningServer mixed = RunningServer.start("--model", tmp.resolve("mixed").toString())) {
            mixed.given().contentType("application/json")
                    .body("{\"instances\":[{\"amount\":-3,\"channel\":\"email\"},{\"channel\":\"fax\",\"text\":\"a b\"},{}]}")
                    .post("/v1/models/mixed:predict").then().statusCode(200);
            String text = mixed.given().get("/metrics").then().extract().asString();
            assertThat(text).contains("ctkit_input_category_total{input=\"channel\",value=\"email\",version=\"1\"} 1.0",
                    "ctkit_input_category_total{input=\"channel\",value=\"search\",version=\"1\"} 0.0",
                    "ctkit_input_category_total{input=\"channel\",value=\"__other__\",version=\"1\"} 1.0",
                    "ctkit_input_missing_total{input=\"channel\",version=\"1\"} 1.0",
                    "ctkit_input_missing_total{input=\"amount\",version=\"1\"} 2.0",
                    "ctkit_input_missing_total{input=\"text\",version=\"1\"} 2.0",
                    "ctkit_input_bin_total{input=\"amount\",upper=\"-2.5\",version=\"1\"} 1.0");
        }
    }

    @Test
    void regressionOutputsAreSummedAndBinned() throws Exception {
        var regression = TestBundles.regression(tmp.resolve("reg"), "reg", -5); // a bias of -5: negative predictions
        try (RunningServer reg = RunningServer.start("--model", tmp.resolve("reg").toString())) {
            reg.given().contentType("application/json").body("{\"instances\":[[1,2,3],[-1,0.5,4]]}")
                    .post("/v1/models/reg:predict").then().statusCode(200);
            String regText = reg.given().get("/metrics").then().extract().asString();
            var predictions = regression.predictNumeric(new double[] {1, 2, 3, -1, 0.5, 4}, 2);
            assertThat(predictions.value(0)).isNegative();
            assertThat(regText).contains("ctkit_prediction_sum{version=\"1\"} " + (predictions.value(0) + predictions.value(1)));
            assertThat(regText.lines().filter(l -> l.startsWith("ctkit_prediction_bin_total{"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum()).isEqualTo(2.0);
        }
    }
}
