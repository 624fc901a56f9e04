package io.ctkit.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

class BundlePropertiesTest {

    private static final KeyPair KEYS = BundleKeys.generate();
    private static final Path TMP = createTemp();
    private static final byte[] VALID_TAR = validTar();

    @AfterContainer
    static void deleteTemp() throws IOException {
        try (Stream<Path> paths = Files.walk(TMP)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Property(tries = 1000)
    void damagedTarsAreOpenedIntactOrRefusedWithBundleException(@ForAll("damagedTars") byte[] tar) throws IOException {
        Path file = Files.write(Files.createTempFile(TMP, "damaged", ".tar"), tar);
        try {
            assertThatCode(() -> {
                try {
                    Bundle bundle = Bundle.open(file, BundleVerification.verifySignatureIfPresent(KEYS.getPublic()));
                    // Only damage the digests cannot see (padding, unused header bytes) may pass.
                    assertThat(bundle.digest()).isEqualTo(Bundle.open(TMP.resolve("valid.tar")).digest());
                    for (String f : bundle.files()) {
                        assertThat(Manifest.sha256Hex(bundle.bytes(f))).isNotNull();
                    }
                } catch (BundleException expected) {
                    assertThat(expected).hasMessageStartingWith(file + ": ");
                }
            }).doesNotThrowAnyException();
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 200)
    void anyBundleRoundTripsThroughADirectoryAndATar(@ForAll("bundles") Map<String, byte[]> content) throws IOException {
        BundleWriter writer = BundleWriter.create().add("model.json", new byte[] {'{', '}'});
        content.forEach(writer::add);
        Path dir = Files.createTempDirectory(TMP, "b").resolve("bundle");
        Path tar = dir.resolveSibling("bundle.tar");

        String digest = writer.write(dir);
        assertThat(writer.writeTar(tar)).isEqualTo(digest);

        for (Path written : new Path[] {dir, tar}) {
            Bundle bundle = Bundle.open(written);
            assertThat(bundle.digest()).isEqualTo(digest);
            assertThat(bundle.files()).hasSize(content.size() + 1);
            content.forEach((path, bytes) -> {
                try {
                    assertThat(bundle.bytes(path)).isEqualTo(bytes);
                } catch (BundleException e) {
                    throw new AssertionError(e);
                }
            });
        }
        Path again = dir.resolveSibling("again.tar");
        writer.writeTar(again);
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(tar));
    }

    @Provide
    Arbitrary<Map<String, byte[]>> bundles() {
        java.util.List<String> segments = new java.util.ArrayList<>(
                java.util.List.of("a", "b", "weights", "W", "x y", "long-" + "n".repeat(60)));
        // Non-ASCII file names survive the file system only when the JVM encodes them as UTF-8.
        if ("UTF-8".equals(System.getProperty("sun.jnu.encoding"))) {
            segments.addAll(java.util.List.of("é", "😀"));
        }
        Arbitrary<String> segment = Arbitraries.of(segments);
        Arbitrary<String> path = segment.list().ofMinSize(1).ofMaxSize(3).map(s -> String.join("/", s) + ".npy");
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(1500);
        return Arbitraries.maps(path, bytes).ofMaxSize(6)
                .filter(m -> BundlePaths.conflict(m.keySet()) == null);
    }

    @Provide
    Arbitrary<byte[]> damagedTars() {
        Arbitrary<byte[]> flipped = Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.longs())
                .as((count, seed) -> {
                    Random random = new Random(seed);
                    byte[] out = VALID_TAR.clone();
                    for (int i = 0; i < count; i++) {
                        int at = random.nextInt(4) == 0 ? random.nextInt(out.length) : headerByte(random);
                        out[at] = (byte) random.nextInt(256);
                    }
                    return out;
                });
        Arbitrary<byte[]> truncated = Arbitraries.integers().between(0, VALID_TAR.length - 1)
                .map(n -> Arrays.copyOf(VALID_TAR, n));
        Arbitrary<byte[]> extended = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(1024)
                .map(extra -> {
                    byte[] out = Arrays.copyOf(VALID_TAR, VALID_TAR.length + extra.length);
                    System.arraycopy(extra, 0, out, VALID_TAR.length, extra.length);
                    return out;
                });
        return Arbitraries.oneOf(flipped, flipped, truncated, extended);
    }

    /** A byte in one of the first headers, where damage is most interesting. */
    private static int headerByte(Random random) {
        return random.nextInt(6) * 1024 + random.nextInt(512);
    }

    private static byte[] validTar() {
        try {
            Path tar = TMP.resolve("valid.tar");
            BundleWriterTest.sample().sign(KEYS.getPrivate()).writeTar(tar);
            return Files.readAllBytes(tar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createTemp() {
        try {
            return Files.createTempDirectory("ctkit-bundle-properties");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
