package io.ctkit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctkit.bundle.BundleIntegrityException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoringImageBuilderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path WINE = Docker.projectRoot().resolve("examples/wine-classifier/model");

    @TempDir
    Path tmp;

    private final List<String> log = new ArrayList<>();
    private Path serverJar;

    @BeforeEach
    void setUp() throws IOException {
        Docker.requireEngineAndBaseImage();
        serverJar = tmp.resolve("server.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.ctkit.serving.Main");
        try (OutputStream out = Files.newOutputStream(serverJar); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
    }

    private ScoringImageSpec spec(Path bundle) {
        return new ScoringImageSpec(bundle, 3, serverJar, "docker://" + Docker.BASE_IMAGE, 8080,
                ScoringImageSpec.DEFAULT_JVM_OPTIONS);
    }

    @Test
    void tarImageCarriesBundleLabelsNonRootUserAndEntrypoint() throws IOException {
        Path tar = tmp.resolve("image.tar");
        BuiltImage built = new ScoringImageBuilder(log::add).build(spec(WINE), new ImageTarget.Tar("ctkit/wine:3", tar));

        Map<String, byte[]> entries = entries(Files.readAllBytes(tar));
        JsonNode manifest = JSON.readTree(entries.get("manifest.json")).get(0);
        JsonNode config = JSON.readTree(entries.get(manifest.get("Config").asText())).get("config");
        String bundleDigest = io.ctkit.bundle.Bundle.open(WINE).digest();
        assertSoftly(softly -> {
            softly.assertThat(manifest.get("RepoTags").get(0).asText()).isEqualTo("ctkit/wine:3");
            softly.assertThat(config.get("User").asText()).isEqualTo("10001:10001");
            softly.assertThat(config.get("ExposedPorts").has("8080/tcp")).isTrue();
            softly.assertThat(config.get("Labels").get("io.ctkit.model.name").asText()).isEqualTo("wine-classifier");
            softly.assertThat(config.get("Labels").get("io.ctkit.model.version").asText()).isEqualTo("3");
            softly.assertThat(config.get("Labels").get("io.ctkit.model.digest").asText())
                    .isEqualTo(bundleDigest)
                    .isEqualTo(built.labels().get("io.ctkit.model.digest"));
            softly.assertThat(JSON.convertValue(config.get("Entrypoint"), List.class))
                    .containsSubsequence("-jar", "/app/ctkit-scoring-server.jar", "--model", "/models/wine-classifier", "--port", "8080");
        });

        // The bundle layer holds exactly the bundle's files, read-only, under the version directory.
        Map<String, TarArchiveEntry> layerEntries = new HashMap<>();
        Map<String, byte[]> layerFiles = new HashMap<>();
        for (JsonNode layer : manifest.get("Layers")) {
            readLayer(entries.get(layer.asText()), layerEntries, layerFiles);
        }
        List<Path> bundleFiles;
        try (Stream<Path> walk = Files.walk(WINE)) {
            bundleFiles = walk.filter(Files::isRegularFile).toList();
        }
        assertSoftly(softly -> {
            for (Path file : bundleFiles) {
                String inImage = "models/wine-classifier/3/" + WINE.relativize(file).toString().replace('\\', '/');
                softly.assertThat(layerFiles).as(inImage).containsKey(inImage);
                softly.assertThat(layerFiles.get(inImage)).as(inImage).isEqualTo(bytes(file));
                softly.assertThat(layerEntries.containsKey(inImage) ? layerEntries.get(inImage).getMode() & 0777 : null)
                        .as(inImage).isEqualTo(0444);
            }
            softly.assertThat(layerFiles).containsKey("app/ctkit-scoring-server.jar");
        });
    }

    @Test
    void sameInputsGiveTheSameImageDigest() throws IOException {
        ScoringImageBuilder builder = new ScoringImageBuilder(log::add);
        BuiltImage first = builder.build(spec(WINE), new ImageTarget.Tar("ctkit/wine:3", tmp.resolve("a.tar")));
        BuiltImage second = builder.build(spec(WINE), new ImageTarget.Tar("ctkit/wine:3", tmp.resolve("b.tar")));
        assertThat(second.digest()).startsWith("sha256:").isEqualTo(first.digest());
        assertThat(second.imageId()).isEqualTo(first.imageId());
    }

    @Test
    void daemonTargetLoadsTheImageWithItsLabels() throws IOException {
        BuiltImage built = new ScoringImageBuilder(log::add).build(spec(WINE), new ImageTarget.Daemon("ctkit/wine-labels-test:3"));
        Docker.Result inspect = Docker.run(List.of("docker", "image", "inspect", "-f",
                "{{index .Config.Labels \"io.ctkit.model.digest\"}} {{.Config.User}}", "ctkit/wine-labels-test:3"), 60);
        assertThat(inspect.code()).as(inspect.output()).isZero();
        assertThat(inspect.output().strip()).isEqualTo(built.labels().get("io.ctkit.model.digest") + " 10001:10001");
        Docker.run(List.of("docker", "image", "rm", "-f", "ctkit/wine-labels-test:3"), 60);
    }

    @Test
    void tamperedBundleIsRefusedAndNothingIsWritten() throws IOException {
        Path copy = tmp.resolve("bundle");
        try (Stream<Path> walk = Files.walk(WINE)) {
            for (Path file : walk.toList()) {
                Path target = copy.resolve(WINE.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Path weights = copy.resolve("weights/dense_0_b.npy");
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length - 1] ^= 1;
        Files.write(weights, bytes);

        Path tar = tmp.resolve("never.tar");
        assertThatThrownBy(() -> new ScoringImageBuilder(log::add).build(spec(copy), new ImageTarget.Tar("ctkit/x:1", tar)))
                .isInstanceOf(BundleIntegrityException.class)
                .hasMessageContaining("weights/dense_0_b.npy");
        assertThat(tar).doesNotExist();
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, byte[]> entries(byte[] tar) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.isFile()) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    private static void readLayer(byte[] layer, Map<String, TarArchiveEntry> meta, Map<String, byte[]> files) throws IOException {
        InputStream raw = new ByteArrayInputStream(layer);
        InputStream in = layer.length > 2 && (layer[0] & 0xff) == 0x1f && (layer[1] & 0xff) == 0x8b ? new GZIPInputStream(raw) : raw;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name())) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName().replaceFirst("^\\./", "").replaceFirst("^/", "");
                if (entry.isFile()) {
                    meta.put(name, entry);
                    files.put(name, tar.readAllBytes());
                }
            }
        }
    }
}
