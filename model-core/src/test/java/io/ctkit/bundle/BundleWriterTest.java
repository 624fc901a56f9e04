package io.ctkit.bundle;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BundleWriterTest {

    @TempDir
    Path tmp;

    static BundleWriter sample() {
        return BundleWriter.create()
                .add("model.json", "{\"format\":\"ctkit-model/1\"}\n".getBytes(UTF_8))
                .add("weights/dense_0_W.npy", new byte[] {1, 2, 3})
                .add("weights/dense_0_b.npy", new byte[0])
                .add("preprocessing/vocabulary.txt", "a\nb\n".getBytes(UTF_8));
    }

    @Test
    void directoryRoundTripsWithTheWrittenDigest() throws IOException {
        Path dir = tmp.resolve("bundle");

        String digest = sample().write(dir);
        Bundle bundle = Bundle.open(dir);

        byte[] manifest = Files.readAllBytes(dir.resolve("MANIFEST.json"));
        byte[] kernel = bundle.bytes("weights/dense_0_W.npy");
        byte[] bias = bundle.bytes("weights/dense_0_b.npy");
        assertSoftly(softly -> {
            softly.assertThat(bundle.digest()).isEqualTo(digest).matches("sha256:[0-9a-f]{64}");
            softly.assertThat(bundle.digest()).isEqualTo("sha256:" + Manifest.sha256Hex(manifest));
            softly.assertThat(bundle.files()).containsExactly("model.json", "preprocessing/vocabulary.txt",
                    "weights/dense_0_W.npy", "weights/dense_0_b.npy");
            softly.assertThat(kernel).containsExactly(1, 2, 3);
            softly.assertThat(bias).isEmpty();
            softly.assertThat(bundle.signed()).isFalse();
            softly.assertThat(bundle.source()).isEqualTo(dir);
            softly.assertThat(bundle.manifestBytes()).isEqualTo(manifest);
        });
    }

    @Test
    void aBundleOpenedFromATarIsWrittenOutAsTheSameBundle() throws IOException {
        Path tar = tmp.resolve("bundle.tar");
        String digest = sample().writeTar(tar);
        Path dir = tmp.resolve("copy");

        Bundle.open(tar).writeTo(dir);
        Bundle copy = Bundle.open(dir);
        byte[] kernel = copy.bytes("weights/dense_0_W.npy");

        assertSoftly(softly -> {
            softly.assertThat(copy.digest()).isEqualTo(digest);
            softly.assertThat(copy.files()).containsExactly("model.json", "preprocessing/vocabulary.txt",
                    "weights/dense_0_W.npy", "weights/dense_0_b.npy");
            softly.assertThat(kernel).containsExactly(1, 2, 3);
            softly.assertThat(dir.resolve("MANIFEST.sig")).doesNotExist();
        });
    }

    @Test
    void tarRoundTripsWithTheWrittenDigest() throws IOException {
        Path tar = tmp.resolve("bundle.tar");

        String digest = sample().writeTar(tar);
        Bundle bundle = Bundle.open(tar);

        assertThat(bundle.digest()).isEqualTo(digest).isEqualTo(sample().write(tmp.resolve("dir")));
        assertThat(bundle.files()).hasSize(4);
        assertThat(new String(bundle.bytes("preprocessing/vocabulary.txt"), UTF_8)).isEqualTo("a\nb\n");
        assertThat(Files.size(tar) % 10240).isZero();
    }

    @Test
    void sameContentsGiveTheSameDigestAndTarBytesWhateverTheOrderOfAdding() throws IOException {
        BundleWriter reversed = BundleWriter.create()
                .add("preprocessing/vocabulary.txt", "a\nb\n".getBytes(UTF_8))
                .add("weights/dense_0_b.npy", new byte[0])
                .add("weights/dense_0_W.npy", new byte[] {1, 2, 3})
                .add("model.json", "{\"format\":\"ctkit-model/1\"}\n".getBytes(UTF_8));

        assertThat(sample().writeTar(tmp.resolve("a.tar"))).isEqualTo(reversed.writeTar(tmp.resolve("b.tar")));
        assertThat(Files.readAllBytes(tmp.resolve("a.tar"))).isEqualTo(Files.readAllBytes(tmp.resolve("b.tar")));
        assertThat(sample().write(tmp.resolve("a"))).isEqualTo(reversed.write(tmp.resolve("b")));
    }

    @Test
    void differentContentGivesADifferentDigest() throws IOException {
        String one = sample().write(tmp.resolve("a"));
        String other = sample().add("extra.txt", new byte[] {0}).write(tmp.resolve("b"));

        assertThat(one).isNotEqualTo(other);
    }

    @Test
    void manifestIsCanonical() throws IOException {
        BundleWriter.create().add("model.json", new byte[0]).add("w/a.npy", new byte[] {1}).write(tmp.resolve("b"));

        assertThat(Files.readString(tmp.resolve("b/MANIFEST.json"))).isEqualTo("""
                {
                  "files": {
                    "model.json": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                    "w/a.npy": "4bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7cce23c7785459a"
                  },
                  "format": "ctkit-manifest/1"
                }
                """);
    }

    @Test
    void writesIntoAnEmptyExistingDirectory() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        sample().write(empty);
        assertThat(Bundle.open(empty).files()).hasSize(4);
    }

    @Test
    void neverOverwritesADirectoryThatIsNotEmpty() throws IOException {
        Path full = Files.createDirectory(tmp.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> sample().write(full))
                .isInstanceOf(BundleException.class)
                .hasMessage(full + ": already exists and is not an empty directory; refusing to overwrite it");
        assertThat(Files.readString(full.resolve("keep.txt"))).isEqualTo("mine");
    }

    @Test
    void neverOverwritesATar() throws IOException {
        Path tar = Files.writeString(tmp.resolve("x.tar"), "mine");
        assertThatThrownBy(() -> sample().writeTar(tar)).hasMessageContaining("already exists");
        assertThat(Files.readString(tar)).isEqualTo("mine");
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws IOException {
        sample().write(tmp.resolve("b"));
        sample().writeTar(tmp.resolve("b.tar"));
        assertThatThrownBy(() -> BundleWriter.create().add("x", new byte[0]).write(tmp.resolve("c")));

        try (Stream<Path> entries = Files.list(tmp)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("b", "b.tar");
        }
    }

    @Test
    void writtenFilesAreReadableByEveryone() throws IOException {
        sample().write(tmp.resolve("b"));
        sample().writeTar(tmp.resolve("b.tar"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("b")))).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("b.tar")))).isEqualTo("rw-r--r--");
    }

    @Test
    void refusesABundleWithoutModelJson() {
        assertThatThrownBy(() -> BundleWriter.create().add("weights/w.npy", new byte[0]).write(tmp.resolve("b")))
                .isInstanceOf(BundleException.class)
                .hasMessageEndingWith("a bundle needs model.json; add it before writing");
    }

    static Stream<String> refusesBadPaths() {
        return Stream.of("", "/abs", "../x", "a/../x", "a\\b", "a//b", "a/", "./a", "a/./b", "a\0b", "C:/x", "a\nb",
                "x".repeat(256));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @MethodSource
    void refusesBadPaths(String bad) {
        BundleWriter writer = BundleWriter.create().add("model.json", new byte[0]);
        assertThatThrownBy(() -> writer.add(bad, new byte[0]))
                .as(bad)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bundle path '");
    }

    @Test
    void refusesAPathAddedTwice() {
        BundleWriter writer = BundleWriter.create().add("model.json", new byte[0]);
        assertThatThrownBy(() -> writer.add("model.json", new byte[0])).hasMessageContaining("already added");
    }

    @ParameterizedTest
    @ValueSource(strings = {"MANIFEST.json", "MANIFEST.sig"})
    void refusesTheManifestItself(String manifest) {
        BundleWriter writer = BundleWriter.create().add("model.json", new byte[0]);
        assertThatThrownBy(() -> writer.add(manifest, new byte[0])).hasMessageContaining("cannot be added");
    }

    @Test
    void refusesFilesThatCannotCoexistOnDisk() {
        BundleWriter fileAndDir = BundleWriter.create().add("model.json", new byte[0]).add("w", new byte[0])
                .add("w/a.npy", new byte[0]);

        assertThatThrownBy(() -> fileAndDir.write(tmp.resolve("a")))
                .hasMessageContaining("'w' is both a file and the directory of another file");
    }

    @Test
    void refusesPathsThatDifferOnlyInCase() {
        BundleWriter caseOnly = BundleWriter.create().add("model.json", new byte[0]).add("W.npy", new byte[0])
                .add("w.npy", new byte[0]);

        assertThatThrownBy(() -> caseOnly.writeTar(tmp.resolve("b.tar")))
                .hasMessageContaining("'W.npy' and 'w.npy' differ only in case");
    }

    @Test
    void addingAPathReadsItsContentOnce() throws IOException {
        Path source = Files.writeString(tmp.resolve("w.npy"), "before");
        BundleWriter writer = BundleWriter.create().add("model.json", new byte[0]).add("w.npy", source);
        Files.writeString(source, "after");
        byte[] content = "x".getBytes(UTF_8);
        writer.add("c.txt", content);
        content[0] = 'y';

        writer.write(tmp.resolve("b"));

        assertThat(Bundle.open(tmp.resolve("b")).bytes("w.npy")).isEqualTo("before".getBytes(UTF_8));
        assertThat(Bundle.open(tmp.resolve("b")).bytes("c.txt")).isEqualTo("x".getBytes(UTF_8));
    }

    @Test
    void longPathsAreSplitForUstar() throws IOException {
        String deep = "d".repeat(90) + "/" + "e".repeat(60) + "/" + "f".repeat(90) + ".npy";
        BundleWriter writer = BundleWriter.create().add("model.json", new byte[0]).add(deep, new byte[] {7});
        writer.writeTar(tmp.resolve("ok.tar"));
        assertThat(Bundle.open(tmp.resolve("ok.tar")).bytes(deep)).containsExactly(7);
    }

    @Test
    void longPathsThatCannotBeSplitForUstarAreRefused() {
        String unsplittable = "d/" + "f".repeat(120);
        assertThatThrownBy(() -> BundleWriter.create().add("model.json", new byte[0]).add(unsplittable, new byte[0])
                .writeTar(tmp.resolve("no.tar")))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("too long for a ustar archive");
        assertThat(tmp.resolve("no.tar")).doesNotExist();
    }
}
