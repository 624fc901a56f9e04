package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctkit.bundle.Bundle;
import io.ctkit.model.Model;
import io.ctkit.model.ModelDefinition;
import io.ctkit.npy.NpyArray;
import io.ctkit.registry.Deployment;
import io.ctkit.registry.GoldenRows;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.Registration;
import io.ctkit.registry.RegistryConfig;
import io.ctkit.train.TestProjects;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ctkit deploy --target local} end to end: a real {@code ctkit serve} process, real HTTP,
 * the real registry. Version 1, then version 2 under constant load with no failed request, then a
 * version 3 whose golden rows are wrong: refused at the smoke test while version 2 keeps serving;
 * then a rollback. And bad input that deploys nothing.
 */
class DeployLocalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path project;
    private String registry;
    private int port;

    private void setUp() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        project = TestProjects.binary(tmp.resolve("p"), 60, "epochs: 1\n", false);
        Files.writeString(project.resolve("ctkit.yaml"), Files.readString(project.resolve("ctkit.yaml"))
                + "deploy:\n  local: {port: " + port + "}\n  timeout_seconds: 60\n");
        registry = tmp.resolve("registry").toString();
        try (ModelRegistry reg = ModelRegistry.open(RegistryConfig.embedded(Path.of(registry)))) {
            for (int w = 1; w <= 3; w++) {
                Path b = bundle(w);
                Bundle bundle = Bundle.open(b);
                GoldenRows golden = GoldenRows.of(Model.from(bundle), bundle.digest(),
                        List.of(Map.of("x", 1.0), Map.of("x", 4.0)));
                if (w == 3) {
                    // broken: its golden answers are not what its engine answers
                    golden = new GoldenRows(golden.model(), golden.bundle(), golden.task(), golden.inputs(),
                            List.of(new GoldenRows.Answer(3.5, List.of(), null), golden.outputs().get(1)));
                }
                reg.register(Registration.of("fc", b).withGoldenRows(golden));
            }
        }
    }

    private Path bundle(double weight) throws IOException {
        String json = "{\"format\": \"ctkit-model/1\", \"name\": \"fc\", \"task\": \"regression\","
                + " \"inputs\": [{\"name\": \"x\", \"type\": \"number\"}], \"layers\": [{\"type\": \"dense\","
                + " \"weights\": \"weights/W.npy\", \"bias\": \"weights/b.npy\", \"activation\": \"linear\"}]}";
        Path out = tmp.resolve("bundle-" + weight);
        Model.bundleWriter(ModelDefinition.parse(json.getBytes(StandardCharsets.UTF_8), "model.json"), Map.of(
                "weights/W.npy", NpyArray.ofDoubles(new int[] {1, 1}, new double[] {weight}),
                "weights/b.npy", NpyArray.ofDoubles(new int[] {1}, new double[] {0}))).write(out);
        return out;
    }

    private CliRunner deploy(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("deploy"));
        all.addAll(List.of(args));
        all.addAll(List.of("--project", project.toString(), "--registry", registry));
        return CliRunner.run(all.toArray(String[]::new));
    }

    private Path deployDir() {
        return project.resolve(".ctkit/deploy/local/fc");
    }

    @AfterEach
    void stopServer() throws Exception {
        Path server = deployDir() == null ? null : deployDir().resolve("server.json");
        if (server != null && Files.isRegularFile(server)) {
            long pid = JSON.readTree(server.toFile()).get("pid").asLong();
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            if (p.isPresent()) {
                p.get().destroyForcibly();
                p.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void versionTwoReplacesOneUnderLoadWithoutAFailedRequestAndABrokenThreeNeverServes() throws Exception {
        setUp();
        CliRunner one = deploy("fc:1", "--target", "local");
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.out()).contains("deployed fc:1", "2 golden rows agree");
        assertThat(predict()).isEqualTo(1.0);

        double answer;
        CliRunner two;
        CliRunner three;
        try (LoadLoop load = LoadLoop.start(this::predict, Duration.ofSeconds(90))) {
            load.awaitAnswers(20, Duration.ofSeconds(30));
            two = deploy("fc:2", "--out", tmp.resolve("two.json").toString());
            load.awaitAnswer(2.0, Duration.ofSeconds(30));
            load.awaitAnswers(load.answers() + 20, Duration.ofSeconds(30));
            three = deploy("fc:3");
            answer = predict();
            load.stop();
            assertSoftly(softly -> {
                softly.assertThat(load.failures()).as("failed requests during the switch").isEmpty();
                softly.assertThat(load.seen()).containsExactlyInAnyOrder(1.0, 2.0);
            });
        }
        JsonNode report = JSON.readTree(tmp.resolve("two.json").toFile());
        List<Deployment> records;
        try (ModelRegistry reg = ModelRegistry.open(RegistryConfig.embedded(Path.of(registry)))) {
            records = reg.deployments("fc", "local:" + deployDir().toAbsolutePath().normalize());
        }
        assertSoftly(softly -> {
            softly.assertThat(two.exitCode()).as(two.err()).isZero();
            softly.assertThat(two.out()).contains("deployed fc:2", "was fc:1");
            softly.assertThat(report.get("outcome").asText()).isEqualTo("succeeded");
            softly.assertThat(report.get("previous").get("version").asInt()).isEqualTo(1);
            softly.assertThat(three.exitCode()).as(three.out()).isEqualTo(1);
            softly.assertThat(three.err()).contains("deploy failed at smoke-test:", "golden row 0 {x=1.0}:",
                    "expected prediction 3.5, got 3.0", "fc:2 still serves");
            softly.assertThat(answer).isEqualTo(2.0);
            softly.assertThat(records).extracting(Deployment::version, Deployment::outcome, Deployment::failedStep)
                    .containsExactly(tuple(1, "succeeded", null), tuple(2, "succeeded", null),
                            tuple(3, "failed", "smoke-test"));
            softly.assertThat(deployDir().resolve("versions")).isDirectoryContaining(p -> p.endsWith("2"));
            softly.assertThat(deployDir().resolve("staging")).isEmptyDirectory();
        });

        CliRunner back = deploy("fc", "--rollback");

        assertThat(back.exitCode()).as(back.err()).isZero();
        assertThat(back.out()).contains("deployed fc:1", "was fc:2");
        assertThat(predict()).isEqualTo(1.0);
    }

    @Test
    void badInputIsExitTwoAndDeploysNothing() throws Exception {
        setUp();
        CliRunner unknownAlias = deploy("fc@canary");
        CliRunner unknownModel = deploy("nope:1");
        CliRunner unknownTarget = deploy("fc:1", "--target", "moon");
        CliRunner nothingToRollBack = deploy("fc", "--rollback");
        Files.writeString(project.resolve("ctkit.yaml"), Files.readString(project.resolve("ctkit.yaml"))
                .replace("deploy:\n", "deploy:\n  target: moon\n"));
        CliRunner malformed = deploy("fc:1");

        assertSoftly(softly -> {
            softly.assertThat(unknownAlias.exitCode()).isEqualTo(2);
            softly.assertThat(unknownAlias.err()).contains("model fc has no alias \"canary\"");
            softly.assertThat(unknownModel.exitCode()).isEqualTo(2);
            softly.assertThat(unknownTarget.exitCode()).isEqualTo(2);
            softly.assertThat(unknownTarget.err()).contains("--target moon: unknown target; expected one of local");
            softly.assertThat(nothingToRollBack.exitCode()).isEqualTo(2);
            softly.assertThat(nothingToRollBack.err()).contains("nothing to roll back to");
            softly.assertThat(malformed.exitCode()).isEqualTo(2);
            softly.assertThat(malformed.err()).contains("ctkit.yaml", "deploy.target", "moon");
            softly.assertThat(deployDir()).doesNotExist();
        });
        try (ModelRegistry reg = ModelRegistry.open(RegistryConfig.embedded(Path.of(registry)))) {
            assertThat(reg.lineage("fc", 1).deployments()).isEmpty();
        }
    }

    private double predict() throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/models/fc/infer"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP64\",\"shape\":[1],\"data\":[1.0]}]}")).build();
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("HTTP " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body()).get("outputs").get(0).get("data").get(0).asDouble();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
