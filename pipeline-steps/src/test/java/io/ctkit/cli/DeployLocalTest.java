package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctkit.registry.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    private DeployFixture fx;

    private void setUp() throws Exception {
        fx = DeployFixture.create(tmp, "deploy:\n  local: {port: PORT}\n  timeout_seconds: 60\n");
    }

    private CliRunner deploy(String... args) {
        return fx.deploy(args);
    }

    private double predict() throws IOException {
        return fx.predict();
    }

    private Path deployDir() {
        return fx.project.resolve(".ctkit/deploy/local/fc");
    }

    @AfterEach
    void stopServer() throws Exception {
        if (fx != null) {
            DeployFixture.kill(deployDir().resolve("server.json"));
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
            // by the registered bundle's directory this time
            two = deploy(tmp.resolve("bundle-2").toString(), "--out", tmp.resolve("two.json").toString());
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
        List<Deployment> records = fx.deployments("local:" + deployDir().toAbsolutePath().normalize());
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
        // the server a deployment starts keeps its prediction log in DIR/logs, for ctkit monitor
        Path log = deployDir().resolve("logs").resolve("predictions.jsonl");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!loggedPredictions(log) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(log).as("the served predictions, logged").content().contains("\"type\":\"prediction\"");
    }

    private static boolean loggedPredictions(Path log) throws IOException {
        return Files.isRegularFile(log) && Files.readString(log).contains("\"type\":\"prediction\"");
    }

    @Test
    void badInputIsExitTwoAndDeploysNothing() throws Exception {
        setUp();
        CliRunner unknownAlias = deploy("fc@canary");
        CliRunner unknownModel = deploy("nope:1");
        CliRunner unknownTarget = deploy("fc:1", "--target", "moon");
        CliRunner notRegistered = deploy(DeployFixture.bundle(tmp.resolve("bundle-5"), 5).toString());
        CliRunner nothingToRollBack = deploy("fc", "--rollback");
        Files.writeString(fx.project.resolve("ctkit.yaml"), Files.readString(fx.project.resolve("ctkit.yaml"))
                .replace("deploy:\n", "deploy:\n  target: moon\n"));
        CliRunner malformed = deploy("fc:1");

        assertSoftly(softly -> {
            softly.assertThat(unknownAlias.exitCode()).isEqualTo(2);
            softly.assertThat(unknownAlias.err()).contains("model fc has no alias \"canary\"");
            softly.assertThat(unknownModel.exitCode()).isEqualTo(2);
            softly.assertThat(unknownTarget.exitCode()).isEqualTo(2);
            softly.assertThat(unknownTarget.err()).contains("--target moon: unknown target; expected one of docker, kubernetes, local");
            softly.assertThat(notRegistered.exitCode()).isEqualTo(2);
            softly.assertThat(notRegistered.err()).contains("bundle-5: this bundle (sha256:",
                    "is not a registered version of fc; register it first");
            softly.assertThat(nothingToRollBack.exitCode()).isEqualTo(2);
            softly.assertThat(nothingToRollBack.err()).contains("nothing to roll back to");
            softly.assertThat(malformed.exitCode()).isEqualTo(2);
            softly.assertThat(malformed.err()).contains("ctkit.yaml", "deploy.target", "moon");
            softly.assertThat(deployDir()).doesNotExist();
        });
        assertThat(fx.deployments("local:" + deployDir().toAbsolutePath().normalize())).isEmpty();
    }

    @Test
    void aVersionWithoutGoldenRowsFailsAtVerifyAndIsRecorded() throws Exception {
        setUp();
        try (var reg = io.ctkit.registry.ModelRegistry.open(io.ctkit.registry.RegistryConfig.embedded(
                Path.of(fx.registry)))) {
            reg.register(io.ctkit.registry.Registration.of("fc", DeployFixture.bundle(tmp.resolve("bundle-6"), 6)));
        }

        CliRunner four = deploy("fc:4");

        assertThat(four.exitCode()).as(four.out()).isEqualTo(1);
        assertThat(four.err()).contains("deploy failed at verify: fc:4 has no golden rows",
                "nothing was serving, nothing serves");
        assertThat(deployDir()).doesNotExist();
        assertThat(fx.deployments("local:" + deployDir().toAbsolutePath().normalize()))
                .extracting(Deployment::version, Deployment::outcome, Deployment::failedStep)
                .containsExactly(tuple(4, "failed", "verify"));
    }
}
