package io.ctkit.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tar archives crafted header by header: what is accepted and what is refused. */
class TarArchiveTest {

    @TempDir
    Path tmp;
    Map<String, byte[]> files = new TreeMap<>();

    @BeforeEach
    void sampleFiles() throws IOException {
        Path dir = tmp.resolve("b");
        BundleWriterTest.sample().write(dir);
        for (String name : new String[] {"MANIFEST.json", "model.json", "weights/dense_0_W.npy", "weights/dense_0_b.npy",
                "preprocessing/vocabulary.txt"}) {
            files.put(name, Files.readAllBytes(dir.resolve(name)));
        }
    }

    private RawTar allBut(String skipped) {
        RawTar tar = new RawTar();
        files.forEach((name, content) -> {
            if (!name.equals(skipped)) {
                tar.file(name, content);
            }
        });
        return tar;
    }

    private Path save(byte[] tar) throws IOException {
        return Files.write(tmp.resolve("t" + System.nanoTime() + ".tar"), tar);
    }

    private void assertRefused(byte[] tar, String message) throws IOException {
        Path file = save(tar);
        assertThatThrownBy(() -> Bundle.open(file))
                .isInstanceOf(BundleException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining(message);
    }

    @Test
    void acceptsMinimalArchivesWithAndWithoutDirectoryEntries() throws IOException {
        assertThat(Bundle.open(save(allBut(null).end())).files()).hasSize(4);
        assertThat(Bundle.open(save(allBut(null).directory("./").directory("weights/").end())).files()).hasSize(4);
    }

    @Test
    void paxRecordsSetThePathAndSize() throws IOException {
        byte[] model = files.get("model.json");
        byte[] tar = allBut("model.json")
                .pax("mtime=1700000000.5", "path=model.json", "size=" + model.length, "SCHILY.xattr.user.x=y")
                .entry("ignored-name", '0', model, h -> RawTar.put(h, 124, "00000000000\0"))
                .end();

        assertThat(Bundle.open(save(tar)).bytes("model.json")).isEqualTo(model);
    }

    @Test
    void paxPathsAreCheckedLikeAnyOther() throws IOException {
        assertRefused(allBut(null).pax("path=../evil").file("harmless", new byte[1]).end(), "'..' segment");
    }

    /**
     * A refused archive: how to build it from this test's sample files (known only once
     * {@code @BeforeEach} has run), and what the refusal says.
     */
    private static Arguments refused(String message, Function<TarArchiveTest, byte[]> tar) {
        return arguments(tar, message);
    }

    static Stream<Arguments> refusesMalformedOrMisplacedPaxHeaders() {
        return Stream.of(
                refused("two pax headers in a row",
                        t -> t.allBut(null).pax("path=a").pax("path=b").file("x", new byte[0]).end()),
                refused("ends right after a pax extended header", t -> t.allBut(null).pax("path=a").end()),
                refused("malformed record at offset 0", t -> t.allBut(null)
                        .entry("p", 'x', "5 path=a\n".getBytes(), h -> { }).file("x", new byte[0]).end()),
                refused("sets 'path' twice", t -> t.allBut(null).pax("path=a", "path=b").file("x", new byte[0]).end()),
                refused("pax size '12x'", t -> t.allBut(null).pax("size=12x").file("x", new byte[0]).end()),
                refused("pax global header", t -> t.allBut(null).entry("g", 'g', "10 path=a\n".getBytes(), h -> { })
                        .end()));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void refusesMalformedOrMisplacedPaxHeaders(Function<TarArchiveTest, byte[]> tar, String message) throws IOException {
        assertRefused(tar.apply(this), message);
    }

    static Stream<Arguments> refusesAForgedSizeWithoutAllocatingIt() {
        Consumer<byte[]> oneGiB = h -> RawTar.put(h, 124, String.format("%011o\0", 1L << 30));
        Consumer<byte[]> base256 = h -> h[124] = (byte) 0x80;
        return Stream.of(
                refused("entry 'big.npy' claims 1073741824 bytes but only",
                        t -> t.allBut(null).entry("big.npy", '0', new byte[10], oneGiB).end()),
                refused("base-256 size", t -> t.allBut(null).entry("huge.npy", '0', new byte[0], base256).end()));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void refusesAForgedSizeWithoutAllocatingIt(Function<TarArchiveTest, byte[]> tar, String message) throws IOException {
        assertRefused(tar.apply(this), message);
    }

    static Stream<Arguments> refusesEntriesBeyondTheLimits() {
        return Stream.of(
                arguments(named("4000 bytes", BundleVerification.defaults().withMaxTotalBytes(4000)),
                        "tar entry 'padding.bin' of 20000 bytes exceeds the limit of 4000 bytes"),
                arguments(named("2 files", BundleVerification.defaults().withMaxFiles(2)),
                        "tar holds more than 2 files"),
                arguments(named("1 file of 100 bytes", BundleVerification.defaults().withMaxFiles(1).withMaxTotalBytes(100)),
                        "is larger than the limit of"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refusesEntriesBeyondTheLimits(BundleVerification limits, String message) throws IOException {
        Path tar = save(allBut(null).file("padding.bin", new byte[20000]).end());
        assertThatThrownBy(() -> Bundle.open(tar, limits)).hasMessageContaining(message);
    }

    static Stream<Arguments> refusesMalformedHeaders() {
        return Stream.of(
                refused("is not a ustar, pax or GNU header", t -> t.allBut(null)
                        .entry("v7", '0', new byte[0], h -> RawTar.put(h, 257, "\0\0\0\0\0\0\0\0")).end()),
                refused("not UTF-8", t -> t.allBut(null).entry("x", '0', new byte[0], h -> h[0] = (byte) 0xff).end()),
                refused("malformed size field", t -> t.allBut(null)
                        .entry("x", '0', new byte[0], h -> RawTar.put(h, 124, "12x45678901\0")).end()),
                refused("has a size of 3 bytes", t -> t.allBut(null).entry("weights/", '5', new byte[3], h -> { }).end()),
                refused("holds 'x' twice", t -> t.allBut(null)
                        .entry("x", '0', new byte[0], h -> RawTar.put(h, 257, "ustar  \0")).file("x", new byte[0]).end()),
                refused("is of unknown type 'Z'", t -> t.allBut(null).entry("x", 'Z', new byte[0], h -> { }).end()),
                refused("empty segment", t -> t.allBut(null).entry("x/", '0', new byte[0], h -> { }).end()));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void refusesMalformedHeaders(Function<TarArchiveTest, byte[]> tar, String message) throws IOException {
        assertRefused(tar.apply(this), message);
    }

    @Test
    void usesTheUstarPrefix() throws IOException {
        byte[] w = files.get("weights/dense_0_W.npy");
        byte[] posix = allBut("weights/dense_0_W.npy")
                .entry("dense_0_W.npy", '0', w, h -> RawTar.put(h, 345, "weights")).end();
        assertThat(Bundle.open(save(posix)).bytes("weights/dense_0_W.npy")).isEqualTo(w);
    }

    @Test
    void doesNotReadTheGnuTimeFieldsAsAPrefix() throws IOException {
        byte[] gnu = allBut(null).entry("notes.txt", '0', new byte[0], h -> {
            RawTar.put(h, 257, "ustar  \0");
            RawTar.put(h, 345, "14530163136\0");
        }).end();
        assertRefused(gnu, "does not list: notes.txt;");
    }

    static Stream<Arguments> refusesAnArchiveThatIsNotATar() {
        return Stream.of(
                refused("end-of-archive marker", t -> new byte[0]),
                refused("wrong checksum", t -> "not a tar at all".repeat(40).getBytes()),
                refused("data after its end-of-archive marker",
                        t -> t.allBut(null).raw(new byte[512]).raw(new byte[] {1}).end()));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void refusesAnArchiveThatIsNotATar(Function<TarArchiveTest, byte[]> tar, String message) throws IOException {
        assertRefused(tar.apply(this), message);
    }
}
