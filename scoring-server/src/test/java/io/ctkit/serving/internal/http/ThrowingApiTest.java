package io.ctkit.serving.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The HTTP layer's own accounting when the API throws an Error instead of returning a future (an
 * OutOfMemoryError from a huge allocation, say): the request is still answered, and its in-flight
 * permit comes back, so such requests cannot use up --max-inflight for good.
 */
class ThrowingApiTest {

    @Test
    void anErrorFromTheApiIsAnswered500AndReleasesItsPermit() throws Exception {
        Api api = new Api() {
            @Override
            public CompletableFuture<ApiResponse> handle(ApiRequest request) {
                if (request.path().equals("/boom")) {
                    throw new OutOfMemoryError("Java heap space (thrown by the test)");
                }
                return CompletableFuture.completedFuture(ApiResponse.json("ok", 200, "{}".getBytes(StandardCharsets.UTF_8)));
            }

            @Override
            public String endpoint(String method, String path) {
                return path;
            }

            @Override
            public boolean exempt(String path) {
                return false;
            }

            @Override
            public void completed(String endpoint, int status, long startNanos) {
            }

            @Override
            public byte[] error(String message) {
                return ("{\"error\":\"" + message.replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8);
            }
        };
        int maxInflight = 2;
        try (HttpServer server = HttpServer.start(new HttpServer.Settings("127.0.0.1", 0, 1 << 20, maxInflight, 1,
                Duration.ofSeconds(30)), api)) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (int i = 0; i < 5 * maxInflight; i++) {
                HttpResponse<String> boom = client.send(post(server, "/boom"), HttpResponse.BodyHandlers.ofString());
                assertThat(boom.statusCode()).isEqualTo(500);
                assertThat(boom.body()).contains("\"error\"").contains("OutOfMemoryError");
            }
            // the permit comes back when the write completes, which the client may see first
            await("permits back").atMost(Duration.ofSeconds(10)).until(() -> server.inflight() == 0 && server.active() == 0);
            HttpResponse<String> fine = client.send(post(server, "/fine"), HttpResponse.BodyHandlers.ofString());
            assertThat(fine.statusCode()).as("not 503: the permits came back").isEqualTo(200);
        }
    }

    private static HttpRequest post(HttpServer server, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build();
    }
}
