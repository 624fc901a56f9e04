package io.ctkit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ctkit.bundle.Bundle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a registering JVM (SIGKILL, {@link Process#destroyForcibly()}) at random points, again
 * and again, and after each kill opens the embedded store as it is: it must open without repair,
 * hold every acknowledged registration complete, and have no version pointing at a missing or
 * corrupt blob.
 */
class CrashSafetyTest {

    private static final int KILLS = 50;

    @TempDir
    Path tmp;

    // Starts fifty JVMs one after the other: 84 s on a loaded two-core machine, more than the
    // default timeout of junit-platform.properties.
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyAcknowledgedRegistrationSurvivesKillNine() throws Exception {
        Path registryDir = tmp.resolve("registry");
        Random random = new Random(20261201L);
        Map<Integer, String> acknowledged = new HashMap<>();
        int killedWhileRegistering = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            try (ChildJvm child = ChildJvm.start(registryDir, tmp.resolve("work"), 0, kill + 1)) {
                // Mostly kill while it registers; sometimes during start-up, when it opens (the first
                // time: creates and migrates) the store. The random pauses pick the kill point; no
                // event waits on them.
                if (kill == 0 || random.nextInt(5) == 0) {
                    Thread.sleep(200 + random.nextInt(800));
                } else {
                    assertThat(child.ready.await(60, TimeUnit.SECONDS)).as("child started: %s", child.lines).isTrue();
                    // Wait for a first acknowledgement, so that the kill lands inside the registration loop
                    // however slow a loaded machine is, then at a random point of a later registration.
                    await("first acknowledgement of child " + (kill + 1)).atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(5))
                            .until(() -> !child.acks().isEmpty() || !child.process.isAlive());
                    Thread.sleep(random.nextInt(250));
                }
                boolean wasRunning = child.process.isAlive();
                child.process.destroyForcibly();
                child.awaitEnd(Duration.ofSeconds(30));
                assertThat(child.lines).as("child output").noneMatch(l -> l.startsWith("error") || l.contains("Exception"));
                if (wasRunning && !child.acks().isEmpty()) {
                    killedWhileRegistering++;
                }
                for (String ack : child.acks()) {
                    String[] parts = ack.split(" ");
                    acknowledged.put(Integer.parseInt(parts[1]), parts[2]);
                }
            }
            checkStore(registryDir, acknowledged);
        }
        int stored;
        try (ModelRegistry registry = ModelRegistry.open(RegistryConfig.embedded(registryDir))) {
            stored = registry.versions("crash").size();
        }
        // For the log: versions committed whose ack the kill cut off show kills right at the commit.
        System.out.printf("crash safety: %d kills, %d in the registration loop, %d acknowledged, %d committed"
                + " without an ack%n", KILLS, killedWhileRegistering, acknowledged.size(), stored - acknowledged.size());
        assertThat(killedWhileRegistering).as("kills that hit a child in its registration loop").isGreaterThan(KILLS / 2);
        assertThat(acknowledged).hasSizeGreaterThan(KILLS);
    }

    private static void checkStore(Path registryDir, Map<Integer, String> acknowledged) throws Exception {
        try (ModelRegistry registry = ModelRegistry.open(RegistryConfig.embedded(registryDir))) {
            if (acknowledged.isEmpty()) {
                return;
            }
            List<ModelVersion> versions = registry.versions("crash");
            List<Integer> numbers = new ArrayList<>(versions.stream().map(ModelVersion::version).toList());
            // Numbers are handed out in the committing transaction: no gaps, no repeats.
            assertThat(numbers).containsExactlyElementsOf(IntStream.rangeClosed(1, numbers.size()).boxed().toList());
            for (Map.Entry<Integer, String> ack : acknowledged.entrySet()) {
                ModelVersion v = registry.version("crash", ack.getKey());
                assertThat(v.bundleDigest()).isEqualTo(ack.getValue());
                assertThat(registry.metrics("crash", v.version())).containsKey("f1");
            }
            Verification check = registry.verify();
            assertThat(check.problems()).isEmpty();
            assertThat(check.versions()).isEqualTo(versions.size());
            // The newest version, acknowledged or not, must read back as a whole bundle.
            Bundle newest = registry.bundle("crash", numbers.get(numbers.size() - 1));
            assertThat(newest.digest()).isEqualTo(versions.get(versions.size() - 1).bundleDigest());
        }
    }
}
