package io.ctkit.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server started from Java in a JVM whose environment sets every {@code CTKIT_*} variable of
 * the command line is configured by its {@link ServerConfig} alone: a child JVM
 * ({@link EmbeddedServerProbe}) gets those variables, each set to a value whose effect would show
 * (or would stop the server from starting), and the test checks what it really serves.
 */
class EmbeddedServerIgnoresEnvironmentTest {

    @TempDir
    Path tmp;

    private ServerSocket portFromEnvironment;
    private Process child;
    private final List<String> output = new CopyOnWriteArrayList<>();

    @BeforeEach
    void holdThePortTheEnvironmentNames() throws Exception {
        // held, so that a server taking CTKIT_PORT could not start at all
        portFromEnvironment = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws Exception {
        if (child != null) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        portFromEnvironment.close();
    }

    private Map<String, String> environment() {
        Map<String, String> env = new TreeMap<>();
        env.put("CTKIT_MODEL_DIR", tmp.resolve("no-such-model").toString());
        env.put("CTKIT_MODEL_NAME", "from-env");
        env.put("CTKIT_PUBLIC_KEY", tmp.resolve("no-such-key.pem").toString());
        env.put("CTKIT_HOST", "203.0.113.7"); // TEST-NET-3: not an address of this machine
        env.put("CTKIT_PORT", Integer.toString(portFromEnvironment.getLocalPort()));
        env.put("CTKIT_MAX_BODY_BYTES", "64");
        env.put("CTKIT_MAX_ROWS", "1");
        env.put("CTKIT_MAX_JSON_DEPTH", "2");
        env.put("CTKIT_MAX_INFLIGHT", "1");
        env.put("CTKIT_IO_THREADS", "7");
        env.put("CTKIT_WORKER_THREADS", "7");
        env.put("CTKIT_INLINE_MAX_BYTES", "0");
        env.put("CTKIT_DRAIN_DELAY", "47s");
        env.put("CTKIT_SHUTDOWN_TIMEOUT", "1s");
        env.put("CTKIT_POLL_INTERVAL", "9s");
        env.put("CTKIT_LOG_DIR", tmp.resolve("log-from-env").toString());
        env.put("CTKIT_LOG_MAX_FILE_BYTES", "2048");
        env.put("CTKIT_LOG_MAX_FILES", "1");
        env.put("CTKIT_LOG_QUEUE", "1");
        env.put("CTKIT_BATCH_MAX_ROWS", "8");
        env.put("CTKIT_BATCH_MAX_DELAY", "40ms");
        env.put("CTKIT_BATCH_QUEUE", "1");
        env.put("CTKIT_BENCH_NOOP", "true");
        env.put("CTKIT_TEST_DELAY", "1m");
        return env;
    }

    @Test
    void everyCommandLineVariableIsSetHere() {
        // so that a variable added to the command line is added to this test too
        assertThat(environment().keySet()).containsAll(ServerConfigTest.commandLineVariables());
    }

    @Test
    void theJavaConfigurationWinsAndTheEnvironmentHasNoEffect() throws Exception {
        Map<String, String> env = environment();
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(javaCommand, "-cp", System.getProperty("java.class.path"),
                EmbeddedServerProbe.class.getName(), TestBundles.WINE.toString(), "0").redirectErrorStream(false);
        builder.environment().putAll(env);
        child = builder.start();
        CompletableFuture<String> serving = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.add(line);
                    if (line.startsWith("serving ")) {
                        serving.complete(line);
                    }
                }
            } catch (java.io.IOException ignored) {
                // the child is gone; what it printed is in output
            }
            serving.completeExceptionally(new AssertionError("the child ended without serving: " + output));
        });
        reader.setDaemon(true);
        reader.start();
        Thread errors = new Thread(() -> {
            try {
                child.getErrorStream().transferTo(OutputStream.nullOutputStream());
            } catch (java.io.IOException ignored) {
                // the child is gone
            }
        });
        errors.setDaemon(true);
        errors.start();

        String[] parts = serving.get(60, TimeUnit.SECONDS).split(" ");
        int port = Integer.parseInt(parts[1]);
        URI base = URI.create(parts[3]);

        // the variables were really there
        for (var e : env.entrySet()) {
            assertThat(output).contains("env " + e.getKey() + "=" + e.getValue());
        }
        assertThat(output).as("ServerConfig.of in the child: the same defaults as in this JVM")
                .contains("defaults " + ServerConfig.of(TestBundles.WINE));

        assertThat(port).isNotEqualTo(portFromEnvironment.getLocalPort());
        assertThat(base).isEqualTo(URI.create("http://127.0.0.1:" + port + "/"));
        assertThat(parts[2]).as("model name").isEqualTo("wine-classifier");

        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> metadata = client.send(get(base, "/v2/models/wine-classifier"),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> envName = client.send(get(base, "/v2/models/from-env"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> noop = client.send(get(base, "/bench/noop"), HttpResponse.BodyHandlers.ofString());
        // two rows and a body of ~400 bytes, nested 3 deep: over CTKIT_MAX_ROWS, CTKIT_MAX_BODY_BYTES and
        // CTKIT_MAX_JSON_DEPTH; answered at once although CTKIT_TEST_DELAY asks for a minute
        HttpResponse<String> predicted = client.send(HttpRequest.newBuilder(base.resolve("/v1/models/wine-classifier:predict"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"instances\":[[" + MalformedRequestTest.ROW + "],["
                        + MalformedRequestTest.ROW + "]]}")).build(), HttpResponse.BodyHandlers.ofString());
        String metrics = client.send(get(base, "/metrics"), HttpResponse.BodyHandlers.ofString()).body();

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(metadata.statusCode()).isEqualTo(200);
            soft.assertThat(envName.statusCode()).as("CTKIT_MODEL_NAME").isEqualTo(404);
            soft.assertThat(noop.statusCode()).as("CTKIT_BENCH_NOOP").isEqualTo(404);
            soft.assertThat(predicted.statusCode()).as("limits from the environment: %s", predicted.body()).isEqualTo(200);
            soft.assertThat(predicted.body()).startsWith("{\"predictions\":[");
            soft.assertThat(metrics).as("CTKIT_MAX_INFLIGHT").contains("ctkit_http_inflight_max 64.0");
            soft.assertThat(metrics).as("CTKIT_BATCH_MAX_ROWS").contains("ctkit_batch_rows_count 0");
        });

        child.getOutputStream().close(); // the probe stops when its stdin ends
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child stopped; output %s", output).isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(Files.exists(tmp.resolve("log-from-env"))).as("CTKIT_LOG_DIR").isFalse();
    }

    private static HttpRequest get(URI base, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20)).build();
    }
}
