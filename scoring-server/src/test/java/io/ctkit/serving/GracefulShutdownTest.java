package io.ctkit.serving;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

/**
 * The server as a child JVM, as in a container: SIGTERM with requests in flight turns readiness
 * to 503 at once, and every in-flight request still completes with 200 before the process exits.
 */
class GracefulShutdownTest {

    @Test
    void sigtermTurnsReadinessTo503FirstAndFinishesInflightRequests() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ScoringServerMain.class.getName(), "--host", "127.0.0.1", "--port", "0", "--test-delay", "2500ms",
                "--worker-threads", "4").redirectErrorStream(true);
        // configured partly by environment variables, as a container would be
        builder.environment().put("CTKIT_MODEL_DIR", TestBundles.WINE.toString());
        builder.environment().put("CTKIT_DRAIN_DELAY", "1s");
        builder.environment().put("CTKIT_PORT", "1"); // the flag wins
        Process process = builder.start();
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
        reader.start();
        try {
            String base = "http://127.0.0.1:" + port.get(30, TimeUnit.SECONDS);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest ready = HttpRequest.newBuilder(URI.create(base + "/v2/health/ready")).build();
            assertThat(client.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            HttpRequest predict = HttpRequest.newBuilder(URI.create(base + "/v1/models/wine-classifier:predict"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(OverloadTest.BODY)).build();
            List<CompletableFuture<HttpResponse<String>>> inflight = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                inflight.add(client.sendAsync(predict, HttpResponse.BodyHandlers.ofString()));
            }
            HttpRequest metrics = HttpRequest.newBuilder(URI.create(base + "/metrics")).build();
            while (!client.send(metrics, HttpResponse.BodyHandlers.ofString()).body().contains("ctkit_http_inflight 4.0")) {
                Thread.sleep(10);
            }

            // SIGTERM, as Kubernetes sends; Process.destroy() would also close our end of its stdout
            assertThat(process.toHandle().destroy()).isTrue();
            int readiness;
            do {
                readiness = client.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode();
            } while (readiness == 200);
            boolean noneFinished = inflight.stream().noneMatch(CompletableFuture::isDone);

            assertThat(readiness).isEqualTo(503);
            assertThat(noneFinished).as("readiness turned 503 while the requests were still in flight").isTrue();
            for (var f : inflight) {
                HttpResponse<String> response = f.get(30, TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains("\"label\":\"class_0\"");
            }
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("process exited").isTrue();
            assertThat(process.exitValue()).as("exit code after a drained SIGTERM").isZero();
            reader.join(5000);
            assertThat(String.join("\n", output)).contains("shutting down: readiness is 503; draining for 1000 ms with 4 scoring"
                    + " requests in flight").contains("all in-flight requests answered").contains("stopped");
        } finally {
            process.destroyForcibly();
        }
    }
}
