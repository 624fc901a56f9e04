package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.assertj.core.groups.Tuple.tuple;

import io.ctkit.registry.Deployment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ctkit deploy --target docker} on the real Docker engine: scoring images built into the
 * local daemon, containers behind ctkit's front proxy. Version 1, then version 2 under constant load
 * with no failed request, then a version 3 whose golden rows are wrong: refused at the smoke test
 * while version 2 keeps serving. And a Docker engine that does not answer: exit 2, nothing deployed.
 */
class DeployDockerTest {

    @TempDir
    Path tmp;

    private DeployFixture fx;

    private Path deployDir() {
        return fx.project.resolve(".ctkit/deploy/docker/fc");
    }

    @AfterEach
    void removeEverything() throws Exception {
        if (fx == null) {
            return;
        }
        DeployFixture.kill(deployDir().resolve("proxy.json"));
        String ids = docker("ps", "--all", "--quiet", "--filter", "label=io.ctkit.deploy=" + deployDir());
        for (String id : ids.lines().filter(l -> !l.isBlank()).toList()) {
            docker("rm", "--force", id);
        }
        docker("image", "rm", "--force", "ctkit/fc:1", "ctkit/fc:2", "ctkit/fc:3");
    }

    @Test
    void versionTwoReplacesOneUnderLoadWithoutAFailedRequestAndABrokenThreeNeverServes() throws Exception {
        fx = DeployFixture.create(tmp, "deploy:\n  timeout_seconds: 90\n  docker: {port: PORT, base_image:"
                + " \"docker://ctkit/jre:17\"}\n");
        CliRunner one = fx.deploy("fc:1", "--target", "docker");
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(fx.predict()).isEqualTo(1.0);

        CliRunner two;
        CliRunner three;
        double answer;
        try (LoadLoop load = LoadLoop.start(fx::predict, Duration.ofSeconds(240))) {
            load.awaitAnswers(20, Duration.ofSeconds(30));
            two = fx.deploy("fc:2", "--target", "docker");
            load.awaitAnswer(2.0, Duration.ofSeconds(30));
            load.awaitAnswers(load.answers() + 20, Duration.ofSeconds(30));
            three = fx.deploy("fc:3", "--target", "docker");
            answer = fx.predict();
            load.stop();
            assertSoftly(softly -> {
                softly.assertThat(load.failures()).as("failed requests during the switch").isEmpty();
                softly.assertThat(load.seen()).containsExactlyInAnyOrder(1.0, 2.0);
            });
        }
        List<Deployment> records = fx.deployments("docker:" + deployDir().toAbsolutePath().normalize());
        String running = docker("ps", "--quiet", "--filter", "label=io.ctkit.deploy=" + deployDir());
        assertSoftly(softly -> {
            softly.assertThat(two.exitCode()).as(two.err()).isZero();
            softly.assertThat(two.out()).contains("deployed fc:2", "was fc:1");
            softly.assertThat(three.exitCode()).as(three.out()).isEqualTo(1);
            softly.assertThat(three.err()).contains("deploy failed at smoke-test:", "golden row 0 {x=1.0}:",
                    "expected prediction 3.5, got 3.0", "fc:2 still serves");
            softly.assertThat(answer).isEqualTo(2.0);
            softly.assertThat(records).extracting(Deployment::version, Deployment::outcome, Deployment::failedStep)
                    .containsExactly(tuple(1, "succeeded", null), tuple(2, "succeeded", null),
                            tuple(3, "failed", "smoke-test"));
            softly.assertThat(records.get(1).imageDigest()).startsWith("sha256:");
            softly.assertThat(running.lines().filter(l -> !l.isBlank()).count()).as("containers left").isEqualTo(1);
        });
    }

    @Test
    void noDockerEngineIsExitTwoAndDeploysNothing() throws Exception {
        fx = DeployFixture.create(tmp, "");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Ctkit.class.getName(), "deploy", "fc:1",
                "--target", "docker", "--project", fx.project.toString(), "--registry", fx.registry));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DOCKER_HOST", "unix://" + tmp.resolve("no-such-docker.sock"));
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the child ended").isTrue();

        assertThat(p.exitValue()).as(out).isEqualTo(2);
        assertThat(out).contains("--target docker: no Docker engine answers", "DOCKER_HOST");
        assertThat(deployDir()).doesNotExist();
        assertThat(fx.deployments("docker:" + deployDir().toAbsolutePath().normalize())).isEmpty();
    }

    private static String docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("docker " + args[0] + " ended").isTrue();
        return out;
    }
}
