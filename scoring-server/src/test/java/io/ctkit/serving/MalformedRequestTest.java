package io.ctkit.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctkit.serving.internal.protocol.PredictionIds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The malformed-request suite: every case is answered with a 4xx and a JSON {@code error}, never a
 * 5xx, and the server is still live afterwards.
 */
class MalformedRequestTest {

    /** One bad request: raw bytes to one of the servers, and the exact status when it matters (0: any 4xx). */
    record Case(String name, String server, byte[] bytes, int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    @TempDir
    static Path tmp;
    static RunningServer wine;
    static RunningServer mixed;
    static RunningServer regression;

    @BeforeAll
    static void start() throws Exception {
        TestBundles.mixed(tmp.resolve("mixed"));
        TestBundles.regression(tmp.resolve("reg"), "reg", 3);
        String[] limits = {"--max-rows", "100", "--max-body-bytes", "1048576", "--max-json-depth", "32"};
        wine = RunningServer.start(concat(limits, "--model", TestBundles.WINE.toString()));
        mixed = RunningServer.start(concat(limits, "--model", tmp.resolve("mixed").toString()));
        regression = RunningServer.start(concat(limits, "--model", tmp.resolve("reg").toString(),
                "--log-dir", tmp.resolve("log").toString()));
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }

    @AfterAll
    static void stop() {
        wine.close();
        mixed.close();
        regression.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isAnsweredWithA4xxJsonErrorAndTheServerStaysLive(Case c) throws Exception {
        RunningServer server = switch (c.server()) {
            case "mixed" -> mixed;
            case "reg" -> regression;
            default -> wine;
        };
        RawHttp.Response response = RawHttp.send(server.port(), c.bytes());

        assertThat(response.status()).as("status of %s: %s", c.name(), response.body()).isBetween(400, 499);
        if (c.status() != 0) {
            assertThat(response.status()).as("status of %s: %s", c.name(), response.body()).isEqualTo(c.status());
        }
        assertThat(response.headers().get("content-type")).isEqualTo("application/json");
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.isObject()).isTrue();
        assertThat(body.path("error").isTextual()).as(response.body()).isTrue();
        assertThat(body.path("error").textValue()).isNotBlank()
                .as("no parser internals echoed back").doesNotContain("[Source:");
        RawHttp.Response live = RawHttp.send(server.port(), RawHttp.request("GET", "/v2/health/live", null, null));
        assertThat(live.status()).isEqualTo(200);
    }

    static final String V2 = "/v2/models/wine-classifier/infer";
    static final String TF = "/v1/models/wine-classifier:predict";
    static final String MIXED_V2 = "/v2/models/mixed/infer";
    static final String MIXED_TF = "/v1/models/mixed:predict";
    static final String ROW = "12.85,1.6,2.52,17.8,95.0,2.48,2.37,0.26,1.46,3.93,1.09,3.63,1015.0";

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        badJson(cases);
        v2Structure(cases);
        v2Tensors(cases);
        v2Mixed(cases);
        tfBodies(cases);
        httpLevel(cases);
        limits(cases);
        feedback(cases);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(150);
        return cases.stream();
    }

    private static void add(List<Case> cases, String name, String server, String path, String body) {
        add(cases, name, server, path, body, 0);
    }

    private static void add(List<Case> cases, String name, String server, String path, String body, int status) {
        cases.add(new Case(name, server, RawHttp.request("POST", path, "application/json",
                body.getBytes(StandardCharsets.UTF_8)), status));
    }

    private static String tensor(String name, String shape, String datatype, String data) {
        return "{\"inputs\":[{\"name\":\"" + name + "\",\"shape\":" + shape + ",\"datatype\":\"" + datatype
                + "\",\"data\":" + data + "}]}";
    }

    private static void badJson(List<Case> cases) {
        String[] bodies = {"", " ", "{", "}", "[", "{\"inputs\":", "nul", "{'inputs':[]}", "{\"inputs\":[],}",
            "{} x", "{}{}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":-Infinity}", "{inputs:[]}", "{\"a\":\"\u0001\"}",
            "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":0x10}", "/*c*/{}", "1", "\"text\"",
            "true", "null", "[]", "[{}]", "{\"inputs\":[{\"name\":\"input\"]}", "{\"a\":1,\"a\":2}",
            "{\"inputs\":[{\"name\":\"input\",\"name\":\"input\"}]}", "\uFEFF{}", "{\"a\":\"\\x\"}",
            "{\"a\":\"unterminated}", "{\"a\" 1}", "{\"a\":[1 2]}", "{\"a\":tru}", "{\"a\":1e}"};
        for (int i = 0; i < bodies.length; i++) {
            add(cases, "bad JSON " + i + " to V2: " + bodies[i], "wine", V2, bodies[i], 400);
            if (i % 2 == 0) {
                add(cases, "bad JSON " + i + " to TF: " + bodies[i], "wine", TF, bodies[i], 400);
            }
        }
        byte[] invalidUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        cases.add(new Case("invalid UTF-8", "wine", RawHttp.request("POST", V2, "application/json", invalidUtf8), 400));
    }

    private static void v2Structure(List<Case> cases) {
        String ok = "{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[" + ROW + "]}";
        // a refused first tensor followed by a second "inputs" (a duplicate key, or broken JSON)
        String[] firsts = {"{}", "{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[1e400,"
                + ROW.substring(ROW.indexOf(',') + 1) + "]}", "{\"name\":\"x\"", "{\"shape\":[1,99]"};
        for (int f = 0; f < firsts.length; f++) {
            add(cases, "refused tensor then a second inputs " + f, "wine", V2,
                    "{\"inputs\":[" + firsts[f] + "],\"inputs\":[" + ok + "]}", 400);
        }
        String[] bodies = {"{}", "{\"inputs\":null}", "{\"inputs\":{}}", "{\"inputs\":\"x\"}", "{\"inputs\":[]}",
            "{\"inputs\":[1]}", "{\"inputs\":[null]}", "{\"inputs\":[[]]}", "{\"foo\":1,\"inputs\":[" + ok + "]}",
            "{\"id\":5,\"inputs\":[" + ok + "]}", "{\"parameters\":\"x\",\"inputs\":[" + ok + "]}",
            "{\"outputs\":\"x\",\"inputs\":[" + ok + "]}", "{\"outputs\":[{\"name\":\"nope\"}],\"inputs\":[" + ok + "]}",
            "{\"outputs\":[{\"name\":\"label\"},{\"name\":\"label\"}],\"inputs\":[" + ok + "]}",
            "{\"outputs\":[{}],\"inputs\":[" + ok + "]}", "{\"outputs\":[{\"name\":1}],\"inputs\":[" + ok + "]}",
            "{\"outputs\":[{\"name\":\"label\",\"x\":1}],\"inputs\":[" + ok + "]}", "{\"outputs\":[7],\"inputs\":[" + ok + "]}",
            "{\"inputs\":[" + ok + "," + ok + "]}", "{\"inputs\":[" + ok.replace("\"input\"", "\"alcohol\"") + "]}",
            "{\"instances\":[[" + ROW + "]]}"};
        for (int i = 0; i < bodies.length; i++) {
            add(cases, "V2 structure " + i + ": " + clip(bodies[i]), "wine", V2, bodies[i], 400);
        }
    }

    private static void v2Tensors(List<Case> cases) {
        String data = "[" + ROW + "]";
        String[][] tensors = {
            {"missing name", "{\"inputs\":[{\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":" + data + "}]}"},
            {"name not a string", "{\"inputs\":[{\"name\":7,\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":" + data + "}]}"},
            {"missing shape", "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP64\",\"data\":" + data + "}]}"},
            {"missing datatype", "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"data\":" + data + "}]}"},
            {"missing data", "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\"}]}"},
            {"unknown field", "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":" + data + ",\"x\":1}]}"},
            {"shape not array", tensor("input", "13", "FP64", data)},
            {"shape rank 1", tensor("input", "[13]", "FP64", data)},
            {"shape rank 3", tensor("input", "[1,13,1]", "FP64", data)},
            {"shape wrong width", tensor("input", "[1,12]", "FP64", data)},
            {"negative dim", tensor("input", "[-1,13]", "FP64", data)},
            {"fractional dim", tensor("input", "[1.5,13]", "FP64", data)},
            {"string dim", tensor("input", "[\"1\",13]", "FP64", data)},
            {"overflowing dim", tensor("input", "[100000000000000000000,13]", "FP64", data)},
            {"dim above int", tensor("input", "[2147483648,13]", "FP64", data)},
            {"dim int max", tensor("input", "[2147483647,13]", "FP64", data)},
            {"negative huge dim", tensor("input", "[-9223372036854775808,13]", "FP64", data)},
            {"zero rows", tensor("input", "[0,13]", "FP64", "[]")},
            {"nine dims", tensor("input", "[1,1,1,1,1,1,1,1,13]", "FP64", data)},
            {"null dim", tensor("input", "[null,13]", "FP64", data)},
            {"data too short", tensor("input", "[1,13]", "FP64", "[1,2,3]")},
            {"data too long", tensor("input", "[1,13]", "FP64", "[" + ROW + ",1]")},
            {"data not array", tensor("input", "[1,13]", "FP64", "\"x\"")},
            {"data object", tensor("input", "[1,13]", "FP64", "{}")},
            {"nested wrong length", tensor("input", "[2,13]", "FP64", "[[" + ROW + "],[1,2]]")},
            {"nested too deep", tensor("input", "[1,13]", "FP64", "[[[" + ROW + "]]]")},
            {"mixed nesting", tensor("input", "[2,13]", "FP64", "[[" + ROW + "]," + ROW + "]")},
            {"array inside flat", tensor("input", "[1,13]", "FP64", "[[1]," + ROW.substring(ROW.indexOf(',') + 1) + "]")},
            {"string element", tensor("input", "[1,13]", "FP64", "[\"a\"," + ROW.substring(ROW.indexOf(',') + 1) + "]")},
            {"boolean element", tensor("input", "[1,13]", "FP64", "[true," + ROW.substring(ROW.indexOf(',') + 1) + "]")},
            {"object element", tensor("input", "[1,13]", "FP64", "[{}," + ROW.substring(ROW.indexOf(',') + 1) + "]")},
            {"FP64 overflow", tensor("input", "[1,13]", "FP64", "[1e400," + ROW.substring(ROW.indexOf(',') + 1) + "]")},
            {"FP32 overflow", tensor("input", "[1,13]", "FP32", "[1e39," + ROW.substring(ROW.indexOf(',') + 1) + "]")},
            {"missing value without impute", tensor("input", "[1,13]", "FP64", "[null," + ROW.substring(ROW.indexOf(',') + 1) + "]")},
            {"unknown datatype", tensor("input", "[1,13]", "FP8", data)},
            {"BOOL datatype", tensor("input", "[1,13]", "BOOL", data)},
            {"BYTES for numbers", tensor("input", "[1,13]", "BYTES", data)},
            {"lower-case datatype", tensor("input", "[1,13]", "fp32", data)},
            {"datatype not a string", "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":32,\"data\":" + data + "}]}"},
            {"INT32 with fraction", tensor("input", "[1,13]", "INT32", data)},
            {"UINT8 negative", tensor("input", "[1,13]", "UINT8", "[-1,1,1,1,1,1,1,1,1,1,1,1,1]")},
            {"INT8 out of range", tensor("input", "[1,13]", "INT8", "[1000,1,1,1,1,1,1,1,1,1,1,1,1]")},
            {"INT8 below range", tensor("input", "[1,13]", "INT8", "[-129,1,1,1,1,1,1,1,1,1,1,1,1]")},
            {"UINT8 out of range", tensor("input", "[1,13]", "UINT8", "[256,1,1,1,1,1,1,1,1,1,1,1,1]")},
            {"INT16 out of range", tensor("input", "[1,13]", "INT16", "[32768,1,1,1,1,1,1,1,1,1,1,1,1]")},
            {"UINT16 out of range", tensor("input", "[1,13]", "UINT16", "[65536,1,1,1,1,1,1,1,1,1,1,1,1]")},
            {"INT32 out of range", tensor("input", "[1,13]", "INT32", "[2147483648,1,1,1,1,1,1,1,1,1,1,1,1]")},
            {"UINT32 out of range", tensor("input", "[1,13]", "UINT32", "[4294967296,1,1,1,1,1,1,1,1,1,1,1,1]")},
            {"INT64 out of range", tensor("input", "[1,13]", "INT64", "[9223372036854775808,1,1,1,1,1,1,1,1,1,1,1,1]")},
            {"unknown tensor", tensor("nope", "[1]", "FP64", "[1]")},
            {"per-input missing one", perInputWine(12, "[1]", "FP64", "[1]")},
            {"per-input duplicate", perInputWine(13, "[1]", "FP64", "[1]").replace("]}]}", "]},{\"name\":\"alcohol\",\"shape\":[1],\"datatype\":\"FP64\",\"data\":[1]}]}")},
            {"per-input wrong shape", perInputWine(13, "[1,2]", "FP64", "[1,2]")},
            {"per-input rank 3", perInputWine(13, "[1,1,1]", "FP64", "[1]")},
            {"per-input batch mismatch", perInputWine(13, "[1]", "FP64", "[1]").replaceFirst("\"shape\":\\[1\\],\"datatype\":\"FP64\",\"data\":\\[1\\]", "\"shape\":[2],\"datatype\":\"FP64\",\"data\":[1,2]")},
            {"per-input BYTES", perInputWine(13, "[1]", "BYTES", "[\"1\"]")},
            {"input tensor with others", "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":" + data + "},{\"name\":\"alcohol\",\"shape\":[1],\"datatype\":\"FP64\",\"data\":[1]}]}"},
        };
        for (String[] t : tensors) {
            add(cases, "V2 tensor: " + t[0], "wine", V2, t[1]);
        }
    }

    private static String perInputWine(int count, String shape, String datatype, String data) {
        String[] names = {"alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols",
            "flavanoids", "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue",
            "od280_od315_of_diluted_wines", "proline"};
        List<String> tensors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tensors.add("{\"name\":\"" + names[i] + "\",\"shape\":" + shape + ",\"datatype\":\"" + datatype + "\",\"data\":" + data + "}");
        }
        return "{\"inputs\":[" + String.join(",", tensors) + "]}";
    }

    private static String mixedTensors(String amount, String channel, String text) {
        return "{\"inputs\":[" + amount + "," + channel + "," + text + "]}";
    }

    private static void v2Mixed(List<Case> cases) {
        String amount = "{\"name\":\"amount\",\"shape\":[1],\"datatype\":\"FP64\",\"data\":[1]}";
        String channel = "{\"name\":\"channel\",\"shape\":[1],\"datatype\":\"BYTES\",\"data\":[\"email\"]}";
        String text = "{\"name\":\"text\",\"shape\":[1],\"datatype\":\"BYTES\",\"data\":[\"hi\"]}";
        String[][] bodies = {
            {"category as FP64", mixedTensors(amount, channel.replace("BYTES", "FP64"), text)},
            {"number as BYTES", mixedTensors(amount.replace("FP64", "BYTES"), channel, text)},
            {"text value a number", mixedTensors(amount, channel, text.replace("[\"hi\"]", "[5]"))},
            {"category value an object", mixedTensors(amount, channel.replace("[\"email\"]", "[{}]"), text)},
            {"category value a float", mixedTensors(amount, channel.replace("[\"email\"]", "[1.5]"), text)},
            {"text value boolean", mixedTensors(amount, channel, text.replace("[\"hi\"]", "[true]"))},
            {"number value a string", mixedTensors(amount.replace("[1]", "[\"1\"]"), channel, text)},
            {"combined tensor on a mixed model", tensor("input", "[1,3]", "FP64", "[1,2,3]")},
            {"missing text tensor", "{\"inputs\":[" + amount + "," + channel + "]}"},
            {"text tensor wrong batch", mixedTensors(amount, channel, text.replace("[1]", "[2]"))},
        };
        for (String[] b : bodies) {
            add(cases, "V2 mixed: " + b[0], "mixed", MIXED_V2, b[1], 400);
        }
    }

    private static void tfBodies(List<Case> cases) {
        String[][] wineBodies = {
            {"empty object", "{}"},
            {"both instances and inputs", "{\"instances\":[[" + ROW + "]],\"inputs\":{}}"},
            {"instances not array", "{\"instances\":{}}"},
            {"instances empty", "{\"instances\":[]}"},
            {"instance a number", "{\"instances\":[1]}"},
            {"instance null", "{\"instances\":[null]}"},
            {"instance too short", "{\"instances\":[[1,2]]}"},
            {"instance too long", "{\"instances\":[[" + ROW + ",1]]}"},
            {"instance strings", "{\"instances\":[[\"a\"," + ROW.substring(ROW.indexOf(',') + 1) + "]]}"},
            {"instance unknown key", "{\"instances\":[{\"nope\":1}]}"},
            {"instance value string", "{\"instances\":[{\"alcohol\":\"x\"}]}"},
            {"instance value array", "{\"instances\":[{\"alcohol\":[1]}]}"},
            {"instance value object", "{\"instances\":[{\"alcohol\":{}}]}"},
            {"instance missing values without impute", "{\"instances\":[{\"alcohol\":1}]}"},
            {"instance overflow", "{\"instances\":[[1e400," + ROW.substring(ROW.indexOf(',') + 1) + "]]}"},
            {"instance nested row", "{\"instances\":[[[" + ROW + "]]]}"},
            {"signature unknown", "{\"signature_name\":\"other\",\"instances\":[[" + ROW + "]]}"},
            {"signature a number", "{\"signature_name\":5,\"instances\":[[" + ROW + "]]}"},
            {"unknown top-level field", "{\"instances\":[[" + ROW + "]],\"x\":1}"},
            {"inputs a string", "{\"inputs\":\"x\"}"},
            {"inputs empty object", "{\"inputs\":{}}"},
            {"inputs column a number", "{\"inputs\":{\"alcohol\":1}}"},
            {"inputs columns of different length", "{\"inputs\":{\"alcohol\":[1],\"ash\":[1,2]}}"},
            {"inputs unknown column", "{\"inputs\":{\"nope\":[1]}}"},
            {"inputs rows wrong width", "{\"inputs\":[[1]]}"},
            {"inputs empty column", "{\"inputs\":{\"alcohol\":[]}}"},
            {"inputs null", "{\"inputs\":null}"},
            {"instances null", "{\"instances\":null}"},
            {"inputs column of arrays", "{\"inputs\":{\"alcohol\":[[1]]}}"},
            {"inputs combined wrong width", "{\"inputs\":{\"input\":[[1,2]]}}"},
        };
        for (String[] b : wineBodies) {
            add(cases, "TF: " + b[0], "wine", TF, b[1], 400);
        }
        String[][] mixedBodies = {
            {"rows as arrays on a mixed model", "{\"instances\":[[1,\"email\",\"hi\"]]}"},
            {"category a float", "{\"instances\":[{\"channel\":1.5}]}"},
            {"text boolean", "{\"instances\":[{\"text\":true}]}"},
            {"columnar rows on a mixed model", "{\"inputs\":[[1,2,3]]}"},
            {"amount a string", "{\"instances\":[{\"amount\":\"12\"}]}"},
            {"category an array", "{\"instances\":[{\"channel\":[\"email\"]}]}"},
        };
        for (String[] b : mixedBodies) {
            add(cases, "TF mixed: " + b[0], "mixed", MIXED_TF, b[1], 400);
        }
    }

    private static void httpLevel(List<Case> cases) {
        byte[] body = ("{\"instances\":[[" + ROW + "]]}").getBytes(StandardCharsets.UTF_8);
        String[] types = {"text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data",
            "application/json; charset=latin1", "application/octet-stream", "text/json", "*/*", "json"};
        for (String type : types) {
            cases.add(new Case("content type " + type, "wine", RawHttp.request("POST", TF, type, body), 415));
        }
        cases.add(new Case("unknown model V2", "wine", RawHttp.request("POST", "/v2/models/nope/infer", "application/json", body), 404));
        cases.add(new Case("unknown model TF", "wine", RawHttp.request("POST", "/v1/models/nope:predict", "application/json", body), 404));
        cases.add(new Case("unknown model metadata", "wine", RawHttp.request("GET", "/v2/models/nope", null, null), 404));
        cases.add(new Case("unknown TF verb", "wine", RawHttp.request("POST", "/v1/models/wine-classifier:classify", "application/json", body), 404));
        cases.add(new Case("unknown path", "wine", RawHttp.request("GET", "/admin", null, null), 404));
        cases.add(new Case("unserved version", "wine", RawHttp.request("POST", "/v2/models/wine-classifier/versions/7/infer", "application/json", body), 404));
        cases.add(new Case("GET on infer", "wine", RawHttp.request("GET", V2, null, null), 405));
        cases.add(new Case("PUT on predict", "wine", RawHttp.request("PUT", TF, "application/json", body), 405));
        cases.add(new Case("DELETE on metadata", "wine", RawHttp.request("DELETE", "/v2/models/wine-classifier", null, null), 405));
        cases.add(new Case("POST on health", "wine", RawHttp.request("POST", "/v2/health/live", "application/json", body), 405));
        cases.add(new Case("noop when disabled", "wine", RawHttp.request("GET", "/bench/noop", null, null), 404));
        cases.add(new Case("garbage request line", "wine", "GARBAGE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 400));
        cases.add(new Case("bad content length", "wine", ("POST " + TF + " HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), 400));
        cases.add(new Case("header too long", "wine", ("GET /v2 HTTP/1.1\r\nHost: x\r\nX-Long: " + "a".repeat(70_000)
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), 400));
        cases.add(new Case("request line too long", "wine", ("GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), 400));
        cases.add(new Case("bad percent-encoding in the path", "wine", RawHttp.request("GET", "/v2/models/%zz", null, null), 400));
        cases.add(new Case("truncated percent-encoding", "wine", RawHttp.request("POST", "/v1/models/wine%2:predict", "application/json", body), 400));
        cases.add(new Case("POST without body", "wine", RawHttp.request("POST", TF, "application/json", null), 400));
    }

    private static void limits(List<Case> cases) {
        for (int depth : new int[] {33, 100, 1000, 20_000}) {
            add(cases, "arrays nested " + depth + " deep", "wine", TF, "{\"instances\":" + "[".repeat(depth) + "]".repeat(depth) + "}", 400);
            add(cases, "objects nested " + depth + " deep", "wine", V2, "{\"a\":".repeat(depth) + "1" + "}".repeat(depth), 400);
        }
        add(cases, "deep and unclosed", "wine", V2, "[".repeat(50_000), 400);
        add(cases, "number of 1000 digits", "wine", TF, "{\"instances\":[[" + "9".repeat(1000) + "]]}", 400);
        add(cases, "string longer than the string limit", "wine", TF, "{\"instances\":[{\"alcohol\":\"" + "x".repeat(1_000_100) + "\"}]}");
        StringBuilder rows = new StringBuilder("{\"instances\":[");
        for (int r = 0; r < 101; r++) {
            rows.append(r == 0 ? "" : ",").append('[').append(ROW).append(']');
        }
        add(cases, "101 rows TF", "wine", TF, rows.append("]}").toString(), 413);
        add(cases, "101 rows V2", "wine", V2, tensor("input", "[101,13]", "FP64", "[]"), 413);
        // a tiny body declaring an 18-digit row count: no overflow, no huge allocation, no lost permit
        for (String rowsDeclared : new String[] {"999999999999999999", "307445735206070948", "307445734854823680"}) {
            add(cases, "shape of " + rowsDeclared + " rows", "wine", V2, tensor("input", "[" + rowsDeclared + ",13]", "FP64", "[1]"));
        }
        add(cases, "101 rows columnar", "wine", TF, "{\"inputs\":{\"alcohol\":[" + "1,".repeat(100) + "1]}}", 413);
        byte[] big = new byte[1_048_577];
        java.util.Arrays.fill(big, (byte) ' ');
        cases.add(new Case("body over the limit", "wine", RawHttp.request("POST", TF, "application/json", big), 413));
        cases.add(new Case("declared body over the limit", "wine", ("POST " + TF + " HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: 99999999999\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), 413));
        StringBuilder chunked = new StringBuilder("POST " + TF + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n");
        String chunk = " ".repeat(65536);
        for (int k = 0; k < 17; k++) {
            chunked.append("10000\r\n").append(chunk).append("\r\n");
        }
        chunked.append("0\r\n\r\n");
        cases.add(new Case("chunked body over the limit", "wine", chunked.toString().getBytes(StandardCharsets.ISO_8859_1), 413));
    }

    private static void feedback(List<Case> cases) {
        String path = "/v2/models/reg/feedback";
        String id = "\"id\":\"" + PredictionIds.EXAMPLE + "\"";
        String[][] bodies = {
            {"missing id", "{\"outcome\":1}"},
            {"id a number", "{\"id\":1,\"outcome\":1}"},
            {"id null", "{\"id\":null,\"outcome\":1}"},
            {"empty id", "{\"id\":\"\",\"outcome\":1}"},
            {"id too long", "{\"id\":\"" + "x".repeat(300) + "\",\"outcome\":1}"},
            {"id not a prediction id", "{\"id\":\"abc\",\"outcome\":1}"},
            {"id a UUID", "{\"id\":\"6f4756e2-beb5-ab58-1a2b-3c4d5e6f7a8b\",\"outcome\":1}"},
            {"id in upper case", "{\"id\":\"3F9C0A12D4E5B6A7-1A\",\"outcome\":1}"},
            {"id without counter", "{\"id\":\"3f9c0a12d4e5b6a7-\",\"outcome\":1}"},
            {"id without dash", "{\"id\":\"3f9c0a12d4e5b6a71a\",\"outcome\":1}"},
            {"id prefix short", "{\"id\":\"3f9c0a12d4e5b6a-1a\",\"outcome\":1}"},
            {"id counter zero", "{\"id\":\"3f9c0a12d4e5b6a7-0\",\"outcome\":1}"},
            {"id with spaces", "{\"id\":\" 3f9c0a12d4e5b6a7-1a \",\"outcome\":1}"},
            {"id with control characters", "{\"id\":\"3f9c0a12d4e5b6a7-1a\\r\\nX: y\",\"outcome\":1}"},
            {"id an object", "{\"id\":{\"id\":\"" + PredictionIds.EXAMPLE + "\"},\"outcome\":1}"},
            {"no outcome", "{" + id + "}"},
            {"outcome and outcomes", "{" + id + ",\"outcome\":1,\"outcomes\":[1]}"},
            {"outcome a string for regression", "{" + id + ",\"outcome\":\"high\"}"},
            {"row negative", "{" + id + ",\"row\":-1,\"outcome\":1}"},
            {"row fractional", "{" + id + ",\"row\":0.5,\"outcome\":1}"},
            {"row with outcomes", "{" + id + ",\"row\":0,\"outcomes\":[1]}"},
            {"outcomes empty", "{" + id + ",\"outcomes\":[]}"},
            {"outcomes not array", "{" + id + ",\"outcomes\":1}"},
            {"outcome overflow", "{" + id + ",\"outcome\":1e400}"},
            {"unknown field", "{" + id + ",\"outcome\":1,\"x\":2}"},
        };
        for (String[] b : bodies) {
            add(cases, "feedback: " + b[0], "reg", path, b[1], 400);
        }
        add(cases, "TF feedback: label instead of number", "reg", "/v1/models/reg:feedback", "{" + id + ",\"outcome\":\"x\"}", 400);
        add(cases, "TF feedback: not a prediction id", "reg", "/v1/models/reg:feedback", "{\"id\":\"req-7\",\"outcome\":1}", 400);
        add(cases, "feedback: not a label", "wine", "/v2/models/wine-classifier/feedback", "{" + id + ",\"outcome\":\"class_9\"}", 400);
        add(cases, "feedback without a prediction log", "wine", "/v2/models/wine-classifier/feedback", "{" + id + ",\"outcome\":\"class_1\"}", 409);
    }

    private static String clip(String s) {
        return s.length() > 50 ? s.substring(0, 47) + "..." : s;
    }
}
