package io.ctkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.ctkit.bundle.Bundle;
import io.ctkit.testkit.internal.serving.DockerServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.testcontainers.DockerClientFactory;

/**
 * {@code @ScoringContainerTest} against the real scoring image in Docker (no skip: CI has an
 * engine). One image is built for the run, by the extension, from bundle v1: parity, the contract
 * and a load test pass against it. Then the same image is checked against bundle v2 (an image that
 * serves another version than the one under test) and the parity check fails, showing the first
 * differing rows.
 */
class ScoringContainerDockerTest {

    static final String BASE_IMAGE = "ctkit/jre:17";
    static final String RETAGGED = "ctkit-kit-test/kit-regression:v1";

    @BeforeAll
    static void requireDockerAndFixtures() throws IOException, InterruptedException {
        ServingFixtures.write();
        if (!DockerServer.engineAnswers()) {
            fail("no Docker engine answers; the container tests run wherever the build does (CI starts dockerd)");
        }
        DockerClient docker = DockerClientFactory.instance().client();
        try {
            docker.inspectImageCmd(BASE_IMAGE).exec();
        } catch (NotFoundException e) {
            buildBaseImage();
        }
    }

    @ScoringContainerTest(model = ServingFixtures.V1, mode = ScoringContainerTest.Mode.DOCKER)
    static class BuiltFromTheBundleTestCases {
        @Test
        void servesWhatTheBundleComputes(ScoringEndpoint endpoint) {
            assertThat(endpoint.mode()).isEqualTo(ScoringContainerTest.Mode.DOCKER);
            endpoint.assertParity(Path.of(ServingFixtures.DATA));
            endpoint.assertProtocolContract();
        }

        @Test
        void meetsItsLatencySlo(ScoringEndpoint endpoint) {
            // a modest rate: the container's JVM is cold and shares 2 busy cores with the build
            LoadResult result = LoadTest.against(endpoint).rate(20).warmUp(Duration.ofSeconds(1))
                    .duration(Duration.ofSeconds(2)).connections(2).bodiesFrom(Path.of(ServingFixtures.DATA)).run();
            System.out.println("[load test against the container] " + result.summary());
            LoadResultAssert.assertThat(result).p99().isLessThan(Duration.ofSeconds(2));
            LoadResultAssert.assertThat(result).errorRate().isZero();
            LoadResultAssert.assertThat(result).achievedRate().isAtLeast(0.9);
        }
    }

    @ScoringContainerTest(model = ServingFixtures.V2, image = RETAGGED, mode = ScoringContainerTest.Mode.AUTO)
    static class ServesAnotherVersionTestCases {
        @Test
        void servesWhatTheBundleComputes(ScoringEndpoint endpoint) {
            endpoint.assertParity(Path.of(ServingFixtures.DATA));
        }

        @Test
        void keepsTheProtocolContract(ScoringEndpoint endpoint) {
            endpoint.assertProtocolContract();
        }
    }

    @Test
    void buildsTheImageOnceAndItsParityCheckCatchesAnImageOfAnotherVersion() throws IOException {
        String digest = Bundle.open(Path.of(ServingFixtures.V1)).digest();
        String built = "ctkit/kit-regression:" + digest.substring(7, 19);
        DockerClient docker = DockerClientFactory.instance().client();
        try {
            EngineExecutionResults fromBundle = EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(BuiltFromTheBundleTestCases.class))
                    .configurationParameter(ScoringContainerTest.BASE_IMAGE_PROPERTY, "docker://" + BASE_IMAGE)
                    .execute();

            assertThat(ScoringContainerLocalTest.messages(fromBundle)).isEmpty();
            fromBundle.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
            List<String> modes = ScoringContainerLocalTest.entries(fromBundle, ScoringContainerTest.MODE_REPORT_KEY);
            assertThat(modes).hasSize(2).containsOnly(modes.get(0));
            assertThat(modes.get(0)).startsWith("DOCKER: image " + built + " (container ");

            docker.tagImageCmd(built, RETAGGED.substring(0, RETAGGED.indexOf(':')), "v1").withForce().exec();
            EngineExecutionResults otherVersion = EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(ServesAnotherVersionTestCases.class))
                    .execute();

            otherVersion.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
            String v2 = Bundle.open(Path.of(ServingFixtures.V2)).digest();
            assertThat(ScoringContainerLocalTest.messages(otherVersion)).singleElement().asString()
                    .matches("(?s)serving parity failed: \\d+ of 300 rows of target/serving-fixtures/rows\\.csv differ beyond"
                            + " 1\\.0E-6 between DOCKER image " + RETAGGED.replace(".", "\\.") + " \\(container [0-9a-f]{12}\\)"
                            + " at http://[^ ]+ and the in-process engine on model kit-regression sha256:"
                            + v2.substring(7, 19) + "…; the first 5:\\R"
                            + "  data row 1 \\{x1=[-0-9.]+, x2=[-0-9.]+, x3=[-0-9.]+\\}: prediction served [-0-9.E]+, engine"
                            + " [-0-9.E]+ \\(difference [-0-9.e+]+\\)\\R  data row 2 .*");
            assertThat(ScoringContainerLocalTest.entries(otherVersion, ScoringContainerTest.MODE_REPORT_KEY))
                    .allMatch(m -> m.startsWith("DOCKER: image " + RETAGGED) && m.endsWith("(AUTO chose it)"));
            assertThat(ScoringContainerLocalTest.entries(otherVersion, "ctkit.serving.log")).singleElement().asString()
                    .contains("ctkit scoring server listening");
        } finally {
            for (String image : List.of(RETAGGED, built)) {
                try {
                    docker.removeImageCmd(image).withForce(true).exec();
                } catch (NotFoundException ignored) {
                    // not built: the assertions above say why
                }
            }
        }
    }

    private static void buildBaseImage() throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("docker/jre-base/build.sh"))) {
            root = root.getParent();
        }
        if (root == null) {
            fail("the base image " + BASE_IMAGE + " is missing and docker/jre-base/build.sh is not above " + Path.of("").toAbsolutePath());
        }
        Path log = Files.createTempFile("ctkit-jre-base-", ".log");
        Process build = new ProcessBuilder("bash", root.resolve("docker/jre-base/build.sh").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).directory(new File(root.toString())).start();
        boolean done = build.waitFor(600, TimeUnit.SECONDS);
        build.destroyForcibly();
        String output = Files.readString(log);
        Files.deleteIfExists(log);
        if (!done || build.exitValue() != 0) {
            fail("building the base image " + BASE_IMAGE + " failed:\n" + output);
        }
    }
}
