package io.ctkit.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctkit.model.Model;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * While clients score continuously, a new version appears and then a corrupted one: no request
 * fails, and every answer equals the prediction of the version it names.
 */
class HotSwapTest {

    @TempDir
    Path tmp;

    static final double[] ROWS = {1, 2, 3, -1, 0.5, 4, 0.25, -2, 8};
    static final String BODY = "{\"inputs\":[{\"name\":\"input\",\"shape\":[3,3],\"datatype\":\"FP64\",\"data\":"
            + "[1,2,3,-1,0.5,4,0.25,-2,8]}]}";

    @ParameterizedTest(name = "batch max rows {0}")
    @ValueSource(strings = {"0", "16"})
    void newVersionsSwitchAtomicallyAndACorruptedVersionIsRefusedWhileServingGoesOn(String batchRows) throws Exception {
        Path base = tmp.resolve("models");
        Files.createDirectories(base);
        Map<String, Model> versions = new ConcurrentHashMap<>();
        versions.put("1", TestBundles.regression(base.resolve("1"), "reg", 1));

        try (RunningServer server = RunningServer.start("--model", base.toString(), "--poll-interval", "20ms",
                "--batch-max-rows", batchRows, "--batch-max-delay", "1ms")) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/v2/models/reg/infer")).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
            AtomicBoolean running = new AtomicBoolean(true);
            List<String> failures = new CopyOnWriteArrayList<>();
            Set<String> seen = ConcurrentHashMap.newKeySet();
            AtomicInteger answered = new AtomicInteger();
            ObjectMapper json = new ObjectMapper();
            Runnable loop = () -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            failures.add(response.statusCode() + " " + response.body());
                            continue;
                        }
                        JsonNode body = json.readTree(response.body());
                        String version = body.path("model_version").asText();
                        if (!version.equals(response.headers().firstValue("X-Model-Version").orElse(""))) {
                            failures.add("header and body name different versions: " + response.headers().map());
                        }
                        seen.add(version);
                        var expected = versions.get(version).predictNumeric(ROWS, 3);
                        JsonNode data = body.path("outputs").get(0).path("data");
                        for (int r = 0; r < 3; r++) {
                            if (data.get(r).doubleValue() != expected.value(r)) {
                                failures.add("version " + version + " row " + r + ": " + data.get(r) + " != "
                                        + expected.value(r));
                            }
                        }
                        answered.incrementAndGet();
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            };
            Thread[] clients = {new Thread(loop), new Thread(loop), new Thread(loop)};
            for (Thread t : clients) {
                t.start();
            }
            awaitAnswers(answered, 50);

            Path staging = tmp.resolve("staging-2");
            versions.put("2", TestBundles.regression(staging, "reg", 2));
            Files.move(staging, base.resolve("2"), StandardCopyOption.ATOMIC_MOVE);
            await(() -> seen.contains("2"));
            int afterSwitch = answered.get();
            awaitAnswers(answered, afterSwitch + 50);

            Path corrupt = tmp.resolve("staging-3");
            versions.put("3", TestBundles.regression(corrupt, "reg", 3));
            Path weights = corrupt.resolve("weights/W0.npy");
            byte[] bytes = Files.readAllBytes(weights);
            bytes[bytes.length - 1] ^= 1;
            Files.write(weights, bytes);
            Files.move(corrupt, base.resolve("3"), StandardCopyOption.ATOMIC_MOVE);
            await(() -> server.log().contains("model version 3"));
            int afterCorrupt = answered.get();
            awaitAnswers(answered, afterCorrupt + 100);

            running.set(false);
            for (Thread t : clients) {
                t.join(30_000);
                assertThat(t.isAlive()).as("client loop %s ended", t.getName()).isFalse();
            }
            String scrape = server.server.metrics().scrape();
            SoftAssertions.assertSoftly(soft -> {
                soft.assertThat(failures).as("failed answers").isEmpty();
                soft.assertThat(seen).as("versions answered").containsExactlyInAnyOrder("1", "2");
                soft.assertThat(server.server.repository().current().version()).isEqualTo("2");
                soft.assertThat(server.log()).contains("model version 3 in " + base.resolve("3") + " failed to load",
                        "weights/W0.npy does not match MANIFEST.json", "still serving version 2");
                soft.assertThat(scrape).contains("ctkit_model_load_failures_total{version=\"3\"} 1.0",
                        "ctkit_model_info{digest=\"" + server.server.repository().current().digest()
                                + "\",model=\"reg\",version=\"2\"} 1");
                soft.assertThat(scrape).as("distributions of a replaced version are removed")
                        .doesNotContain("version=\"1\"");
            });
        }
    }

    @Test
    void anErrorNamesTheVersionThatHandledTheRequestEvenIfAnotherWasSwitchedToMeanwhile() throws Exception {
        Path base = tmp.resolve("models");
        TestBundles.regression(base.resolve("1"), "reg", 1);
        // the gate holds the request after it took its version, until version 2 is served
        Gate gate = new Gate();
        try (RunningServer server = RunningServer.start(ServerConfig.of(base).withPollInterval(Duration.ofMillis(20)),
                gate.settings())) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest wrongShape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/v2/models/reg/infer")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,2],\"datatype\":\"FP64\",\"data\":[1,2]}]}"))
                    .build();
            var answer = client.sendAsync(wrongShape, HttpResponse.BodyHandlers.ofString());
            gate.awaitArrivals(1);
            Path staging = tmp.resolve("staging-2");
            TestBundles.regression(staging, "reg", 2);
            Files.move(staging, base.resolve("2"), StandardCopyOption.ATOMIC_MOVE);
            await(() -> server.server.metrics().scrape().contains("model=\"reg\",version=\"2\""));
            gate.open();

            HttpResponse<String> refused = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.headers().firstValue("X-Model-Version")).as("the version that read the request")
                    .contains("1");
        }
    }

    private static void awaitAnswers(AtomicInteger answered, int atLeast) {
        await(() -> answered.get() >= atLeast);
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(condition);
    }
}
