package io.ctkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The serving kit's Allure evidence, read back from the result files Allure writes: a test case
 * class runs through the JUnit Platform launcher (which registers Allure's listener, as Maven
 * Surefire does), and its results carry the REST Assured request and response, the load test's
 * summary, latency chart (PNG) and HdrHistogram log, the mode label, and on the failing test the
 * scoring server's log.
 */
class ServingEvidenceTest {

    private static final Path RESULTS = Path.of("target/allure-results");

    @BeforeAll
    static void writeFixtures() {
        ServingFixtures.write();
    }

    @ScoringContainerTest(model = ServingFixtures.V1, mode = ScoringContainerTest.Mode.LOCAL)
    static class EvidenceTestCases {
        @Test
        void failsItsLatencySlo(ScoringEndpoint endpoint) {
            endpoint.request().get("/v2/health/ready").then().statusCode(200);
            LoadResult result = LoadTest.against(endpoint).rate(50).warmUp(Duration.ZERO).duration(Duration.ofSeconds(1))
                    .connections(1).bodiesFrom(Path.of(ServingFixtures.DATA)).run();
            LoadResultAssert.assertThat(result).p99().isLessThan(Duration.ZERO);
        }
    }

    @Test
    void attachesRequestsTheLoadTestsEvidenceAndTheServerLogOfAFailedTest() throws IOException {
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(EvidenceTestCases.class)).build(), summary);
        assertThat(summary.getSummary().getTestsFailedCount()).isEqualTo(1);

        JsonNode result = latestResult("failsItsLatencySlo");
        assertThat(result.path("status").asText()).isEqualTo("failed");
        List<String> attachments = new ArrayList<>();
        collectAttachments(result, attachments);
        assertThat(attachments).contains("load test summary", "latency by percentile",
                "latency histogram (HdrHistogram log)");
        assertThat(attachments).anyMatch(name -> name.startsWith("scoring server log (local scoring server on "));
        assertThat(attachments).as("AllureRestAssured's request and response").hasSizeGreaterThanOrEqualTo(6);
        assertThat(result.path("labels").findValuesAsText("name")).contains(ScoringContainerTest.MODE_REPORT_KEY);
        JsonNode png = attachment(result, "latency by percentile");
        assertThat(png.path("type").asText()).isEqualTo("image/png");
        assertThat(Files.readAllBytes(RESULTS.resolve(png.path("source").asText()))).startsWith(0x89, 'P', 'N', 'G');
        JsonNode log = attachment(result, "latency histogram (HdrHistogram log)");
        assertThat(Files.readString(RESULTS.resolve(log.path("source").asText())))
                .contains("#[Histogram log format version").contains("Tag=latency").contains("Tag=service-time");
    }

    private static JsonNode latestResult(String method) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode latest = null;
        try (Stream<Path> files = Files.list(RESULTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith("-result.json")).toList()) {
                JsonNode node = json.readTree(file.toFile());
                if (node.path("fullName").asText().endsWith("EvidenceTestCases." + method)
                        && (latest == null || node.path("stop").asLong() > latest.path("stop").asLong())) {
                    latest = node;
                }
            }
        }
        assertThat(latest).as("an Allure result for %s in %s", method, RESULTS.toAbsolutePath()).isNotNull();
        return latest;
    }

    private static void collectAttachments(JsonNode node, List<String> names) {
        node.path("attachments").forEach(a -> names.add(a.path("name").asText()));
        node.path("steps").forEach(step -> collectAttachments(step, names));
    }

    private static JsonNode attachment(JsonNode node, String name) {
        for (JsonNode a : node.path("attachments")) {
            if (a.path("name").asText().equals(name)) {
                return a;
            }
        }
        for (JsonNode step : node.path("steps")) {
            JsonNode found = attachment(step, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
