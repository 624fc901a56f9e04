package io.ctkit.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BundleTest {

    @TempDir
    Path tmp;

    private static BundleWriter sample() throws BundleException {
        return BundleWriter.create()
                .add("model.json", "{\"format\":\"ctkit-model/1\"}\n".getBytes(StandardCharsets.UTF_8))
                .add("weights/w.npy", new byte[] {1, 2, 3, 4})
                .add("weights/b.npy", new byte[] {5, 6});
    }

    @Test
    void aWrittenBundleOpensWithTheSameFilesAndDigest() throws IOException {
        String digest = sample().write(tmp.resolve("b"));

        Bundle bundle = Bundle.open(tmp.resolve("b"));

        assertThat(bundle.files()).containsExactly("model.json", "weights/b.npy", "weights/w.npy");
        assertThat(bundle.bytes("weights/w.npy")).containsExactly(1, 2, 3, 4);
        assertThat(bundle.digest()).isEqualTo(digest).startsWith("sha256:").hasSize(71);
        assertThat(bundle.signed()).isFalse();
    }

    @Test
    void theSameContentsGiveTheSameDigestAndTarBytes() throws IOException {
        String a = sample().writeTar(tmp.resolve("a.tar"));
        String b = sample().writeTar(tmp.resolve("b.tar"));

        assertThat(a).isEqualTo(b);
        assertThat(Files.readAllBytes(tmp.resolve("a.tar"))).isEqualTo(Files.readAllBytes(tmp.resolve("b.tar")));
        assertThat(Bundle.open(tmp.resolve("a.tar")).digest()).isEqualTo(a);
    }

    @Test
    void theManifestIsCanonicalJson() throws IOException {
        sample().write(tmp.resolve("b"));

        String manifest = Files.readString(tmp.resolve("b/MANIFEST.json"));

        assertThat(manifest).startsWith("{\n  \"format\": \"ctkit-manifest/1\",\n  \"files\": {\n    \"model.json\": \"")
                .endsWith("\"\n  }\n}\n");
    }

    @Test
    void aChangedByteIsRefusedNamingTheFileAndBothDigests() throws IOException {
        sample().write(tmp.resolve("b"));
        Path w = tmp.resolve("b/weights/w.npy");
        String expected = sha256(Files.readAllBytes(w));
        Files.write(w, new byte[] {1, 2, 3, 5});

        assertThatThrownBy(() -> Bundle.open(tmp.resolve("b")))
                .isInstanceOf(BundleIntegrityException.class)
                .hasMessageContaining("\"weights/w.npy\"")
                .hasMessageContaining("expected SHA-256 " + expected)
                .hasMessageContaining("actual " + sha256(new byte[] {1, 2, 3, 5}));
    }

    @Test
    void anUnlistedFileIsRefused() throws IOException {
        sample().write(tmp.resolve("b"));
        Files.write(tmp.resolve("b/weights/extra.npy"), new byte[] {9});

        assertThatThrownBy(() -> Bundle.open(tmp.resolve("b")))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("\"weights/extra.npy\" is not listed in MANIFEST.json");
    }

    @Test
    void aMissingFileIsRefused() throws IOException {
        sample().write(tmp.resolve("b"));
        Files.delete(tmp.resolve("b/weights/b.npy"));

        assertThatThrownBy(() -> Bundle.open(tmp.resolve("b")))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("\"weights/b.npy\" is listed in MANIFEST.json but missing");
    }

    @Test
    void aSymbolicLinkIsRefused() throws IOException {
        sample().write(tmp.resolve("b"));
        Files.createSymbolicLink(tmp.resolve("b/weights/link.npy"), tmp.resolve("b/weights/w.npy"));

        assertThatThrownBy(() -> Bundle.open(tmp.resolve("b")))
                .hasMessageContaining("\"weights/link.npy\" is a symbolic link");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.npy", "/etc/passwd", "weights/../../x", "weights\\\\w.npy", "a//b", "./model.json",
        "weights/\\u0000.npy", "C:/x"})
    void unsafeNamesInTheManifestAreRefused(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(dir.resolve("model.json"), "{}");
        Files.writeString(dir.resolve("MANIFEST.json"), "{\"format\":\"ctkit-manifest/1\",\"files\":{\"model.json\":\""
                + sha256("{}".getBytes(StandardCharsets.UTF_8)) + "\",\"" + name + "\":\"" + "0".repeat(64) + "\"}}");

        assertThatThrownBy(() -> Bundle.open(dir))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("unsafe file name");
    }

    @Test
    void aTarWithATraversalNameIsRefused() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        files.put("model.json", new byte[] {'{', '}'});
        files.put("zz/../../evil", new byte[] {1});
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        // write bypassing the writer's checks, as an attacker would
        Tar.write(files, out);
        Path tar = tmp.resolve("evil.tar");
        Files.write(tar, out.toByteArray());

        assertThatThrownBy(() -> Bundle.open(tar))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("unsafe file name \"zz/../../evil\"");
    }

    @Test
    void aManifestThatIsNotTheExpectedJsonIsRefused() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(dir.resolve("model.json"), "{}");
        Files.writeString(dir.resolve("MANIFEST.json"), "{\"format\":\"ctkit-manifest/2\",\"files\":{}}");

        assertThatThrownBy(() -> Bundle.open(dir)).hasMessageContaining("\"format\" must be \"ctkit-manifest/1\"");
    }

    @Test
    void aSignedBundleVerifiesWithItsKeyAndNotWithAnother() throws IOException {
        KeyPair keys = BundleKeys.generate();
        sample().sign(keys.getPrivate()).write(tmp.resolve("b"));

        Bundle bundle = Bundle.open(tmp.resolve("b"), BundleVerification.requireSignature(keys.getPublic()));
        assertThat(bundle.signed()).isTrue();

        KeyPair other = BundleKeys.generate();
        assertThatThrownBy(() -> Bundle.open(tmp.resolve("b"), BundleVerification.requireSignature(other.getPublic())))
                .isInstanceOf(BundleIntegrityException.class)
                .hasMessageContaining("MANIFEST.sig is not a valid Ed25519 signature");
    }

    @Test
    void aRequiredSignatureThatIsMissingIsRefused() throws IOException {
        sample().write(tmp.resolve("b"));

        assertThatThrownBy(() -> Bundle.open(tmp.resolve("b"),
                BundleVerification.requireSignature(BundleKeys.generate().getPublic())))
                .isInstanceOf(BundleIntegrityException.class)
                .hasMessageContaining("no MANIFEST.sig");
    }

    @Test
    void keysRoundTripThroughPemFiles() throws IOException {
        KeyPair keys = BundleKeys.generate();
        BundleKeys.writePem(tmp.resolve("pub.pem"), keys.getPublic());
        BundleKeys.writePem(tmp.resolve("key.pem"), keys.getPrivate());
        sample().sign(BundleKeys.readPrivateKey(tmp.resolve("key.pem"))).write(tmp.resolve("b"));

        Bundle bundle = Bundle.open(tmp.resolve("b"),
                BundleVerification.requireSignature(BundleKeys.readPublicKey(tmp.resolve("pub.pem"))));

        assertThat(bundle.signed()).isTrue();
    }

    @Test
    void aBundleIsNeverWrittenOverAnExistingDirectory() throws IOException {
        Files.createDirectories(tmp.resolve("b"));

        assertThatThrownBy(() -> sample().write(tmp.resolve("b"))).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    }

    @Test
    void bundlesMadeByPythonOpen() throws IOException {
        Path wine = Path.of("..", "examples", "wine-classifier", "model");
        assertThat(Bundle.open(wine).files()).contains("model.json", "weights/dense_0_W.npy");
        // a PAX-format tar written by Python's tarfile
        Path tar = Path.of("src/test/resources/fixtures/model/bundles/binary-sigmoid-f32.tar");
        assertThat(Bundle.open(tar).digest())
                .isEqualTo(Bundle.open(Path.of("src/test/resources/fixtures/model/bundles/binary-sigmoid-f32")).digest());
    }

    @Test
    void theJavaManifestEqualsPythonsForTheSameFiles() throws IOException {
        Path wine = Path.of("..", "examples", "wine-classifier", "model");
        BundleWriter writer = BundleWriter.create();
        for (String f : Bundle.open(wine).files()) {
            writer.add(f, wine.resolve(f));
        }
        writer.write(tmp.resolve("copy"));

        assertThat(Files.readString(tmp.resolve("copy/MANIFEST.json"))).isEqualTo(Files.readString(wine.resolve("MANIFEST.json")));
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
