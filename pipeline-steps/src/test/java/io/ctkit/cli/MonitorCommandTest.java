package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctkit.model.LayerSpec;
import io.ctkit.model.Model;
import io.ctkit.model.ModelDefinition;
import io.ctkit.model.Task;
import io.ctkit.model.inference.Activation;
import io.ctkit.model.preprocess.InputSpec;
import io.ctkit.monitor.DriftReference;
import io.ctkit.npy.NpyArray;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.Registration;
import io.ctkit.registry.RegistryConfig;
import io.ctkit.registry.Report;
import io.ctkit.serving.ScoringServer;
import io.ctkit.serving.ServerConfig;
import io.ctkit.train.TestProjects;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aRealServersLogOfDriftedAndDecayedTrafficAsksForRetrainingAndIsRecordedAgainstTheVersion() throws Exception {
        Path bundle = bundle(tmp.resolve("model"));
        Path registryDir = tmp.resolve("registry");
        try (ModelRegistry registry = ModelRegistry.open(RegistryConfig.embedded(registryDir))) {
            registry.register(Registration.of("m", bundle));
        }
        Path logs = tmp.resolve("logs");
        Random random = new Random(17);
        int correct = 0;
        int rows = 0;
        try (ScoringServer server = ScoringServer.start(ServerConfig.of(bundle).withHost("127.0.0.1").withPort(0)
                .withLogDir(logs), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))) {
            String base = "http://127.0.0.1:" + server.port();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (int k = 0; k < 60; k++) {
                double[] x1 = {1.5 + random.nextGaussian(), 1.5 + random.nextGaussian()};
                double[] x2 = {random.nextGaussian(), random.nextGaussian()};
                HttpResponse<String> answer = post(http, base + "/v2/models/m/infer", String.format(Locale.ROOT,
                        "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP64\",\"shape\":[2,2],\"data\":[%s,%s,%s,%s]}]}",
                        x1[0], x2[0], x1[1], x2[1]));
                assertThat(answer.statusCode()).isEqualTo(200);
                String id = answer.headers().firstValue("X-Prediction-Id").orElseThrow();
                JsonNode labels = outputs(JSON.readTree(answer.body()), "label");
                String[] outcomes = new String[2];
                for (int r = 0; r < 2; r++) {
                    // the world turned: the outcome now follows sigmoid(-2 x1), the model still says sigmoid(2 x1)
                    outcomes[r] = random.nextDouble() < 1 / (1 + Math.exp(2 * x1[r])) ? "yes" : "no";
                    correct += labels.get(r).asText().equals(outcomes[r]) ? 1 : 0;
                    rows++;
                }
                assertThat(post(http, base + "/v2/models/m/feedback", "{\"id\":\"" + id + "\",\"outcomes\":[\""
                        + outcomes[0] + "\",\"" + outcomes[1] + "\"]}").statusCode()).isEqualTo(200);
            }
            awaitLines(logs.resolve("predictions.jsonl"), 120);
            Path settings = Files.writeString(tmp.resolve("monitor.yaml"), """
                    window: 1000
                    min_rows: 50
                    bootstrap: 200
                    floors:
                      - {metric: accuracy, min: 0.75}
                    drift: {psi: 0.25}
                    """);

            CliRunner r = CliRunner.run("monitor", "--log-dir", logs.toString(), "--model", "m:1",
                    "--registry", registryDir.toString(), "--settings", settings.toString(),
                    "--out", tmp.resolve("out/monitor.json").toString(), "--metrics-url", base + "/metrics");

            assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
            assertThat(r.out()).startsWith("retrain: 120 new log lines, 120 rows in the window (120 with feedback)")
                    .contains("recorded against m:1");
            assertThat(r.err()).startsWith("error: monitor: retrain: accuracy ");
            JsonNode report = JSON.readTree(tmp.resolve("out/monitor.json").toFile());
            assertThat(report.path("quality").path("metrics").path("accuracy").path("value").asDouble())
                    .isCloseTo(correct / (double) rows, within(1e-12));
            assertThat(report.path("reasons").toString()).contains("x1 drifted from the training data");
            assertThat(report.path("server").path("requests").asLong()).isGreaterThanOrEqualTo(120);
            assertThat(report.path("server").path("server_errors").asLong()).isZero();
            assertThat(report.path("server").path("latency_seconds").path("p99").asDouble()).isPositive();
        }
        try (ModelRegistry registry = ModelRegistry.open(RegistryConfig.embedded(registryDir))) {
            assertThat(registry.reports("m", 1)).filteredOn(rep -> rep.kind().equals("monitor"))
                    .extracting(Report::summary).singleElement().asString().startsWith("{\"decision\":\"retrain\"");
        }
    }

    @Test
    void aRetrainDecisionWithRetrainRunsTheProjectsPipelineAsModelDecayOnceWithinTheCooldown() throws Exception {
        Path dir = TestProjects.binary(tmp.resolve("p"), 300, "epochs: 20\nlearning_rate: 0.05\n", false);
        CliRunner first = CliRunner.run("run", dir.toString());
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        Path bundle = tmp.resolve("served");
        try (ModelRegistry registry = ModelRegistry.open(RegistryConfig.forProject(dir))) {
            registry.exportBundle("tiny-binary", 1, bundle);
        }
        Path logs = tmp.resolve("logs");
        Random random = new Random(5);
        try (ScoringServer server = ScoringServer.start(ServerConfig.of(bundle).withHost("127.0.0.1").withPort(0)
                .withLogDir(logs), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (int k = 0; k < 80; k++) {
                // a moved far outside the training range [-1, 1]
                String row = String.format(Locale.ROOT, "{\"a\": %.3f, \"b\": %.3f, \"channel\": \"web\"}",
                        4 + random.nextDouble(), random.nextDouble() * 10);
                assertThat(post(http, "http://127.0.0.1:" + server.port() + "/v1/models/tiny-binary:predict",
                        "{\"instances\": [" + row + "]}").statusCode()).isEqualTo(200);
            }
            awaitLines(logs.resolve("predictions.jsonl"), 80);
        }
        Path settings = Files.writeString(tmp.resolve("monitor.yaml"), "min_rows: 50\ndrift: {psi: 0.25}\n");
        String[] monitor = {"monitor", "--log-dir", logs.toString(), "--model", "tiny-binary@production", "--project",
            dir.toString(), "--settings", settings.toString(), "--out", tmp.resolve("out/monitor.json").toString(),
            "--retrain"};

        CliRunner decayed = CliRunner.run(monitor);
        CliRunner again = CliRunner.run(monitor);
        CliRunner runs = CliRunner.run("runs", "list", "--project", dir.toString());

        assertThat(decayed.exitCode()).as(decayed.out() + decayed.err()).isEqualTo(1);
        assertThat(decayed.out()).startsWith("retrain: 80 new log lines").contains(", trigger model-decay")
                .containsPattern("(?m)^retrain \\(model-decay via local\\): succeeded: ctkit run \\S+ passed$");
        assertThat(decayed.err()).startsWith("error: monitor: retrain: a drifted").endsWith("; retraining succeeded\n");
        // The log was read to its end: the second look sees nothing new, so it judges on the same window.
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.out()).contains("retrain (model-decay via local): cooling-down: cooling down: tiny-binary"
                + " was retrained by request ");
        // One retraining for two retrain decisions; on the same data it reuses the cached training (no new version).
        assertThat(runs.out()).containsPattern("succeeded\\s+model-decay").containsPattern("succeeded\\s+manual");
        try (var list = Files.list(dir.resolve(".ctkit/runs"))) {
            assertThat(list.toList()).hasSize(2);
        }
    }

    @Test
    void retrainWithoutTheModelsProjectOrWithAnotherIsAUsageErrorBeforeAnythingIsRead() throws Exception {
        Path bundle = bundle(tmp.resolve("model"));
        Path settings = Files.writeString(tmp.resolve("monitor.yaml"), "min_rows: 10\n");

        CliRunner r = CliRunner.run("monitor", "--log-dir", tmp.resolve("no-logs").toString(), "--model",
                bundle.toString(), "--project", tmp.toString(), "--settings", settings.toString(), "--retrain",
                "--out", tmp.resolve("out/m.json").toString());

        Path other = TestProjects.binary(tmp.resolve("p"), 20, "epochs: 1", false);
        CliRunner wrongProject = CliRunner.run("monitor", "--log-dir", tmp.resolve("no-logs").toString(), "--model",
                bundle.toString(), "--project", other.toString(), "--settings", settings.toString(), "--retrain",
                "--out", tmp.resolve("out/m.json").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --retrain needs the model's project: give --project DIR of the"
                + " directory holding its ctkit.yaml (no ctkit.yaml in ");
        assertThat(wrongProject.exitCode()).isEqualTo(2);
        assertThat(wrongProject.err()).startsWith("error: --retrain: the monitored model is m, but ")
                .endsWith(" is the project of tiny-binary; give --project the directory of m's project\n");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void aMalformedMonitorSectionIsAnInputErrorNamingLineAndField() throws Exception {
        Map<String, String> mistakes = new LinkedHashMap<>();
        mistakes.put("  floors:\n    - {metric: accuracy, mn: 0.8}\n",
                "line 25: monitor.floors[0].mn: unknown field; expected one of max, metric, min (did you mean \"min\"?)");
        mistakes.put("  window: 2 weeks\n",
                "line 24: monitor.window: expected a number of rows (e.g. 5000) or a duration (e.g. 90m, 24h, 7d)");
        mistakes.put("  floors:\n    - {metric: rmse, max: 3}\n",
                "monitor.floors[0].metric: rmse is not defined for binary models");
        mistakes.put("  min_row: 10\n", "monitor.min_row: unknown field; expected one of bootstrap, confidence,"
                + " decision_threshold, drift, floors, min_rows, seed, window (did you mean \"min_rows\"?)");
        int i = 0;
        for (Map.Entry<String, String> mistake : mistakes.entrySet()) {
            Path project = TestProjects.binary(tmp.resolve("p" + i++), 20, "epochs: 1", false);
            Files.writeString(project.resolve("ctkit.yaml"), Files.readString(project.resolve("ctkit.yaml"))
                    + "monitor:\n" + mistake.getKey());

            CliRunner r = CliRunner.run("monitor", "--log-dir", tmp.toString(), "--model", "model",
                    "--project", project.toString(), "--out", tmp.resolve("out/monitor.json").toString());

            assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).contains("ctkit.yaml: ").contains(mistake.getValue());
            assertThat(tmp.resolve("out")).doesNotExist();
        }
    }

    @Test
    void aSettingsFileFloorOnAMetricTheModelLacksNamesItsLine() throws Exception {
        Path bundle = bundle(tmp.resolve("model"));
        Path settings = Files.writeString(tmp.resolve("monitor.yaml"), "min_rows: 10\nfloors:\n  - {metric: rmse, max: 2}\n");

        CliRunner r = CliRunner.run("monitor", "--log-dir", Files.createDirectories(tmp.resolve("logs")).toString(),
                "--model", bundle.toString(), "--settings", settings.toString(), "--out", tmp.resolve("out/m.json").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: " + settings + ": line 3: floors[0].metric: rmse is not defined for binary"
                + " models; choose one of accuracy, balanced_accuracy, precision, recall, f1, precision_macro, recall_macro,"
                + " f1_macro, f1_weighted, roc_auc, average_precision, log_loss, brier, mcc\n");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    private static HttpResponse<String> post(HttpClient http, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode outputs(JsonNode answer, String name) {
        for (JsonNode o : answer.path("outputs")) {
            if (o.path("name").asText().equals(name)) {
                return o.path("data");
            }
        }
        throw new AssertionError("no output " + name + " in " + answer);
    }

    /** The server writes off the request path: wait, with a deadline, until every record is on disk. */
    private static void awaitLines(Path file, int lines) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(file) || Files.readAllLines(file).size() < lines) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + ": fewer than " + lines + " lines after 20 s");
            }
            Thread.sleep(20);
        }
    }

    /** A binary classifier over x1, x2 scoring sigmoid(2 x1), with N(0, 1) training references. */
    private static Path bundle(Path dir) throws Exception {
        ModelDefinition definition = new ModelDefinition("m", Task.BINARY_CLASSIFICATION,
                List.of(InputSpec.number("x1"), InputSpec.number("x2")), List.of(),
                List.of(LayerSpec.dense("weights/w.npy", "weights/b.npy", Activation.SIGMOID)), List.of("no", "yes"));
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("weights/w.npy", NpyArray.ofDoubles(new int[] {2, 1}, new double[] {2, 0}));
        arrays.put("weights/b.npy", NpyArray.ofDoubles(new int[] {1}, new double[] {0}));
        Random random = new Random(1);
        List<DriftReference.Feature> features = new ArrayList<>();
        for (String name : List.of("x1", "x2")) {
            double[] values = random.doubles(1000).map(u -> random.nextGaussian()).sorted().toArray();
            features.add(new DriftReference.Feature(name, true, 0, values, Map.of(), null));
        }
        Model.bundleWriter(definition, arrays).add(DriftReference.FILE, new DriftReference(1000, features).toBytes())
                .write(dir);
        return dir;
    }
}
