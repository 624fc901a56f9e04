package io.ctkit.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bundles made by Python's hashlib, json, tarfile and cryptography (fixtures/bundle/generate.py). */
class BundleFixturesTest {

    static final Path DIR = fixtures();
    static final JsonNode CASES = cases();

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"python_dir", "python_ustar.tar", "python_pax_toplevel.tar", "python_gnu_dotslash.tar"})
    void opensWhatPythonWrote(String name) throws IOException {
        PublicKey key = BundleKeys.readPublicKey(DIR.resolve("ed25519_public.pem"));

        Bundle bundle = Bundle.open(DIR.resolve(name), BundleVerification.requireSignature(key));

        String kind = name.endsWith(".tar") ? "tar_" : "dir_";
        assertThat(bundle.digest()).isEqualTo(CASES.get(kind + "digest").asText());
        assertThat(bundle.signed()).isTrue();
        Map<String, String> expected = new TreeMap<>();
        CASES.get(kind + "files").fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asText()));
        assertThat(bundle.files()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (String file : bundle.files()) {
            assertThat(Manifest.sha256Hex(bundle.bytes(file))).as(file).isEqualTo(expected.get(file));
        }
    }

    @Test
    void writesTheManifestAndSignatureThatPythonWrites() throws IOException {
        Bundle python = Bundle.open(DIR.resolve("python_dir"));
        BundleWriter writer = BundleWriter.create().sign(BundleKeys.readPrivateKey(DIR.resolve("ed25519_private.pem")));
        for (String file : python.files()) {
            writer.add(file, python.bytes(file));
        }

        String digest = writer.write(tmp.resolve("java_dir"));

        assertThat(digest).isEqualTo(python.digest());
        assertThat(Files.readAllBytes(tmp.resolve("java_dir/MANIFEST.json")))
                .isEqualTo(Files.readAllBytes(DIR.resolve("python_dir/MANIFEST.json")));
        assertThat(Files.readAllBytes(tmp.resolve("java_dir/MANIFEST.sig")))
                .isEqualTo(Files.readAllBytes(DIR.resolve("python_dir/MANIFEST.sig")));
    }

    @Test
    void writesTheTarThatPythonWritesNonAsciiNamesIncluded() throws IOException {
        Bundle python = Bundle.open(DIR.resolve("python_ustar.tar"));
        BundleWriter writer = BundleWriter.create().sign(BundleKeys.readPrivateKey(DIR.resolve("ed25519_private.pem")));
        for (String file : python.files()) {
            writer.add(file, python.bytes(file));
        }

        assertThat(writer.writeTar(tmp.resolve("java.tar"))).isEqualTo(python.digest());
        assertThat(Files.readAllBytes(tmp.resolve("java.tar"))).isEqualTo(Files.readAllBytes(DIR.resolve("python_ustar.tar")));
    }

    @Test
    void refusesASignatureMadeWithAnotherKey() throws IOException {
        PublicKey other = BundleKeys.readPublicKey(DIR.resolve("other_public.pem"));
        Path dir = DIR.resolve("python_dir");

        assertThatThrownBy(() -> Bundle.open(dir, BundleVerification.requireSignature(other)))
                .isInstanceOf(BundleException.class)
                .hasMessage(dir + ": MANIFEST.sig does not verify with the given public key: the manifest was changed "
                        + "after signing, or it was signed with another key");
        assertThatThrownBy(() -> Bundle.open(dir, BundleVerification.verifySignatureIfPresent(other)))
                .hasMessageContaining("does not verify");
        assertThat(Bundle.open(dir).signed()).isFalse();
    }

    @TestFactory
    Stream<DynamicTest> refusesEveryBadTarNamingTheTarAndTheProblem() {
        List<JsonNode> bad = new ArrayList<>();
        CASES.get("bad_tars").forEach(bad::add);
        assertThat(bad).hasSizeGreaterThanOrEqualTo(25);
        return bad.stream().map(c -> dynamicTest(c.get("file").asText(), () -> {
            Path tar = DIR.resolve(c.get("file").asText());
            assertThatThrownBy(() -> Bundle.open(tar))
                    .isInstanceOf(BundleException.class)
                    .hasMessageStartingWith(tar + ": ")
                    .hasMessageContaining(c.get("message").asText());
        }));
    }

    @Test
    void aTamperedTarFileIsAnIntegrityFailure() {
        assertThatThrownBy(() -> Bundle.open(DIR.resolve("bad/tampered.tar")))
                .isInstanceOfSatisfying(BundleIntegrityException.class,
                        e -> assertThat(e.file()).isEqualTo("weights/dense_0_W.npy"));
    }

    private static Path fixtures() {
        try {
            return Path.of(BundleFixturesTest.class.getResource("/fixtures/bundle/cases.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode cases() {
        try {
            return new ObjectMapper().readTree(DIR.resolve("cases.json").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
