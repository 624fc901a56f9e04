package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A served model's log for the monitor Task: the example's trained bundle served by
 * {@code ctkit serve} in the CLI image, sent traffic with feedback, then stopped.
 */
final class ServedTraffic {

    private static final int READY_SECONDS = 120;

    private ServedTraffic() {
    }

    /**
     * Serves .ctkit/tekton/train/model of the project in WS/source, logging to .ctkit/serving/logs of
     * the project, and sends it the first DAYS days of the generator's drifted year (recent.csv), each
     * day's rows as one V2 infer request followed by their true revenue as feedback ({@link LoopTraffic},
     * as {@code ctkit loop} sends them); then stops the server, which closes its log.
     */
    static void serveDriftedDaysWithFeedback(String image, Path ws, int days) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String name = "ctkit-cli-image-it-" + ProcessHandle.current().pid() + "-" + port;
        ProcessRun started = ProcessRun.of(List.of("docker", "run", "-d", "--name", name, "--user", "10001",
                "-v", ws + ":/workspace", "-p", "127.0.0.1:" + port + ":8080", image,
                "serve", "--model", "/workspace/source/.ctkit/tekton/train/model", "--port", "8080",
                "--log-dir", "/workspace/source/.ctkit/serving/logs"), 60);
        try {
            assertThat(started.code()).as(started.output()).isZero();
            awaitReady(name, port);
            LoopTraffic traffic = new LoopTraffic(port, "marketing-forecast");
            List<String> inputs = new ObjectMapper(new YAMLFactory()).readTree(ws.resolve("source/ctkit.yaml").toFile())
                    .path("features").findValuesAsText("name");
            traffic.send(LoopTraffic.days(ws.resolve("source/data/recent.csv")).subList(0, days), inputs, "revenue");
            assertThat(traffic.failures()).as(logs(name)).isEmpty();
            assertThat(traffic.sent()).isEqualTo(days);
            ProcessRun stopped = ProcessRun.of(List.of("docker", "stop", "-t", "30", name), 60);
            assertThat(stopped.code()).as(stopped.output()).isZero();
        } finally {
            ProcessRun.of(List.of("docker", "rm", "-f", name), 60);
        }
    }

    private static void awaitReady(String container, int port) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            String running = ProcessRun.of(List.of("docker", "inspect", "-f", "{{.State.Running}}", container), 30).output();
            if (!running.strip().equals("true")) {
                fail("ctkit serve in " + container + " stopped before it was ready:\n" + logs(container));
            }
            Thread.sleep(500);
        }
        fail("ctkit serve in " + container + " was not ready within " + READY_SECONDS + " s:\n" + logs(container));
    }

    private static String logs(String container) {
        return ProcessRun.of(List.of("docker", "logs", container), 30).output();
    }
}
