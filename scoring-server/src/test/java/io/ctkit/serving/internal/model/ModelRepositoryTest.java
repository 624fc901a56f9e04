package io.ctkit.serving.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctkit.bundle.BundleVerification;
import io.ctkit.serving.TestBundles;
import io.ctkit.serving.internal.ServerLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRepositoryTest {

    @TempDir
    Path tmp;

    final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    final List<String> events = new ArrayList<>();
    final ModelRepository.Listener listener = new ModelRepository.Listener() {
        @Override
        public void loaded(ServedModel model, ServedModel previous) {
            events.add("loaded " + model.version());
        }

        @Override
        public void failed(String version, String reason) {
            events.add("failed " + version);
        }
    };

    ModelRepository open(Path dir) throws IOException {
        return new ModelRepository(dir, null, BundleVerification.defaults(), new ServerLog(new PrintStream(logged, true)),
                listener);
    }

    @Test
    void servesASingleBundleAsVersionOne() throws IOException {
        TestBundles.regression(tmp.resolve("bundle"), "reg", 1);
        ModelRepository repository = open(tmp.resolve("bundle"));
        assertThat(repository.versioned()).isFalse();
        assertThat(repository.current().version()).isEqualTo("1");
        assertThat(repository.current().name()).isEqualTo("reg");
    }

    @Test
    void servesATarBundleUnderAnOverriddenName() throws IOException {
        io.ctkit.model.Model model = TestBundles.regression(tmp.resolve("dir"), "reg", 1);
        java.util.Map<String, io.ctkit.npy.NpyArray> arrays = new java.util.HashMap<>();
        for (String path : model.definition().arrayPaths()) {
            arrays.put(path, io.ctkit.npy.Npy.read(tmp.resolve("dir").resolve(path)));
        }
        io.ctkit.model.Model.bundleWriter(model.definition(), arrays).writeTar(tmp.resolve("model.tar"));

        ModelRepository repository = new ModelRepository(tmp.resolve("model.tar"), "pricing", BundleVerification.defaults(),
                new ServerLog(new PrintStream(logged, true)), listener);

        assertThat(repository.versioned()).isFalse();
        assertThat(repository.current().name()).isEqualTo("pricing");
        assertThat(repository.current().version()).isEqualTo("1");
        assertThat(repository.current().model().predictNumeric(new double[] {1, 2, 3}, 1).value(0))
                .isEqualTo(model.predictNumeric(new double[] {1, 2, 3}, 1).value(0));
    }

    @Test
    void servesTheNewestVersionThatLoadsAndSkipsBrokenOnes() throws IOException {
        TestBundles.regression(tmp.resolve("base/3"), "reg", 3);
        TestBundles.regression(tmp.resolve("base/12"), "reg", 12);
        Files.writeString(tmp.resolve("base/12/model.json"), "{}");
        Files.createDirectories(tmp.resolve("base/not-a-version"));
        ModelRepository repository = open(tmp.resolve("base"));
        assertThat(repository.current().version()).isEqualTo("3");
        assertThat(events).containsExactly("failed 12", "loaded 3");

        repository.poll();
        assertThat(events).as("a failed version is not retried until its files change").hasSize(2);

        TestBundles.regression(tmp.resolve("base/13"), "reg", 13);
        repository.poll();
        assertThat(repository.current().version()).isEqualTo("13");
    }

    @Test
    void fallsBackWhenTheServedVersionIsRemoved() throws IOException {
        TestBundles.regression(tmp.resolve("base/1"), "reg", 1);
        TestBundles.regression(tmp.resolve("base/2"), "reg", 2);
        ModelRepository repository = open(tmp.resolve("base"));
        assertThat(repository.current().version()).isEqualTo("2");
        try (var files = Files.walk(tmp.resolve("base/2"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        repository.poll();
        assertThat(repository.current().version()).isEqualTo("1");
    }

    @Test
    void refusesDirectoriesWithNothingToServe() throws IOException {
        Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> open(tmp.resolve("empty"))).isInstanceOf(IOException.class)
                .hasMessageContaining("neither a model bundle (no model.json) nor a directory of versions");
        assertThatThrownBy(() -> open(tmp.resolve("missing"))).isInstanceOf(IOException.class)
                .hasMessageContaining("no such model directory");
        TestBundles.regression(tmp.resolve("bad/1"), "reg", 1);
        Files.writeString(tmp.resolve("bad/1/extra.txt"), "x");
        assertThatThrownBy(() -> open(tmp.resolve("bad"))).isInstanceOf(IOException.class)
                .hasMessageContaining("no version could be loaded: version 1: ")
                .hasMessageContaining("MANIFEST.json does not list: extra.txt");
        assertThat(logged.toString()).contains("MANIFEST.json does not list: extra.txt");
        // A single bundle (not a versioned directory) that fails says why, too.
        assertThatThrownBy(() -> open(tmp.resolve("bad/1"))).isInstanceOf(IOException.class)
                .hasMessageContaining("no version could be loaded: ")
                .hasMessageContaining("MANIFEST.json does not list: extra.txt");
    }

    @Test
    void withAPublicKeyOnlySignedVersionsAreServed() throws Exception {
        java.security.KeyPair key = io.ctkit.bundle.BundleKeys.generate();
        io.ctkit.model.Model unsigned = TestBundles.regression(tmp.resolve("base/2"), "reg", 2);
        Path signed = tmp.resolve("base/1");
        io.ctkit.model.Model.bundleWriter(unsigned.definition(), java.util.Map.of(
                "weights/W0.npy", io.ctkit.npy.Npy.read(Files.readAllBytes(tmp.resolve("base/2/weights/W0.npy")), "W0"),
                "weights/b0.npy", io.ctkit.npy.Npy.read(Files.readAllBytes(tmp.resolve("base/2/weights/b0.npy")), "b0"),
                "weights/W1.npy", io.ctkit.npy.Npy.read(Files.readAllBytes(tmp.resolve("base/2/weights/W1.npy")), "W1"),
                "weights/b1.npy", io.ctkit.npy.Npy.read(Files.readAllBytes(tmp.resolve("base/2/weights/b1.npy")), "b1")))
                .sign(key.getPrivate()).write(signed);

        ModelRepository repository = new ModelRepository(tmp.resolve("base"), null,
                BundleVerification.requireSignature(key.getPublic()), new ServerLog(new PrintStream(logged, true)), listener);

        assertThat(repository.current().version()).as("version 2 is newer but unsigned").isEqualTo("1");
        assertThat(events).containsExactly("failed 2", "loaded 1");
        assertThat(logged.toString()).contains("model version 2").contains("MANIFEST.sig");
    }
}
