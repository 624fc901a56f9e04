package io.ctkit.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Beyond the in-flight bound a request is refused at once with 503, Retry-After and a JSON error. */
class OverloadTest {

    static final String BODY = "{\"instances\":[[" + MalformedRequestTest.ROW + "]]}";

    @Test
    void requestsBeyondTheInflightBoundGet503WhileProbesStillAnswer() throws Exception {
        try (RunningServer server = RunningServer.start("--model", TestBundles.WINE.toString(), "--max-inflight", "2",
                "--worker-threads", "4", "--test-delay", "2s")) {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest predict = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/v1/models/wine-classifier:predict")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
            List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                slow.add(client.sendAsync(predict, HttpResponse.BodyHandlers.ofString()));
            }
            while (server.server.metrics().registry().get("ctkit.http.inflight").gauge().value() < 2) {
                Thread.sleep(5);
            }

            HttpResponse<String> refused = client.send(predict, HttpResponse.BodyHandlers.ofString());
            boolean slowStillRunning = slow.stream().noneMatch(CompletableFuture::isDone);
            HttpResponse<String> live = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + "/v2/health/ready")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(slowStillRunning).as("the 503 came before the admitted requests finished").isTrue();
            assertThat(refused.headers().firstValue("Retry-After")).contains("1");
            assertThat(refused.body()).startsWith("{\"error\":\"overloaded: 2 requests are in flight (--max-inflight)");
            HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> probeWithBody = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + "/v2/health/live")).method("GET", HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> headProbe = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + "/v2/health/ready")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> modelReady = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + "/v2/models/wine-classifier/ready")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> metadata = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + "/v2/models/wine-classifier")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(headProbe.statusCode()).as("a HEAD probe is a probe").isEqualTo(200);
            assertThat(modelReady.statusCode()).as("a model's readiness is a probe").isEqualTo(200);
            assertThat(metadata.statusCode()).as("metadata counts against the bound").isEqualTo(503);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("ctkit_http_inflight 2.0");
            assertThat(probeWithBody.statusCode()).as("a body makes a probe count against the bound").isEqualTo(503);
            for (var f : slow) {
                assertThat(f.get().statusCode()).isEqualTo(200);
            }
            assertThat(client.send(predict, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(server.server.metrics().scrape())
                    .contains("ctkit_http_requests_seconds_count{endpoint=\"tf_predict\",status=\"503\"} 1")
                    .contains("ctkit_http_requests_seconds_count{endpoint=\"v2_live\",status=\"503\"} 1");
        }
    }

    @Test
    void anOverloadRefusalOfARequestExpecting100ContinueClosesTheConnection() throws Exception {
        try (RunningServer server = RunningServer.start("--model", TestBundles.WINE.toString(), "--max-inflight", "1",
                "--worker-threads", "2", "--test-delay", "2s")) {
            HttpClient client = HttpClient.newHttpClient();
            CompletableFuture<HttpResponse<String>> slow = client.sendAsync(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + server.port() + "/v1/models/wine-classifier:predict"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
                    HttpResponse.BodyHandlers.ofString());
            while (server.server.metrics().registry().get("ctkit.http.inflight").gauge().value() < 1) {
                Thread.sleep(5);
            }
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(5_000);
                // the client asks first and, refused, does not send the 60 bytes it declared (RFC 9110 10.1.1)
                socket.getOutputStream().write(("POST /v1/models/wine-classifier:predict HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 60\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 503 ");
                assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("connection: close");
                // readAllBytes returned: the server closed the connection instead of reading the next
                // request as the declared body
            }
            assertThat(slow.get().statusCode()).isEqualTo(200);
        }
    }
}
