package io.ctkit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctkit.bundle.Bundle;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The package step as its javadoc shows it: a bundle's scoring image to a tar file, with its report. */
class PackageStepTest {
    private static final Path WINE = Docker.projectRoot().resolve("examples/wine-classifier/model");

    @TempDir
    Path tmp;

    private Path serverJar() throws Exception {
        Path jar = tmp.resolve("server.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            ignored.flush();
        }
        return jar;
    }

    @Test
    void buildsTheImageAndWritesItsReport() throws Exception {
        Docker.requireEngineAndBaseImage();
        List<String> progress = new ArrayList<>();
        Path report = tmp.resolve("image.json");

        PackageStep.Result r = PackageStep.run(PackageStep.Request
                .of(new ScoringImageSpec(WINE, 3, serverJar(), "docker://" + Docker.BASE_IMAGE, 8080,
                        ScoringImageSpec.DEFAULT_JVM_OPTIONS), new ImageTarget.Tar("ctkit/wine:3", tmp.resolve("image.tar")))
                .withReport(report)
                .withProgress(progress::add));

        JsonNode written = new ObjectMapper().readTree(report.toFile());
        assertSoftly(softly -> {
            softly.assertThat(tmp.resolve("image.tar")).isNotEmptyFile();
            softly.assertThat(r.image().reference()).isEqualTo("ctkit/wine:3");
            softly.assertThat(r.image().digest()).startsWith("sha256:");
            softly.assertThat(written).isEqualTo(r.report());
            softly.assertThat(written.path("target").asText()).isEqualTo("tar");
            softly.assertThat(written.path("digest").asText()).isEqualTo(r.image().digest());
            softly.assertThat(written.path("base").asText()).isEqualTo("docker://" + Docker.BASE_IMAGE);
            softly.assertThat(written.path("labels").path("io.ctkit.model.name").asText()).isEqualTo("wine-classifier");
            softly.assertThat(progress).isNotEmpty();
        });
        assertThat(written.path("labels").path("io.ctkit.model.digest").asText()).isEqualTo(Bundle.open(WINE).digest());
    }

    @Test
    void aMissingBundleIsRefusedNamingItAndWritesNothing() throws Exception {
        Path missing = tmp.resolve("no-model");
        Path report = tmp.resolve("image.json");

        assertThatThrownBy(() -> PackageStep.run(PackageStep.Request
                .of(new ScoringImageSpec(missing, 1, serverJar(), "docker://" + Docker.BASE_IMAGE, 8080,
                        ScoringImageSpec.DEFAULT_JVM_OPTIONS), new ImageTarget.Tar("ctkit/x:1", tmp.resolve("x.tar")))
                .withReport(report)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(missing + ": no such file or directory");
        assertThat(report).doesNotExist();
        assertThat(tmp.resolve("x.tar")).doesNotExist();
    }
}
