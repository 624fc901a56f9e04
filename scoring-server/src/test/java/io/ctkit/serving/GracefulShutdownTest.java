package io.ctkit.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server as a child JVM, as in a container: SIGTERM with requests in flight turns readiness
 * to 503 at once, and every in-flight request still completes with 200 before the process exits.
 * The requests are held in flight by their clients (half the body sent, see {@link HeldRequest})
 * until readiness has turned, so the order of events is observed, not hoped for.
 */
class GracefulShutdownTest {

    private Process process;

    @AfterEach
    void stopTheChild() throws InterruptedException {
        // here, not in the test's finally: a test that timed out may still be stuck in its own thread
        if (process != null) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void sigtermTurnsReadinessTo503FirstAndFinishesInflightRequests() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ScoringServerMain.class.getName(), "--host", "127.0.0.1", "--port", "0", "--worker-threads", "4")
                .redirectErrorStream(true);
        // configured partly by environment variables, as a container would be
        builder.environment().put("CTKIT_MODEL_DIR", TestBundles.WINE.toString());
        builder.environment().put("CTKIT_DRAIN_DELAY", "2s");
        builder.environment().put("CTKIT_PORT", "1"); // the flag wins
        process = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            Pattern listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.add(line);
                    Matcher m = listening.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (java.io.IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new AssertionError("server exited before listening: " + output));
        });
        reader.setDaemon(true);
        reader.start();
        List<HeldRequest> inflight = new ArrayList<>();
        try {
            int serverPort = port.get(60, TimeUnit.SECONDS);
            String base = "http://127.0.0.1:" + serverPort;
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest ready = HttpRequest.newBuilder(URI.create(base + "/v2/health/ready"))
                    .timeout(Duration.ofSeconds(10)).build();
            assertThat(client.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            for (int i = 0; i < 4; i++) {
                inflight.add(HeldRequest.start(serverPort, "/v1/models/wine-classifier:predict", OverloadTest.BODY));
            }
            HttpRequest metrics = HttpRequest.newBuilder(URI.create(base + "/metrics")).timeout(Duration.ofSeconds(10)).build();
            await("4 requests in flight").atMost(Duration.ofSeconds(30)).until(() -> client.send(metrics,
                    HttpResponse.BodyHandlers.ofString()).body().contains("ctkit_http_inflight 4.0"));

            // SIGTERM, as Kubernetes sends; Process.destroy() would also close our end of its stdout
            assertThat(process.toHandle().destroy()).isTrue();
            // polled fast: the drain delay (2 s) is the window in which the listener still answers
            await("readiness 503 after SIGTERM").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                    .until(() -> client.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode() == 503);

            for (HeldRequest request : inflight) {
                RawHttp.Response response = request.finish();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.body()).contains("\"predictions\"");
            }
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("process exited").isTrue();
            assertThat(process.exitValue()).as("exit code after a drained SIGTERM").isZero();
            reader.join(10_000);
            assertThat(String.join("\n", output)).contains("shutting down: readiness is 503; draining for 2000 ms with 4 scoring"
                    + " requests in flight").contains("all in-flight requests answered").contains("stopped");
        } finally {
            for (HeldRequest request : inflight) {
                request.close();
            }
        }
    }
}
