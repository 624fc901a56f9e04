package io.ctkit.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Predictions and feedback reach the JSON-lines log, which rotates, and whose failures never fail scoring. */
class PredictionLogTest {

    @TempDir
    Path tmp;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void predictionsAndFeedbackAreLoggedUnderTheIdTheClientGot() throws Exception {
        Path log = tmp.resolve("log");
        try (RunningServer server = RunningServer.start("--model", TestBundles.WINE.toString(), "--log-dir", log.toString())) {
            var response = server.given().contentType("application/json").body(ProtocolTest.wineTensor("FP64"))
                    .post("/v2/models/wine-classifier/infer").then().statusCode(200).extract();
            String id = response.header("X-Prediction-Id");
            assertThat(response.jsonPath().getString("parameters.prediction_id")).isEqualTo(id);
            var tf = server.given().contentType("application/json").body("{\"instances\":[[" + MalformedRequestTest.ROW + "]]}")
                    .post("/v1/models/wine-classifier:predict").then().statusCode(200).extract();
            String tfId = tf.header("X-Prediction-Id");

            server.given().contentType("application/json").body("{\"id\":\"" + id + "\",\"row\":2,\"outcome\":\"class_2\"}")
                    .post("/v2/models/wine-classifier/feedback").then().statusCode(200)
                    .body("accepted", org.hamcrest.Matchers.equalTo(1));
            server.given().contentType("application/json").body("{\"id\":\"" + tfId + "\",\"outcomes\":[\"class_0\"]}")
                    .post("/v1/models/wine-classifier:feedback").then().statusCode(200);

            List<JsonNode> lines = awaitLines(log, 4);
            JsonNode prediction = lines.get(0);
            var expected = ProtocolTest.wineExpected();
            String scrape = server.server.metrics().scrape();
            SoftAssertions.assertSoftly(soft -> {
                soft.assertThat(prediction.path("type").asText()).isEqualTo("prediction");
                soft.assertThat(prediction.path("id").asText()).isEqualTo(id);
                soft.assertThat(prediction.path("model").asText()).isEqualTo("wine-classifier");
                soft.assertThat(prediction.path("version").asText()).isEqualTo("1");
                soft.assertThat(prediction.path("rows").asInt()).isEqualTo(3);
                soft.assertThat(prediction.path("inputs").path("alcohol").toString()).isEqualTo("[12.85,12.33,13.4]");
                soft.assertThat(prediction.path("outputs").path("label").get(2).asText()).isEqualTo(expected.label(2));
                soft.assertThat(prediction.path("outputs").path("probabilities").get(1).get(1).asDouble())
                        .isEqualTo(expected.probability(1, 1));
                soft.assertThatCode(() -> java.time.Instant.parse(prediction.path("time").asText())).doesNotThrowAnyException();
                soft.assertThat(lines.get(1).path("id").asText()).isEqualTo(tfId);
                soft.assertThat(lines.get(2).toString()).isEqualTo("{\"type\":\"feedback\",\"id\":\"" + id + "\",\"time\":\""
                        + lines.get(2).path("time").asText() + "\",\"row\":2,\"outcome\":\"class_2\"}");
                soft.assertThat(lines.get(3).path("outcomes").toString()).isEqualTo("[\"class_0\"]");
                soft.assertThat(scrape).contains("ctkit_predictionlog_records_total{type=\"prediction\"} 2.0",
                        "ctkit_predictionlog_records_total{type=\"feedback\"} 2.0");
            });
        }
    }

    @Test
    void feedbackTakesAnotherReplicasIdButNotWhatNoServerCanHaveSent() throws Exception {
        Path log = tmp.resolve("log");
        try (RunningServer server = RunningServer.start("--model", TestBundles.WINE.toString(), "--log-dir", log.toString())) {
            String mine = server.given().contentType("application/json").body("{\"instances\":[[" + MalformedRequestTest.ROW + "]]}")
                    .post("/v1/models/wine-classifier:predict").then().statusCode(200).extract().header("X-Prediction-Id");
            String replicas = "0123456789abcdef-" + mine.substring(17); // a prefix this server did not draw
            assertThat(replicas).isNotEqualTo(mine);

            server.given().contentType("application/json").body("{\"id\":\"" + replicas + "\",\"outcome\":\"class_1\"}")
                    .post("/v2/models/wine-classifier/feedback").then().statusCode(200)
                    .body("id", org.hamcrest.Matchers.equalTo(replicas));
            String refused = server.given().contentType("application/json").body("{\"id\":\"abc\",\"outcome\":\"class_1\"}")
                    .post("/v2/models/wine-classifier/feedback").then().statusCode(400).contentType("application/json")
                    .extract().jsonPath().getString("error");

            assertThat(refused).isEqualTo("id: \"abc\" is not a prediction id (16 lowercase hex digits, '-' and a hex"
                    + " counter); send the X-Prediction-Id of the answer you are giving feedback on, like 3f9c0a12d4e5b6a7-1a");
            List<JsonNode> lines = awaitLines(log, 2);
            assertThat(lines.get(1).path("id").asText()).isEqualTo(replicas);
            server.server.close(); // flushes the log: nothing of the refused feedback may follow
            assertThat(Files.readAllLines(log.resolve("predictions.jsonl"))).hasSize(2);
        }
    }

    @Test
    void theLogRotatesBySizeAndKeepsTheNewestFiles() throws Exception {
        Path log = tmp.resolve("log");
        try (RunningServer server = RunningServer.start("--model", TestBundles.WINE.toString(), "--log-dir", log.toString(),
                "--log-max-file-bytes", "2048", "--log-max-files", "3")) {
            for (int i = 0; i < 40; i++) {
                server.given().contentType("application/json").body("{\"instances\":[[" + MalformedRequestTest.ROW + "]]}")
                        .post("/v1/models/wine-classifier:predict").then().statusCode(200);
            }
            await("40 records written").atMost(Duration.ofSeconds(30)).until(() -> server.server.metrics().scrape()
                    .contains("ctkit_predictionlog_records_total{type=\"prediction\"} 40.0"));
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(log)) {
            files = list.sorted().toList();
        }
        assertThat(files).hasSize(4).last().satisfies(p -> assertThat(p.getFileName().toString()).isEqualTo("predictions.jsonl"));
        for (Path file : files) {
            assertThat(Files.size(file)).isLessThanOrEqualTo(2048);
            for (String line : Files.readAllLines(file)) {
                assertThat(json.readTree(line).path("type").asText()).isEqualTo("prediction");
            }
        }
        assertThat(files.get(0).getFileName().toString()).matches("predictions-\\d{8}T\\d{6}\\.\\d{3}Z-\\d+\\.jsonl");
    }

    @Test
    void aFullDiskIsCountedAndScoringGoesOn() throws Exception {
        Path log = tmp.resolve("log");
        Files.createDirectories(log);
        Files.createSymbolicLink(log.resolve("predictions.jsonl"), Path.of("/dev/full"));
        try (RunningServer server = RunningServer.start("--model", TestBundles.WINE.toString(), "--log-dir", log.toString())) {
            for (int i = 0; i < 5; i++) {
                server.given().contentType("application/json").body("{\"instances\":[[" + MalformedRequestTest.ROW + "]]}")
                        .post("/v1/models/wine-classifier:predict").then().statusCode(200);
            }
            await("a write failure counted").atMost(Duration.ofSeconds(30)).until(() -> server.server.metrics().registry()
                    .get("ctkit.predictionlog.failures").counter().count() >= 1);
            assertThat(server.log()).contains("prediction log: write failed").contains("No space left on device");
            server.given().get("/v2/health/ready").then().statusCode(200);
        }
    }

    @Test
    void aStuckLogDropsRecordsInsteadOfBlockingScoring() throws Exception {
        Path log = tmp.resolve("log");
        Files.createDirectories(log);
        Path fifo = log.resolve("predictions.jsonl");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("mkfifo finished").isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        try (RunningServer server = RunningServer.start("--model", TestBundles.WINE.toString(), "--log-dir", log.toString(),
                "--log-queue", "2")) {
            // opening a FIFO nobody reads blocks the writer thread: the queue fills and further records are dropped
            for (int i = 0; i < 10; i++) {
                server.given().contentType("application/json").body("{\"instances\":[[" + MalformedRequestTest.ROW + "]]}")
                        .post("/v1/models/wine-classifier:predict").then().statusCode(200);
            }
            assertThat(server.server.metrics().registry().get("ctkit.predictionlog.dropped").counter().count())
                    .isGreaterThanOrEqualTo(7);
            Thread drain = new Thread(() -> {
                try (var reader = Files.newInputStream(fifo)) {
                    reader.readAllBytes(); // unblocks the writer so the server can close
                } catch (java.io.IOException ignored) {
                    // the server closed its end
                }
            });
            drain.setDaemon(true);
            drain.start();
        }
    }

    private List<JsonNode> awaitLines(Path log, int count) throws Exception {
        Path file = log.resolve("predictions.jsonl");
        List<String> lines = await("%d log lines".formatted(count)).atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(file) ? Files.readAllLines(file) : List.<String>of(), l -> l.size() >= count);
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : lines) {
            nodes.add(json.readTree(line));
        }
        return nodes;
    }
}
