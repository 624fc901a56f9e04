package io.ctkit.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.restassured.http.Header;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HEAD on every resource that answers GET (RFC 9110, 9.3.2): GET's status and headers, Content-Length
 * included, and no body. What goes over the wire byte by byte is in {@link HttpConnectionTest}.
 */
class HeadRequestTest {

    static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start("--model", TestBundles.WINE.toString(), "--bench-noop");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "HEAD {0}")
    @ValueSource(strings = {"/v2/health/live", "/v2/health/ready", "/v2", "/v2/", "/v2/models/wine-classifier",
        "/v2/models/wine-classifier/versions/1", "/v2/models/wine-classifier/ready",
        "/v2/models/wine-classifier/versions/1/ready", "/v1/models/wine-classifier",
        "/v1/models/wine-classifier/versions/1", "/v1/models/wine-classifier/metadata", "/bench/noop"})
    void headAnswersWithTheStatusAndHeadersOfGetAndNoBody(String path) {
        ExtractableResponse<Response> get = server.given().get(path).then().extract();
        ExtractableResponse<Response> head = server.given().head(path).then().extract();

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(headers(head)).isEqualTo(headers(get)).containsEntry("content-length",
                Integer.toString(get.asByteArray().length));
        assertThat(get.asByteArray()).isNotEmpty();
        assertThat(head.asByteArray()).isEmpty();
    }

    @ParameterizedTest(name = "HEAD {0}")
    @ValueSource(strings = {"/v2/models/nope", "/v2/models/nope/ready", "/v1/models/wine-classifier/versions/9/metadata",
        "/v2/models/wine-classifier/versions/9"})
    void headOnAnUnknownModelOrVersionAnswersAsGetDoes(String path) {
        ExtractableResponse<Response> get = server.given().get(path).then().extract();
        ExtractableResponse<Response> head = server.given().head(path).then().extract();

        assertThat(get.statusCode()).isEqualTo(404);
        assertThat(head.statusCode()).isEqualTo(404);
        assertThat(headers(head)).isEqualTo(headers(get));
        assertThat(head.asByteArray()).isEmpty();
    }

    @Test
    void headOnMetricsGivesTheLengthOfAScrapeWithoutSendingIt() {
        ExtractableResponse<Response> get = server.given().get("/metrics").then().extract();
        ExtractableResponse<Response> head = server.given().head("/metrics").then().extract();

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.contentType()).isEqualTo(get.contentType()).startsWith("text/plain; version=0.0.4");
        // every request changes the counters (and so the length) a little; a scrape is kilobytes
        int length = Integer.parseInt(head.header("Content-Length"));
        int getLength = get.asByteArray().length;
        assertThat(length).isBetween(getLength * 9 / 10, getLength * 11 / 10);
        assertThat(head.asByteArray()).isEmpty();
        assertThat(server.server.metrics().scrape())
                .contains("ctkit_http_requests_seconds_count{endpoint=\"metrics\",status=\"200\"}");
    }

    @ParameterizedTest(name = "HEAD {0}")
    @ValueSource(strings = {"/v2/models/wine-classifier/infer", "/v1/models/wine-classifier:predict",
        "/v2/models/wine-classifier/feedback", "/v1/models/wine-classifier:feedback"})
    void headOnAPostOnlyEndpointIs405WithAllow(String path) {
        ExtractableResponse<Response> head = server.given().head(path).then().statusCode(405)
                .header("Allow", "POST").contentType("application/json").extract();

        assertThat(Integer.parseInt(head.header("Content-Length"))).as("length of the JSON error not sent").isPositive();
        assertThat(head.asByteArray()).isEmpty();
    }

    @Test
    void aWrongMethodWhereGetIsAllowedNamesHeadInAllow() {
        server.given().contentType("application/json").body("{}").post("/v2/health/live").then().statusCode(405)
                .header("Allow", "GET, HEAD").body("error", containsString("use GET or HEAD"));
        server.given().delete("/v1/models/wine-classifier/metadata").then().statusCode(405)
                .header("Allow", "GET, HEAD");
        server.given().put("/bench/noop").then().statusCode(405).header("Allow", "GET, HEAD, POST");
    }

    @Test
    void readinessHeadTurns503WhileDrainingAsGetDoes() throws Exception {
        // a drain delay far longer than the checks, so that they never race the listener's close; the
        // test interrupts the shutdown when it is done
        try (RunningServer draining = RunningServer.start("--model", TestBundles.WINE.toString(), "--drain-delay", "10m")) {
            ExtractableResponse<Response> readyBefore = draining.given().head("/v2/health/ready").then().extract();
            Thread shutdown = new Thread(() -> {
                try {
                    draining.server.shutdown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the test is done with the drain
                }
            }, "test-shutdown");
            shutdown.start();
            try {
                await("readiness 503 while draining").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                        .until(() -> draining.given().get("/v2/health/ready").statusCode() == 503);
                ExtractableResponse<Response> get = draining.given().get("/v2/health/ready").then().extract();
                ExtractableResponse<Response> head = draining.given().head("/v2/health/ready").then().extract();
                ExtractableResponse<Response> modelGet = draining.given().get("/v2/models/wine-classifier/ready")
                        .then().extract();
                ExtractableResponse<Response> modelHead = draining.given().head("/v2/models/wine-classifier/ready")
                        .then().extract();
                ExtractableResponse<Response> live = draining.given().head("/v2/health/live").then().extract();

                SoftAssertions.assertSoftly(soft -> {
                    soft.assertThat(readyBefore.statusCode()).isEqualTo(200);
                    soft.assertThat(get.statusCode()).isEqualTo(503);
                    soft.assertThat(get.jsonPath().getBoolean("ready")).isFalse();
                    soft.assertThat(head.statusCode()).isEqualTo(503);
                    soft.assertThat(headers(head)).isEqualTo(headers(get));
                    soft.assertThat(head.asByteArray()).isEmpty();
                    soft.assertThat(modelHead.statusCode()).isEqualTo(503);
                    soft.assertThat(headers(modelHead)).isEqualTo(headers(modelGet));
                    soft.assertThat(live.statusCode()).as("still live while draining").isEqualTo(200);
                });
            } finally {
                shutdown.interrupt();
                shutdown.join(30_000);
                assertThat(shutdown.isAlive()).as("shutdown thread ended").isFalse();
            }
        }
    }

    /** Header names in lower case, for comparing answers. */
    private static Map<String, String> headers(ExtractableResponse<Response> response) {
        Map<String, String> all = new TreeMap<>();
        for (Header h : response.headers()) {
            all.put(h.getName().toLowerCase(Locale.ROOT), h.getValue());
        }
        return all;
    }
}
