package io.ctkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * {@code @ScoringContainerTest} in LOCAL mode, run end to end with the JUnit Platform test kit: the
 * server in this JVM on a bundle directory and on the same bundle as a .tar (one server for both
 * classes), parity, contract and a load test pass, and bad settings fail with messages that say
 * what to do. The {@code …TestCases} classes run only here.
 */
class ScoringContainerLocalTest {

    @BeforeAll
    static void writeFixtures() {
        ServingFixtures.write();
    }

    @ScoringContainerTest(model = ServingFixtures.V1, mode = ScoringContainerTest.Mode.LOCAL)
    static class FromDirectoryTestCases {
        @Test
        void servesWhatTheBundleComputes(ScoringEndpoint endpoint) {
            assertThat(endpoint.mode()).isEqualTo(ScoringContainerTest.Mode.LOCAL);
            assertThat(endpoint.modelName()).isEqualTo(ServingFixtures.NAME);
            endpoint.request().get("/v2/health/ready").then().statusCode(200);
            endpoint.assertParity(Path.of(ServingFixtures.DATA));
            endpoint.assertProtocolContract();
        }

        @Test
        void meetsItsLatencySlo(ScoringEndpoint endpoint) {
            LoadResult result = LoadTest.against(endpoint).rate(100).warmUp(Duration.ofMillis(500))
                    .duration(Duration.ofSeconds(2)).connections(2).bodiesFrom(Path.of(ServingFixtures.DATA)).run();
            LoadResultAssert.assertThat(result).p99().isLessThan(Duration.ofSeconds(2));
            LoadResultAssert.assertThat(result).errorRate().isZero();
            LoadResultAssert.assertThat(result).achievedRate().isAtLeast(0.9);
        }

        @Test
        void namesAMissingDataFile(ScoringEndpoint endpoint) {
            endpoint.assertParity(Path.of("no/such/rows.csv"));
        }
    }

    @ScoringContainerTest(model = ServingFixtures.V1_TAR, mode = ScoringContainerTest.Mode.LOCAL)
    static class FromTarTestCases {
        @Test
        void servesTheSameBundleFromItsTar(ScoringEndpoint endpoint) {
            endpoint.assertParity(Path.of(ServingFixtures.DATA));
        }
    }

    @ScoringContainerTest(model = ServingFixtures.DIR + "/no-such-model", mode = ScoringContainerTest.Mode.LOCAL)
    static class MissingModelTestCases {
        @Test
        void test(ScoringEndpoint endpoint) {
        }
    }

    @ScoringContainerTest(model = ServingFixtures.V1, image = "ctkit/kit-regression:1", mode = ScoringContainerTest.Mode.LOCAL)
    static class ImageWithoutDockerTestCases {
        @Test
        void test(ScoringEndpoint endpoint) {
        }
    }

    @Test
    void servesTheBundleInThisJvmOnceForTheDirectoryAndTheTar() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FromDirectoryTestCases.class), selectClass(FromTarTestCases.class))
                .execute();

        assertThat(messages(results)).containsExactly("assertParity: no data file at "
                + Path.of("no/such/rows.csv").toAbsolutePath() + " (\"no/such/rows.csv\"); give a CSV file with a column"
                + " per model input [x1, x2, x3]");
        results.testEvents().assertStatistics(stats -> stats.started(4).succeeded(3).failed(1));
        List<String> modes = entries(results, ScoringContainerTest.MODE_REPORT_KEY);
        assertThat(modes).hasSize(4).allMatch(m -> m.startsWith("LOCAL: local scoring server on "));
        assertThat(modes).as("one server for the directory and the tar (the same bundle digest)").containsOnly(modes.get(0));
        assertThat(entries(results, "ctkit.serving.log")).singleElement().asString()
                .contains("ctkit scoring server listening on 127.0.0.1");
    }

    @Test
    void badSettingsFailWithMessagesThatSayWhatToDo() {
        EngineExecutionResults missing = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(MissingModelTestCases.class), selectClass(ImageWithoutDockerTestCases.class))
                .execute();
        EngineExecutionResults badMode = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FromTarTestCases.class))
                .configurationParameter(ScoringContainerTest.MODE_PROPERTY, "dockr")
                .execute();

        Path absent = Path.of(ServingFixtures.DIR, "no-such-model").toAbsolutePath();
        assertThat(messages(missing)).containsExactly(
                "@ScoringContainerTest(model) on MissingModelTestCases: no model bundle at " + absent
                        + " (\"target/serving-fixtures/no-such-model\"); give a bundle directory or .tar, or a registry"
                        + " reference such as no-such-model@production",
                "@ScoringContainerTest on ImageWithoutDockerTestCases: image \"ctkit/kit-regression:1\" runs in Docker only,"
                        + " but the mode is LOCAL (@ScoringContainerTest(mode = LOCAL)); remove image to serve the bundle"
                        + " in this JVM, or run where Docker is");
        assertThat(messages(badMode)).containsExactly("@ScoringContainerTest on FromTarTestCases: system property"
                + " ctkit.serving.mode is \"dockr\", which is not a serving mode; use docker, local or auto");
    }

    static List<String> messages(EngineExecutionResults results) {
        return results.testEvents().failed().stream()
                .map(e -> e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage())
                .toList();
    }

    static List<String> entries(EngineExecutionResults results, String key) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .filter(m -> m.containsKey(key)).map((Map<String, String> m) -> m.get(key)).toList();
    }

}
