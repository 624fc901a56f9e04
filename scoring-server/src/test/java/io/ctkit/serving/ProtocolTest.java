package io.ctkit.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.ctkit.model.Model;
import io.ctkit.model.PredictionBatch;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every endpoint of both protocols against an in-process server, for a classifier, a regression and a mixed model. */
class ProtocolTest {

    static final double[][] WINE_ROWS = {
        {12.85, 1.6, 2.52, 17.8, 95.0, 2.48, 2.37, 0.26, 1.46, 3.93, 1.09, 3.63, 1015.0},
        {12.33, 0.99, 1.95, 14.8, 136.0, 1.9, 1.85, 0.35, 2.76, 3.4, 1.06, 2.31, 750.0},
        {13.4, 4.6, 2.86, 25.0, 112.0, 1.98, 0.96, 0.27, 1.11, 8.5, 0.67, 1.92, 630.0}};

    static final JsonPathConfig DOUBLES = new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);

    @TempDir
    static Path tmp;
    static final Model wine = loadWine();
    static Model regression;
    static Model mixed;
    static RunningServer wineServer;
    static RunningServer regressionServer;
    static RunningServer mixedServer;

    @BeforeAll
    static void start() throws Exception {
        regression = TestBundles.regression(tmp.resolve("regression"), "reg", 1);
        mixed = TestBundles.mixed(tmp.resolve("mixed"));
        wineServer = RunningServer.start("--model", TestBundles.WINE.toString());
        // this one scores every request on the worker threads, the others small requests on the I/O threads
        regressionServer = RunningServer.start("--model", tmp.resolve("regression").toString(), "--bench-noop",
                "--inline-max-bytes", "0");
        mixedServer = RunningServer.start("--model", tmp.resolve("mixed").toString());
    }

    @AfterAll
    static void stop() {
        wineServer.close();
        regressionServer.close();
        mixedServer.close();
    }

    private static Model loadWine() {
        try {
            return Model.load(TestBundles.WINE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String numbers(double[]... rows) {
        List<String> all = new ArrayList<>();
        for (double[] row : rows) {
            for (double v : row) {
                all.add(Double.toString(v));
            }
        }
        return String.join(",", all);
    }

    static String wineTensor(String datatype) {
        return "{\"inputs\":[{\"name\":\"input\",\"shape\":[3,13],\"datatype\":\"" + datatype + "\",\"data\":["
                + numbers(WINE_ROWS) + "]}]}";
    }

    static PredictionBatch wineExpected() {
        double[] flat = new double[3 * 13];
        for (int r = 0; r < 3; r++) {
            System.arraycopy(WINE_ROWS[r], 0, flat, r * 13, 13);
        }
        return wine.predictNumeric(flat, 3);
    }

    static void assertWineProbabilities(List<Double> flat) {
        PredictionBatch expected = wineExpected();
        assertThat(flat).hasSize(9);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                assertThat((double) flat.get(r * 3 + c)).isCloseTo(expected.probability(r, c), within(1e-6));
            }
        }
    }

    @Test
    void v2ServerMetadataLivenessAndReadiness() {
        wineServer.given().get("/v2").then().statusCode(200).contentType("application/json")
                .body("name", equalTo("ctkit")).body("extensions.size()", equalTo(0));
        wineServer.given().get("/v2/health/live").then().statusCode(200).body("live", equalTo(true));
        wineServer.given().get("/v2/health/ready").then().statusCode(200).body("ready", equalTo(true));
        wineServer.given().get("/v2/models/wine-classifier/ready").then().statusCode(200)
                .header("X-Model-Version", "1").body("ready", equalTo(true));
    }

    @Test
    void v2ModelMetadataOfAnAllNumberClassifierIsOneCombinedTensor() {
        JsonPath meta = wineServer.given().get("/v2/models/wine-classifier").then().statusCode(200)
                .header("X-Model-Version", "1").extract().jsonPath().using(DOUBLES);
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(meta.getString("name")).isEqualTo("wine-classifier");
            soft.assertThat(meta.getList("versions")).containsExactly("1");
            soft.assertThat(meta.getList("inputs")).hasSize(1);
            soft.assertThat(meta.getString("inputs[0].name")).isEqualTo("input");
            soft.assertThat(meta.getString("inputs[0].datatype")).isEqualTo("FP32");
            soft.assertThat(meta.getList("inputs[0].shape")).containsExactly(-1, 13);
            soft.assertThat(meta.getList("outputs.name")).containsExactly("probabilities", "label");
            soft.assertThat(meta.getList("outputs[0].shape")).containsExactly(-1, 3);
            soft.assertThat(meta.getList("outputs.datatype")).containsExactly("FP64", "BYTES");
            soft.assertThat(meta.getList("parameters.input_names")).hasSize(13).startsWith("alcohol", "malic_acid");
            soft.assertThat(meta.getList("parameters.labels")).containsExactly("class_0", "class_1", "class_2");
            soft.assertThat(meta.getString("parameters.bundle_digest")).startsWith("sha256:");
        });
    }

    @Test
    void v2ModelMetadataOfAMixedModelIsOneTensorPerInput() {
        JsonPath meta = mixedServer.given().get("/v2/models/mixed").then().statusCode(200).extract().jsonPath().using(DOUBLES);
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(meta.getList("inputs.name")).containsExactly("amount", "channel", "text");
            soft.assertThat(meta.getList("inputs.datatype")).containsExactly("FP64", "BYTES", "BYTES");
            soft.assertThat(meta.getList("inputs[1].shape")).containsExactly(-1);
        });
    }

    @Test
    void v2ModelMetadataOfARegressionHasOnePredictionOutput() {
        JsonPath meta = regressionServer.given().get("/v2/models/reg").then().statusCode(200).extract().jsonPath().using(DOUBLES);
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(meta.getList("outputs.name")).containsExactly("prediction");
            soft.assertThat(meta.getList("outputs[0].shape")).containsExactly(-1);
        });
    }

    @Test
    void v2InferWithOneCombinedTensorMatchesTheModel() {
        JsonPath answer = wineServer.given().contentType("application/json").body(wineTensor("FP64"))
                .post("/v2/models/wine-classifier/infer").then().statusCode(200)
                .header("X-Model-Version", "1").header("X-Prediction-Id", notNullValue()).extract().jsonPath().using(DOUBLES);
        PredictionBatch expected = wineExpected();
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(answer.getString("model_name")).isEqualTo("wine-classifier");
            soft.assertThat(answer.getString("model_version")).isEqualTo("1");
            soft.assertThat(answer.getString("id")).isEqualTo(answer.getString("parameters.prediction_id"));
            soft.assertThat(answer.getList("outputs.name")).containsExactly("probabilities", "label");
            soft.assertThat(answer.getList("outputs[0].shape")).containsExactly(3, 3);
            soft.assertThat(answer.getString("outputs[0].datatype")).isEqualTo("FP64");
            soft.assertThatCode(() -> assertWineProbabilities(answer.getList("outputs[0].data", Double.class)))
                    .doesNotThrowAnyException();
            soft.assertThat(answer.getList("outputs[1].data")).containsExactly(expected.label(0), expected.label(1),
                    expected.label(2));
            soft.assertThat(answer.getString("outputs[1].datatype")).isEqualTo("BYTES");
        });
    }

    static Stream<Arguments> otherV2Forms() {
        StringBuilder nested = new StringBuilder("{\"inputs\":[{\"name\":\"input\",\"shape\":[3,13],\"datatype\":\"FP64\",\"data\":[");
        for (int r = 0; r < 3; r++) {
            nested.append(r == 0 ? "" : ",").append('[').append(numbers(WINE_ROWS[r])).append(']');
        }
        nested.append("]}]}");
        List<String> tensors = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            String name = wine.definition().inputs().get(i).name();
            tensors.add("{\"name\":\"" + name + "\",\"shape\":[3],\"datatype\":\"FP64\",\"data\":[" + WINE_ROWS[0][i] + ","
                    + WINE_ROWS[1][i] + "," + WINE_ROWS[2][i] + "]}");
        }
        return Stream.of(Arguments.of("FP32 data", wineTensor("FP32")), Arguments.of("nested data", nested.toString()),
                Arguments.of("a tensor per input", "{\"inputs\":[" + String.join(",", tensors) + "]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherV2Forms")
    void v2InferAcceptsOtherFormsOfTheSameRows(String form, String body) {
        JsonPath answer = wineServer.given().contentType("application/json").body(body)
                .post("/v2/models/wine-classifier/infer").then().statusCode(200).extract().jsonPath().using(DOUBLES);
        assertWineProbabilities(answer.getList("outputs[0].data", Double.class));
    }

    @Test
    void v2InferEchoesTheRequestIdAndReturnsOnlyRequestedOutputs() {
        String body = wineTensor("FP64").replace("{\"inputs\"", "{\"id\":\"req-7\",\"outputs\":[{\"name\":\"label\"}],\"inputs\"");
        JsonPath answer = wineServer.given().contentType("application/json").body(body)
                .post("/v2/models/wine-classifier/infer").then().statusCode(200).extract().jsonPath().using(DOUBLES);
        assertThat(answer.getString("id")).isEqualTo("req-7");
        assertThat(answer.getString("parameters.prediction_id")).isNotEqualTo("req-7").isNotBlank();
        assertThat(answer.getList("outputs.name")).containsExactly("label");
    }

    @Test
    void v2InferOnARegressionModelReturnsThePrediction() {
        JsonPath answer = regressionServer.given().contentType("application/json")
                .body("{\"inputs\":[{\"name\":\"input\",\"shape\":[2,3],\"datatype\":\"FP64\",\"data\":[1,2,3,-1,0.5,4]}]}")
                .post("/v2/models/reg/infer").then().statusCode(200).extract().jsonPath().using(DOUBLES);
        PredictionBatch expected = regression.predictNumeric(new double[] {1, 2, 3, -1, 0.5, 4}, 2);
        assertThat(answer.getList("outputs.name")).containsExactly("prediction");
        assertThat(answer.getList("outputs[0].shape")).containsExactly(2);
        List<Double> data = answer.getList("outputs[0].data", Double.class);
        assertThat(data.get(0)).isCloseTo(expected.value(0), within(1e-12));
        assertThat(data.get(1)).isCloseTo(expected.value(1), within(1e-12));
    }

    @Test
    void v2InferOnAMixedModelTakesBytesTensorsAndMissingValues() {
        String body = "{\"inputs\":["
                + "{\"name\":\"amount\",\"shape\":[3,1],\"datatype\":\"FP64\",\"data\":[[12.5],[null],[3]]},"
                + "{\"name\":\"channel\",\"shape\":[3],\"datatype\":\"BYTES\",\"data\":[\"email\",\"search\",\"fax\"]},"
                + "{\"name\":\"text\",\"shape\":[3],\"datatype\":\"BYTES\",\"data\":[\"taxi to the hotel\",null,\"x\"]}]}";
        JsonPath answer = mixedServer.given().contentType("application/json").body(body)
                .post("/v2/models/mixed/infer").then().statusCode(200).extract().jsonPath().using(DOUBLES);
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(Map.of("amount", 12.5, "channel", "email", "text", "taxi to the hotel"));
        rows.add(Map.of("channel", "search"));
        rows.add(Map.of("amount", 3.0, "channel", "fax", "text", "x"));
        PredictionBatch expected = mixed.predict(rows);
        List<Double> probabilities = answer.getList("outputs[0].data", Double.class);
        for (int r = 0; r < 3; r++) {
            assertThat(probabilities.get(2 * r + 1)).isCloseTo(expected.probability(r, 1), within(1e-12));
        }
        assertThat(answer.getList("outputs[1].data")).containsExactly(expected.label(0), expected.label(1),
                expected.label(2));
    }

    @Test
    void aV2PathWithTheServedVersionIsServed() {
        wineServer.given().contentType("application/json").body(wineTensor("FP64"))
                .post("/v2/models/wine-classifier/versions/1/infer").then().statusCode(200)
                .body("model_version", equalTo("1"));
    }

    @Test
    void aV2PathWithAnotherVersionIs404NamingTheServedOne() {
        wineServer.given().contentType("application/json").body(wineTensor("FP64"))
                .post("/v2/models/wine-classifier/versions/2/infer").then().statusCode(404)
                .body("error", containsString("the served version is 1"));
    }

    @ParameterizedTest(name = "GET {0}: {1}")
    @CsvSource({"/v1/models/wine-classifier/versions/1, 200", "/v1/models/wine-classifier/versions/9/metadata, 404"})
    void tfPathsServeOnlyTheServedVersion(String path, int status) {
        wineServer.given().get(path).then().statusCode(status);
    }

    @Test
    void tfStatusShowsTheServedVersionAvailable() {
        wineServer.given().get("/v1/models/wine-classifier").then().statusCode(200)
                .header("X-Model-Version", "1")
                .body("model_version_status[0].version", equalTo("1"))
                .body("model_version_status[0].state", equalTo("AVAILABLE"))
                .body("model_version_status[0].status.error_code", equalTo("OK"));
    }

    @Test
    void tfMetadataDescribesTheServingSignature() {
        JsonPath meta = wineServer.given().get("/v1/models/wine-classifier/metadata").then().statusCode(200)
                .extract().jsonPath().using(DOUBLES);
        String sig = "metadata.signature_def.signature_def.serving_default";
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(meta.getString("model_spec.name")).isEqualTo("wine-classifier");
            soft.assertThat(meta.getString("model_spec.version")).isEqualTo("1");
            soft.assertThat(meta.getMap(sig + ".inputs")).hasSize(13).containsKey("alcohol");
            soft.assertThat(meta.getString(sig + ".inputs.alcohol.dtype")).isEqualTo("DT_DOUBLE");
            soft.assertThat(meta.getString(sig + ".outputs.label.dtype")).isEqualTo("DT_STRING");
            soft.assertThat(meta.getString(sig + ".outputs.probabilities.tensor_shape.dim[1].size")).isEqualTo("3");
            soft.assertThat(meta.getString(sig + ".method_name")).isEqualTo("tensorflow/serving/predict");
        });
    }

    @Test
    void tfPredictTakesRowsAsArraysOrObjects() {
        String arrays = "{\"instances\":[[" + numbers(WINE_ROWS[0]) + "],[" + numbers(WINE_ROWS[1]) + "],["
                + numbers(WINE_ROWS[2]) + "]]}";
        JsonPath answer = wineServer.given().contentType("application/json").body(arrays)
                .post("/v1/models/wine-classifier:predict").then().statusCode(200)
                .header("X-Model-Version", "1").header("X-Prediction-Id", notNullValue()).extract().jsonPath().using(DOUBLES);
        List<Double> flat = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            flat.addAll(answer.getList("predictions[" + r + "].probabilities", Double.class));
        }
        assertWineProbabilities(flat);
        assertThat(answer.getList("predictions.label")).containsExactly(wineExpected().label(0),
                wineExpected().label(1), wineExpected().label(2));

        List<String> objects = new ArrayList<>();
        for (double[] row : WINE_ROWS) {
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < 13; i++) {
                fields.add("\"" + wine.definition().inputs().get(i).name() + "\":" + row[i]);
            }
            objects.add("{" + String.join(",", fields) + "}");
        }
        JsonPath byName = wineServer.given().contentType("application/json")
                .body("{\"signature_name\":\"serving_default\",\"instances\":[" + String.join(",", objects) + "]}")
                .post("/v1/models/wine-classifier/versions/1:predict").then().statusCode(200).extract().jsonPath().using(DOUBLES);
        assertThat(byName.getList("predictions.label")).isEqualTo(answer.getList("predictions.label"));
    }

    @Test
    void tfPredictTakesColumnsOfAClassifierAndAnswersWithOutputs() {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            String name = wine.definition().inputs().get(i).name();
            fields.add("\"" + name + "\":[" + WINE_ROWS[0][i] + "," + WINE_ROWS[1][i] + "," + WINE_ROWS[2][i] + "]");
        }
        JsonPath answer = wineServer.given().contentType("application/json")
                .body("{\"inputs\":{" + String.join(",", fields) + "}}")
                .post("/v1/models/wine-classifier:predict").then().statusCode(200).extract().jsonPath().using(DOUBLES);
        List<Double> flat = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            flat.addAll(answer.getList("outputs.probabilities[" + r + "]", Double.class));
        }
        assertWineProbabilities(flat);
        assertThat(answer.getList("outputs.label")).hasSize(3);
    }

    @Test
    void tfPredictTakesColumnsOfARegression() {
        JsonPath regression = regressionServer.given().contentType("application/json")
                .body("{\"inputs\":{\"x1\":[1,-1],\"x2\":[2,0.5],\"x3\":[3,4]}}")
                .post("/v1/models/reg:predict").then().statusCode(200).extract().jsonPath().using(DOUBLES);
        PredictionBatch expected = ProtocolTest.regression.predictNumeric(new double[] {1, 2, 3, -1, 0.5, 4}, 2);
        assertThat(regression.getList("outputs", Double.class)).hasSize(2);
        assertThat(regression.getList("outputs", Double.class).get(1)).isCloseTo(expected.value(1), within(1e-12));
    }

    @Test
    void tfPredictOnARegressionTakesArraysAndObjectsInOneRequest() {
        JsonPath rows = regressionServer.given().contentType("application/json")
                .body("{\"instances\":[[1,2,3],{\"x1\":-1,\"x2\":0.5,\"x3\":4}]}")
                .post("/v1/models/reg:predict").then().statusCode(200).extract().jsonPath().using(DOUBLES);
        PredictionBatch expected = regression.predictNumeric(new double[] {1, 2, 3, -1, 0.5, 4}, 2);
        assertThat(rows.getList("predictions", Double.class).get(0)).isCloseTo(expected.value(0), within(1e-12));
        assertThat(rows.getList("predictions", Double.class).get(1)).isCloseTo(expected.value(1), within(1e-12));
    }

    @Test
    void tfPredictOnAMixedModelTakesObjectsWithMissingValues() {
        JsonPath objects = mixedServer.given().contentType("application/json")
                .body("{\"instances\":[{\"amount\":12.5,\"channel\":\"email\",\"text\":\"taxi to the hotel\"},"
                        + "{\"channel\":\"search\"}]}")
                .post("/v1/models/mixed:predict").then().statusCode(200).extract().jsonPath().using(DOUBLES);
        PredictionBatch mixedExpected = mixed.predict(List.of(
                Map.of("amount", 12.5, "channel", "email", "text", "taxi to the hotel"), Map.of("channel", "search")));
        assertThat(objects.getDouble("predictions[1].probabilities[1]"))
                .isCloseTo(mixedExpected.probability(1, 1), within(1e-12));
        assertThat(objects.getString("predictions[0].label")).isEqualTo(mixedExpected.label(0));
    }

    @ParameterizedTest(name = "GET {0}: {1}")
    @CsvSource(delimiter = '|', value = {"/v2/models/nope | 404 | serves \"wine-classifier\"",
        "/nowhere | 404 | no endpoint GET /nowhere", "/v2/models/wine-classifier/infer | 405 | use POST"})
    void clientMistakesInTheRequestLineAreJsonErrors(String path, int status, String error) {
        wineServer.given().get(path).then().statusCode(status).contentType("application/json")
                .body("error", containsString(error));
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        wineServer.given().contentType("text/plain").body(wineTensor("FP64"))
                .post("/v2/models/wine-classifier/infer").then().statusCode(415)
                .body("error", containsString("application/json"));
    }

    @Test
    void metricsAreInPrometheusTextFormat() {
        wineServer.given().contentType("application/json").body(wineTensor("FP64"))
                .post("/v2/models/wine-classifier/infer").then().statusCode(200);
        String text = wineServer.given().get("/metrics").then().statusCode(200)
                .contentType(containsString("text/plain")).extract().asString();
        // one contains with every line: a failure lists all that are missing
        assertThat(text).contains("ctkit_http_requests_seconds_count{endpoint=\"v2_infer\",status=\"200\"}",
                "ctkit_model_info{digest=\"sha256:", "ctkit_request_rows_count{endpoint=\"v2_infer\"}",
                "ctkit_prediction_label_total{label=\"class_0\",version=\"1\"}",
                "ctkit_input_bin_total{input=\"alcohol\",upper=\"25\",version=\"1\"}");
    }

    @Test
    void noopEndpointAnswersGetWhenEnabled() {
        regressionServer.given().get("/bench/noop").then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void noopEndpointAnswersPostWhenEnabled() {
        regressionServer.given().contentType("application/json").body("{\"a\":1}").post("/bench/noop")
                .then().statusCode(200);
    }

    @Test
    void noopEndpointIs404WhenNotEnabled() {
        wineServer.given().get("/bench/noop").then().statusCode(404);
    }

    @Test
    void anInt64TensorIsAccepted() {
        PredictionBatch expected = regression.predictNumeric(new double[] {1, 2, 3, -1, 0, 4}, 2);
        JsonPath ints = regressionServer.given().contentType("application/json")
                .body("{\"inputs\":[{\"name\":\"input\",\"shape\":[2,3],\"datatype\":\"INT64\",\"data\":[[1,2,3],[-1,0,4]]}]}")
                .post("/v2/models/reg/infer").then().statusCode(200).extract().jsonPath().using(DOUBLES);
        assertThat(ints.getList("outputs[0].data", Double.class)).containsExactly(expected.value(0), expected.value(1));
    }

    /** Each integer type's edges are in range (out of range is refused: MalformedRequestTest). */
    @ParameterizedTest(name = "{0} from {1} to {2}")
    @CsvSource({"INT8, -128, 127", "UINT8, 0, 255", "INT16, -32768, 32767", "UINT16, 0, 65535",
        "INT32, -2147483648, 2147483647", "UINT32, 0, 4294967295", "UINT64, 0, 9223372036854775807"})
    void integerTensorsTakeTheirTypesEdges(String type, String low, String high) {
        PredictionBatch atEdges = regression.predictNumeric(new double[] {Double.parseDouble(low), Double.parseDouble(high), 0}, 1);
        JsonPath answer = regressionServer.given().contentType("application/json")
                .body("{\"inputs\":[{\"name\":\"input\",\"shape\":[1,3],\"datatype\":\"" + type
                        + "\",\"data\":[" + low + "," + high + ",0]}]}")
                .post("/v2/models/reg/infer").then().statusCode(200).extract().jsonPath().using(DOUBLES);
        assertThat(answer.getList("outputs[0].data", Double.class)).containsExactly(atEdges.value(0));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"inputs\":[[1,2,3],[-1,0,4]]}", "{\"inputs\":{\"input\":[[1,2,3],[-1,0,4]]}}"})
    void allNumberColumnarFormsAreAccepted(String body) {
        PredictionBatch expected = regression.predictNumeric(new double[] {1, 2, 3, -1, 0, 4}, 2);
        JsonPath columnar = regressionServer.given().contentType("application/json").body(body)
                .post("/v1/models/reg:predict").then().statusCode(200).extract().jsonPath().using(DOUBLES);
        assertThat(columnar.getList("outputs", Double.class)).containsExactly(expected.value(0), expected.value(1));
    }

    @Test
    void fp32TensorsAreRoundedToFloatAsTheClientMeant() {
        double x = 0.1; // not a float
        PredictionBatch asFloat = regression.predictNumeric(new double[] {(float) x, 2, 3}, 1);
        JsonPath answer = regressionServer.given().contentType("application/json")
                .body("{\"inputs\":[{\"name\":\"input\",\"shape\":[1,3],\"datatype\":\"FP32\",\"data\":[0.1,2,3]}]}")
                .post("/v2/models/reg/infer").then().statusCode(200).extract().jsonPath().using(DOUBLES);
        assertThat(answer.getDouble("outputs[0].data[0]")).isEqualTo(asFloat.value(0));
    }
}
