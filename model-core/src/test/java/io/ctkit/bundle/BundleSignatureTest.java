package io.ctkit.bundle;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BundleSignatureTest {

    private static final KeyPair KEYS = BundleKeys.generate();
    private static final KeyPair OTHER = BundleKeys.generate();

    @TempDir
    Path tmp;

    private Path signed(String name) throws IOException {
        Path dir = tmp.resolve(name);
        BundleWriterTest.sample().sign(KEYS.getPrivate()).write(dir);
        return dir;
    }

    @ParameterizedTest
    @ValueSource(strings = {"b", "b.tar"})
    void aGoodSignatureVerifiesInDirectoriesAndTars(String name) throws IOException {
        Path bundle = tmp.resolve(name);
        if (name.endsWith(".tar")) {
            BundleWriterTest.sample().sign(KEYS.getPrivate()).writeTar(bundle);
        } else {
            BundleWriterTest.sample().sign(KEYS.getPrivate()).write(bundle);
        }

        assertThat(Bundle.open(bundle, BundleVerification.requireSignature(KEYS.getPublic())).signed()).isTrue();
        assertThat(Bundle.open(bundle, BundleVerification.verifySignatureIfPresent(KEYS.getPublic())).signed()).isTrue();
        assertThat(Bundle.open(bundle).signed()).isFalse();
    }

    @Test
    void signatureIsBase64OfSixtyFourBytesAndANewline() throws IOException {
        byte[] sig = Files.readAllBytes(signed("b").resolve("MANIFEST.sig"));

        assertThat(sig).hasSize(89);
        assertThat(sig[88]).isEqualTo((byte) '\n');
        assertThat(Base64.getDecoder().decode(new String(sig, 0, 88, US_ASCII))).hasSize(64);
    }

    @Test
    void signingDoesNotChangeTheDigest() throws IOException {
        assertThat(Bundle.open(signed("b")).digest()).isEqualTo(BundleWriterTest.sample().write(tmp.resolve("u")));
    }

    @Test
    void refusesAMissingSignatureOnlyWhenRequired() throws IOException {
        Path dir = tmp.resolve("u");
        BundleWriterTest.sample().write(dir);

        assertThatThrownBy(() -> Bundle.open(dir, BundleVerification.requireSignature(KEYS.getPublic())))
                .isInstanceOf(BundleException.class)
                .hasMessage(dir + ": is not signed (no MANIFEST.sig), but a signature is required");
        assertThat(Bundle.open(dir, BundleVerification.verifySignatureIfPresent(KEYS.getPublic())).signed()).isFalse();
    }

    @Test
    void refusesASignatureByAnotherKey() throws IOException {
        Path dir = signed("b");

        assertThatThrownBy(() -> Bundle.open(dir, BundleVerification.requireSignature(OTHER.getPublic())))
                .hasMessageContaining("MANIFEST.sig does not verify with the given public key");
    }

    @Test
    void refusesAManifestChangedAfterSigningEvenWhenItsDigestsStillMatch() throws IOException {
        Path dir = signed("b");
        Path manifest = dir.resolve("MANIFEST.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\n", "\n "));

        assertThat(Bundle.open(dir).files()).hasSize(4);
        assertThatThrownBy(() -> Bundle.open(dir, BundleVerification.verifySignatureIfPresent(KEYS.getPublic())))
                .hasMessageContaining("MANIFEST.sig does not verify");
    }

    @Test
    void refusesAFlippedSignatureBit() throws IOException {
        Path dir = signed("b");
        Path sig = dir.resolve("MANIFEST.sig");
        byte[] raw = Base64.getDecoder().decode(Files.readString(sig).trim());
        raw[10] ^= 1;
        Files.writeString(sig, Base64.getEncoder().encodeToString(raw) + "\n");

        assertThatThrownBy(() -> Bundle.open(dir, BundleVerification.requireSignature(KEYS.getPublic())))
                .hasMessageContaining("does not verify");
    }

    @Test
    void theSignaturesFinalNewlineIsOptional() throws IOException {
        Path dir = signed("b");
        Path sig = dir.resolve("MANIFEST.sig");
        Files.writeString(sig, Files.readString(sig).trim());

        assertThat(Bundle.open(dir).files()).as("the final newline is optional").hasSize(4);
    }

    @Test
    void refusesASignatureOfTheWrongLengthEvenWithoutAKey() throws IOException {
        Path dir = signed("b");
        Path sig = dir.resolve("MANIFEST.sig");
        Files.writeString(sig, Files.readString(sig) + "\n");

        assertThatThrownBy(() -> Bundle.open(dir)).hasMessage(dir + ": MANIFEST.sig is 90 bytes; expected the base64 "
                + "of a 64-byte Ed25519 signature: 88 characters and a newline");
    }

    /** Ways to spoil a good MANIFEST.sig, and what the refusal says. */
    static Stream<Arguments> refusesAMalformedSignatureEvenWithoutAKey() {
        return Stream.of(
                arguments(named("a character outside base64",
                        (UnaryOperator<byte[]>) good -> spoil(good, g -> g.substring(0, 5) + "*" + g.substring(6))),
                        "MANIFEST.sig is not base64: byte 5 is 0x2a"),
                arguments(named("misplaced padding", (UnaryOperator<byte[]>) good -> spoil(good, g -> "=" + g.substring(1))),
                        "MANIFEST.sig is not valid base64"),
                arguments(named("65 bytes", (UnaryOperator<byte[]>) good -> (Base64.getEncoder()
                        .encodeToString(new byte[65]).substring(0, 88) + "\n").getBytes(US_ASCII)),
                        "MANIFEST.sig holds 65 bytes"),
                arguments(named("a megabyte", (UnaryOperator<byte[]>) good -> new byte[1 << 20]),
                        "MANIFEST.sig is 1048576 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refusesAMalformedSignatureEvenWithoutAKey(UnaryOperator<byte[]> spoiled, String problem) throws IOException {
        Path dir = signed("b");
        Path sig = dir.resolve("MANIFEST.sig");
        Files.write(sig, spoiled.apply(Files.readAllBytes(sig)));

        assertThatThrownBy(() -> Bundle.open(dir)).hasMessageContaining(problem);
    }

    private static byte[] spoil(byte[] good, UnaryOperator<String> change) {
        return change.apply(new String(good, US_ASCII)).getBytes(US_ASCII);
    }

    @Test
    void refusesAnOversizedSignatureInATar() throws IOException {
        Path tar = tmp.resolve("big.tar");
        byte[] manifest = Files.readAllBytes(signed("b").resolve("MANIFEST.json"));
        Files.write(tar, new RawTar().file("MANIFEST.sig", new byte[5000]).file("MANIFEST.json", manifest).end());
        assertThatThrownBy(() -> Bundle.open(tar)).hasMessage(tar + ": MANIFEST.sig is 5000 bytes; expected the base64 "
                + "of a 64-byte Ed25519 signature: 88 characters and a newline");
    }

    @Test
    void refusesAnOversizedManifestInATar() throws IOException {
        Path bigManifest = tmp.resolve("big-manifest.tar");
        Files.write(bigManifest, new RawTar().file("MANIFEST.json", new byte[Manifest.MAX_BYTES + 1]).end());
        assertThatThrownBy(() -> Bundle.open(bigManifest))
                .hasMessage(bigManifest + ": MANIFEST.json is 16777217 bytes, more than the limit of 16777216");
    }

    @Test
    void refusesKeysThatAreNotEd25519() throws NoSuchAlgorithmException {
        KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();

        assertThatThrownBy(() -> BundleVerification.requireSignature(ec.getPublic()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bundle signatures use Ed25519 keys; got a EC key");
    }

    @Test
    void refusesToSignWithAnEd448Key() throws NoSuchAlgorithmException {
        KeyPair ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();

        assertThatThrownBy(() -> BundleWriter.create().sign(ed448.getPrivate()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void publicKeysRoundTripThroughPemFiles() throws IOException {
        Path pub = tmp.resolve("key.pub.pem");
        BundleKeys.writePem(pub, KEYS.getPublic());

        assertThat(Files.readString(pub)).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(BundleKeys.readPublicKey(pub).getEncoded()).isEqualTo(KEYS.getPublic().getEncoded());
    }

    @Test
    void privateKeyFilesAreReadableByTheirOwnerOnly() throws IOException {
        Path priv = tmp.resolve("key.pem");
        BundleKeys.writePem(priv, KEYS.getPrivate());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(priv))).isEqualTo("rw-------");
    }

    @Test
    void keysReadFromPemFilesSignAndVerify() throws IOException {
        Path pub = tmp.resolve("key.pub.pem");
        Path priv = tmp.resolve("key.pem");
        BundleKeys.writePem(pub, KEYS.getPublic());
        BundleKeys.writePem(priv, KEYS.getPrivate());
        Path dir = tmp.resolve("b");

        BundleWriterTest.sample().sign(BundleKeys.readPrivateKey(priv)).write(dir);

        assertThat(Bundle.open(dir, BundleVerification.requireSignature(BundleKeys.readPublicKey(pub))).signed()).isTrue();
    }

    @Test
    void writingAPemFileNeverOverwrites() throws IOException {
        Path pub = tmp.resolve("key.pub.pem");
        BundleKeys.writePem(pub, KEYS.getPublic());

        assertThatThrownBy(() -> BundleKeys.writePem(pub, KEYS.getPublic())).isInstanceOf(IOException.class);
    }

    @Test
    void refusesAPrivateKeyPemAsAPublicKey() throws IOException {
        Path priv = tmp.resolve("key.pem");
        BundleKeys.writePem(priv, KEYS.getPrivate());

        assertThatThrownBy(() -> BundleKeys.readPublicKey(priv))
                .isInstanceOf(BundleException.class)
                .hasMessage(priv + ": is not a PEM file with a '-----BEGIN PUBLIC KEY-----' block "
                        + "(found -----BEGIN PRIVATE KEY-----)");
    }

    @Test
    void refusesAPemBlockThatIsNotBase64() throws IOException {
        Path garbage = Files.writeString(tmp.resolve("g.pem"), "-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----\n");

        assertThatThrownBy(() -> BundleKeys.readPublicKey(garbage)).hasMessageContaining("not valid base64");
    }

    @Test
    void refusesAPemBlockThatIsNotAnEd25519Key() throws IOException {
        Path notAKey = Files.writeString(tmp.resolve("n.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");

        assertThatThrownBy(() -> BundleKeys.readPublicKey(notAKey)).hasMessageContaining("is not an Ed25519 public key");
    }
}
