package io.ctkit.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Beyond the in-flight bound a request is refused at once with 503, Retry-After and a JSON error,
 * while probes still answer. The bound is reached by requests whose clients hold them in flight
 * (half their body sent), so the server needs no artificial delay and nothing depends on timing.
 */
class OverloadTest {

    static final String BODY = "{\"instances\":[[" + MalformedRequestTest.ROW + "]]}";
    static final String PREDICT = "/v1/models/wine-classifier:predict";
    static final int BOUND = 2;

    static RunningServer server;
    final List<HeldRequest> held = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(ServerConfig.of(TestBundles.WINE).withMaxInflight(BOUND), InternalSettings.NONE);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void fillTheBound() throws Exception {
        for (int i = 0; i < BOUND; i++) {
            held.add(HeldRequest.start(server.port(), PREDICT, BODY));
        }
        awaitInflight(BOUND);
    }

    @AfterEach
    void releaseTheBound() throws Exception {
        for (HeldRequest request : held) {
            request.close();
        }
        awaitInflight(0);
    }

    private static void awaitInflight(int count) {
        await("%d requests in flight".formatted(count)).atMost(Duration.ofSeconds(30))
                .until(() -> server.server.metrics().registry().get("ctkit.http.inflight").gauge().value() == count);
    }

    @Test
    void aScoringRequestGets503WithRetryAfterAndAJsonError() throws Exception {
        RawHttp.Response refused = RawHttp.send(server.port(), RawHttp.request("POST", PREDICT, "application/json",
                BODY.getBytes(StandardCharsets.UTF_8)));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.headers()).containsEntry("retry-after", "1").containsEntry("content-type", "application/json");
        assertThat(refused.body()).startsWith("{\"error\":\"overloaded: 2 requests are in flight (--max-inflight)");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"GET, /v2/health/live", "GET, /v2/health/ready", "HEAD, /v2/health/ready",
        "GET, /v2/models/wine-classifier/ready", "GET, /metrics"})
    void probesStillAnswer(String method, String path) throws Exception {
        assertThat(RawHttp.send(server.port(), RawHttp.request(method, path, null, null)).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0} {1} with body {2}")
    @CsvSource({"GET, /v2/models/wine-classifier, ''", "GET, /v2/health/live, {}", "GET, /nowhere, ''"})
    void everythingElseCountsAgainstTheBound(String method, String path, String body) throws Exception {
        RawHttp.Response answer = RawHttp.send(server.port(), RawHttp.request(method, path,
                body.isEmpty() ? null : "application/json", body.isEmpty() ? null : body.getBytes(StandardCharsets.UTF_8)));

        assertThat(answer.status()).as("metadata, unknown paths and probes with a body count").isEqualTo(503);
    }

    @Test
    void theMetricsShowTheBoundReachedAndTheRefusals() throws Exception {
        RawHttp.send(server.port(), RawHttp.request("POST", PREDICT, "application/json", BODY.getBytes(StandardCharsets.UTF_8)));

        assertThat(server.server.metrics().scrape()).contains("ctkit_http_inflight 2.0")
                .contains("ctkit_http_inflight_max 2.0")
                .containsPattern("ctkit_http_requests_seconds_count\\{endpoint=\"tf_predict\",status=\"503\"} [1-9]");
    }

    @Test
    void theHeldRequestsAreAnsweredAndAfterThemNewOnesAreAdmitted() throws Exception {
        for (HeldRequest request : held) {
            RawHttp.Response answer = request.finish();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).startsWith("{\"predictions\":[");
        }
        awaitInflight(0);

        assertThat(RawHttp.send(server.port(), RawHttp.request("POST", PREDICT, "application/json",
                BODY.getBytes(StandardCharsets.UTF_8))).status()).isEqualTo(200);
    }

    @Test
    void aRefusalOfARequestExpecting100ContinueClosesTheConnection() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            // the client asks first and, refused, does not send the 60 bytes it declared (RFC 9110 10.1.1)
            socket.getOutputStream().write(("POST " + PREDICT + " HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 60\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 503 ");
            // readAllBytes returned: the server ended the connection instead of reading the next request as the body
            assertThat(answer.toLowerCase(Locale.ROOT)).contains("connection: close");
        }
    }
}
