package io.ctkit.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void refusesMalformedOrMisplacedPaxHeaders() throws IOException {
        assertRefused(allBut(null).pax("path=a").pax("path=b").file("x", new byte[0]).end(), "two pax headers in a row");
        assertRefused(allBut(null).pax("path=a").end(), "ends right after a pax extended header");
        assertRefused(allBut(null).entry("p", 'x', "5 path=a\n".getBytes(), h -> { }).file("x", new byte[0]).end(),
                "malformed record at offset 0");
        assertRefused(allBut(null).pax("path=a", "path=b").file("x", new byte[0]).end(), "sets 'path' twice");
        assertRefused(allBut(null).pax("size=12x").file("x", new byte[0]).end(), "pax size '12x'");
        assertRefused(allBut(null).entry("g", 'g', "10 path=a\n".getBytes(), h -> { }).end(), "pax global header");
    }

    @Test
    void refusesAForgedSizeWithoutAllocatingIt() throws IOException {
        Consumer<byte[]> oneGiB = h -> RawTar.put(h, 124, String.format("%011o\0", 1L << 30));
        assertRefused(allBut(null).entry("big.npy", '0', new byte[10], oneGiB).end(),
                "entry 'big.npy' claims 1073741824 bytes but only");
        Consumer<byte[]> base256 = h -> h[124] = (byte) 0x80;
        assertRefused(allBut(null).entry("huge.npy", '0', new byte[0], base256).end(), "base-256 size");
    }

    @Test
    void refusesEntriesBeyondTheLimits() throws IOException {
        Path tar = save(allBut(null).file("padding.bin", new byte[20000]).end());
        assertThatThrownBy(() -> Bundle.open(tar, BundleVerification.defaults().withMaxTotalBytes(4000)))
                .hasMessageContaining("tar entry 'padding.bin' of 20000 bytes exceeds the limit of 4000 bytes");
        assertThatThrownBy(() -> Bundle.open(tar, BundleVerification.defaults().withMaxFiles(2)))
                .hasMessageContaining("tar holds more than 2 files");
        assertThatThrownBy(() -> Bundle.open(tar, BundleVerification.defaults().withMaxFiles(1).withMaxTotalBytes(100)))
                .hasMessageContaining("is larger than the limit of");
    }

    @Test
    void refusesMalformedHeaders() throws IOException {
        assertRefused(allBut(null).entry("v7", '0', new byte[0], h -> RawTar.put(h, 257, "\0\0\0\0\0\0\0\0")).end(),
                "is not a ustar, pax or GNU header");
        assertRefused(allBut(null).entry("x", '0', new byte[0], h -> h[0] = (byte) 0xff).end(), "not UTF-8");
        assertRefused(allBut(null).entry("x", '0', new byte[0], h -> RawTar.put(h, 124, "12x45678901\0")).end(),
                "malformed size field");
        assertRefused(allBut(null).entry("weights/", '5', new byte[3], h -> { }).end(), "has a size of 3 bytes");
        assertRefused(allBut(null).entry("x", '0', new byte[0], h -> RawTar.put(h, 257, "ustar  \0"))
                .file("x", new byte[0]).end(), "holds 'x' twice");
        assertRefused(allBut(null).entry("x", 'Z', new byte[0], h -> { }).end(), "is of unknown type 'Z'");
        assertRefused(allBut(null).entry("x/", '0', new byte[0], h -> { }).end(), "empty segment");
    }

    @Test
    void usesTheUstarPrefixButNotTheGnuTimeFields() throws IOException {
        byte[] w = files.get("weights/dense_0_W.npy");
        byte[] posix = allBut("weights/dense_0_W.npy")
                .entry("dense_0_W.npy", '0', w, h -> RawTar.put(h, 345, "weights")).end();
        assertThat(Bundle.open(save(posix)).bytes("weights/dense_0_W.npy")).isEqualTo(w);

        byte[] gnu = allBut(null).entry("notes.txt", '0', new byte[0], h -> {
            RawTar.put(h, 257, "ustar  \0");
            RawTar.put(h, 345, "14530163136\0");
        }).end();
        assertRefused(gnu, "does not list: notes.txt;");
    }

    @Test
    void refusesAnArchiveThatIsNotATar() throws IOException {
        assertRefused(new byte[0], "end-of-archive marker");
        assertRefused("not a tar at all".repeat(40).getBytes(), "wrong checksum");
        assertRefused(allBut(null).raw(new byte[512]).raw(new byte[] {1}).end(), "data after its end-of-archive marker");
    }
}
