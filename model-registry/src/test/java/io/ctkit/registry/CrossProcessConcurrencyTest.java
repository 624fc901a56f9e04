package io.ctkit.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight JVMs register into one new embedded store at once: they race to create and migrate it,
 * then contend for SQLite's write lock on every registration.
 */
class CrossProcessConcurrencyTest {

    @TempDir
    Path tmp;

    @Test
    void eightProcessesRegisteringAtOnceGetDistinctVersions() throws Exception {
        int processes = 8;
        int each = 25;
        Path registryDir = tmp.resolve("registry");
        List<ChildJvm> children = new ArrayList<>();
        List<Integer> versions = new ArrayList<>();
        try {
            for (int p = 0; p < processes; p++) {
                children.add(ChildJvm.start(registryDir, tmp.resolve("work"), each, p + 1));
            }
            for (ChildJvm child : children) {
                child.awaitEnd(Duration.ofSeconds(90));
                assertThat(child.process.exitValue()).as("exit code; output: %s", child.lines).isZero();
                child.acks().forEach(a -> versions.add(Integer.parseInt(a.split(" ")[1])));
            }
        } finally {
            for (ChildJvm child : children) {
                child.close();
            }
        }

        assertThat(versions).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, processes * each).boxed().toList());
        try (ModelRegistry registry = ModelRegistry.open(RegistryConfig.embedded(registryDir))) {
            assertThat(registry.versions("crash")).hasSize(processes * each);
            assertThat(registry.verify().problems()).isEmpty();
        }
    }
}
