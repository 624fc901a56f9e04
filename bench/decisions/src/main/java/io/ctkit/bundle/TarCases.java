package io.ctkit.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The tar cases of model-core's tests (the 25 Python-made bad tars of fixtures/bundle, and
 * TarArchiveTest's and BundleSignatureTest's crafted ones), each with the message the current
 * reader must give (null: must open), plus a few more attacks the tests do not cover yet.
 */
final class TarCases {

    /** One archive and what the current reader's tests expect. */
    record Case(String group, String name, byte[] tar, String expected, BundleVerification limits) {
    }

    static final Path FIXTURES = Path.of(System.getProperty("ctkit.fixtures",
            "../../model-core/src/test/resources/fixtures/bundle"));

    private TarCases() {
    }

    /** The sample bundle of BundleWriterTest, file by file (MANIFEST.json included). */
    static Map<String, byte[]> sampleFiles() {
        try {
            Path dir = Files.createTempDirectory("sample");
            Path tar = dir.resolve("b.tar");
            BundleWriter.create()
                    .add("model.json", "{\"format\":\"ctkit-model/1\"}\n".getBytes(StandardCharsets.UTF_8))
                    .add("weights/dense_0_W.npy", new byte[] {1, 2, 3})
                    .add("weights/dense_0_b.npy", new byte[0])
                    .add("preprocessing/vocabulary.txt", "a\nb\n".getBytes(StandardCharsets.UTF_8))
                    .writeTar(tar);
            Bundle b = Bundle.open(tar);
            Map<String, byte[]> files = new TreeMap<>(TarReaders.files(b));
            files.put("MANIFEST.json", b.manifestBytes());
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        cases.addAll(fixtures());
        cases.addAll(crafted());
        cases.addAll(extra());
        return cases;
    }

    static List<Case> fixtures() {
        List<Case> cases = new ArrayList<>();
        try {
            JsonNode json = new ObjectMapper().readTree(FIXTURES.resolve("cases.json").toFile());
            for (String good : List.of("python_ustar.tar", "python_pax_toplevel.tar", "python_gnu_dotslash.tar")) {
                cases.add(new Case("fixtures", good, Files.readAllBytes(FIXTURES.resolve(good)), null,
                        BundleVerification.defaults()));
            }
            for (JsonNode c : json.get("bad_tars")) {
                String file = c.get("file").asText();
                cases.add(new Case("fixtures", file, Files.readAllBytes(FIXTURES.resolve(file)),
                        c.get("message").asText(), BundleVerification.defaults()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /** TarArchiveTest and BundleSignatureTest, case by case. */
    static List<Case> crafted() {
        Map<String, byte[]> files = sampleFiles();
        List<Case> c = new ArrayList<>();
        BundleVerification d = BundleVerification.defaults();
        String g = "TarArchiveTest";
        c.add(new Case(g, "minimal archive", allBut(files, null).end(), null, d));
        c.add(new Case(g, "with ./ and weights/ entries", allBut(files, null).directory("./").directory("weights/").end(),
                null, d));
        byte[] model = files.get("model.json");
        c.add(new Case(g, "pax path and size", allBut(files, "model.json")
                .pax("mtime=1700000000.5", "path=model.json", "size=" + model.length, "SCHILY.xattr.user.x=y")
                .entry("ignored-name", '0', model, h -> RawTar.put(h, 124, "00000000000\0")).end(), null, d));
        c.add(new Case(g, "pax path=../evil", allBut(files, null).pax("path=../evil").file("harmless", new byte[1]).end(),
                "'..' segment", d));
        c.add(new Case(g, "two pax headers in a row", allBut(files, null).pax("path=a").pax("path=b")
                .file("x", new byte[0]).end(), "two pax headers in a row", d));
        c.add(new Case(g, "pax header at the end", allBut(files, null).pax("path=a").end(),
                "ends right after a pax extended header", d));
        c.add(new Case(g, "malformed pax record", allBut(files, null).entry("p", 'x', "5 path=a\n".getBytes(), h -> { })
                .file("x", new byte[0]).end(), "malformed record at offset 0", d));
        c.add(new Case(g, "pax sets path twice", allBut(files, null).pax("path=a", "path=b").file("x", new byte[0]).end(),
                "sets 'path' twice", d));
        c.add(new Case(g, "pax size=12x", allBut(files, null).pax("size=12x").file("x", new byte[0]).end(),
                "pax size '12x'", d));
        c.add(new Case(g, "pax global header with path", allBut(files, null).entry("g", 'g', "10 path=a\n".getBytes(),
                h -> { }).end(), "pax global header", d));
        Consumer<byte[]> oneGiB = h -> RawTar.put(h, 124, String.format("%011o\0", 1L << 30));
        c.add(new Case(g, "forged size 1 GiB", allBut(files, null).entry("big.npy", '0', new byte[10], oneGiB).end(),
                "entry 'big.npy' claims 1073741824 bytes but only", d));
        c.add(new Case(g, "base-256 size", allBut(files, null).entry("huge.npy", '0', new byte[0], h -> h[124] = (byte) 0x80)
                .end(), "base-256 size", d));
        byte[] padded = allBut(files, null).file("padding.bin", new byte[20000]).end();
        c.add(new Case(g, "over maxTotalBytes 4000", padded, "tar entry 'padding.bin' of 20000 bytes exceeds the limit of 4000 bytes",
                d.withMaxTotalBytes(4000)));
        c.add(new Case(g, "over maxFiles 2", padded, "tar holds more than 2 files", d.withMaxFiles(2)));
        c.add(new Case(g, "file longer than limits allow", padded, "is larger than the limit of",
                d.withMaxFiles(1).withMaxTotalBytes(100)));
        c.add(new Case(g, "v7 header (no ustar magic)", allBut(files, null).entry("v7", '0', new byte[0],
                h -> RawTar.put(h, 257, "\0\0\0\0\0\0\0\0")).end(), "is not a ustar, pax or GNU header", d));
        c.add(new Case(g, "name not UTF-8", allBut(files, null).entry("x", '0', new byte[0], h -> h[0] = (byte) 0xff).end(),
                "not UTF-8", d));
        c.add(new Case(g, "malformed size field", allBut(files, null).entry("x", '0', new byte[0],
                h -> RawTar.put(h, 124, "12x45678901\0")).end(), "malformed size field", d));
        c.add(new Case(g, "directory with data", allBut(files, null).entry("weights/", '5', new byte[3], h -> { }).end(),
                "has a size of 3 bytes", d));
        c.add(new Case(g, "duplicate (GNU + ustar)", allBut(files, null).entry("x", '0', new byte[0],
                h -> RawTar.put(h, 257, "ustar  \0")).file("x", new byte[0]).end(), "holds 'x' twice", d));
        c.add(new Case(g, "unknown type Z", allBut(files, null).entry("x", 'Z', new byte[0], h -> { }).end(),
                "is of unknown type 'Z'", d));
        c.add(new Case(g, "regular file named x/", allBut(files, null).entry("x/", '0', new byte[0], h -> { }).end(),
                "empty segment", d));
        byte[] w = files.get("weights/dense_0_W.npy");
        c.add(new Case(g, "ustar prefix", allBut(files, "weights/dense_0_W.npy")
                .entry("dense_0_W.npy", '0', w, h -> RawTar.put(h, 345, "weights")).end(), null, d));
        c.add(new Case(g, "GNU times where ustar has the prefix", allBut(files, null).entry("notes.txt", '0', new byte[0], h -> {
            RawTar.put(h, 257, "ustar  \0");
            RawTar.put(h, 345, "14530163136\0");
        }).end(), "does not list: notes.txt;", d));
        c.add(new Case(g, "empty file", new byte[0], "end-of-archive marker", d));
        c.add(new Case(g, "not a tar", "not a tar at all".repeat(40).getBytes(), "wrong checksum", d));
        c.add(new Case(g, "data after the end marker", allBut(files, null).raw(new byte[512]).raw(new byte[] {1}).end(),
                "data after its end-of-archive marker", d));
        g = "BundleSignatureTest";
        c.add(new Case(g, "MANIFEST.sig of 5000 bytes", new RawTar().file("MANIFEST.sig", new byte[5000])
                .file("MANIFEST.json", files.get("MANIFEST.json")).end(), "MANIFEST.sig is 5000 bytes", d));
        c.add(new Case(g, "MANIFEST.json over 16 MiB", new RawTar().file("MANIFEST.json", new byte[Manifest.MAX_BYTES + 1])
                .end(), "MANIFEST.json is 16777217 bytes, more than the limit of 16777216", d));
        return c;
    }

    /**
     * Attacks no test covers yet, each on an otherwise valid bundle; no expectation (null): what
     * the current reader does is measured, not asserted.
     */
    static List<Case> extra() {
        Map<String, byte[]> files = sampleFiles();
        List<Case> c = new ArrayList<>();
        BundleVerification d = BundleVerification.defaults();
        String g = "new";
        byte[] model = files.get("model.json");
        byte[] w = files.get("weights/dense_0_W.npy");
        c.add(new Case(g, "pax path=/etc/passwd", allBut(files, null).pax("path=/etc/passwd")
                .file("harmless", new byte[1]).end(), null, d));
        c.add(new Case(g, "pax path=//model.json, listed file", allBut(files, "model.json").pax("path=//model.json")
                .file("harmless", model).end(), null, d));
        c.add(new Case(g, "GNU long name ../evil.npy", allBut(files, null).entry("././@LongLink", 'L',
                "../evil.npy\0".getBytes(), h -> RawTar.put(h, 257, "ustar  \0")).entry("short", '0', new byte[1],
                h -> RawTar.put(h, 257, "ustar  \0")).end(), null, d));
        c.add(new Case(g, "GNU long name /model.json, listed file", allBut(files, "model.json").entry("././@LongLink", 'L',
                "/model.json\0".getBytes(), h -> RawTar.put(h, 257, "ustar  \0")).entry("short", '0', model,
                h -> RawTar.put(h, 257, "ustar  \0")).end(), null, d));
        c.add(new Case(g, "GNU sparse type S", allBut(files, null).entry("s.npy", 'S', new byte[0],
                h -> RawTar.put(h, 257, "ustar  \0")).end(), null, d));
        c.add(new Case(g, "pax GNU.sparse.map on a listed file", allBut(files, "weights/dense_0_W.npy")
                .pax("GNU.sparse.size=3", "GNU.sparse.numblocks=1", "GNU.sparse.map=0,3")
                .file("weights/dense_0_W.npy", w).end(), null, d));
        c.add(new Case(g, "pax size of 19 digits", allBut(files, null).pax("size=1000000000000000000")
                .file("x", new byte[0]).end(), null, d));
        c.add(new Case(g, "pax header of 100 KiB", allBut(files, "model.json").pax("comment=" + "a".repeat(100 << 10))
                .file("model.json", model).end(), null, d));
        c.add(new Case(g, "pax linkpath on a regular file", allBut(files, "model.json").pax("linkpath=/etc/passwd")
                .file("model.json", model).end(), null, d));
        c.add(new Case(g, "hard link named as a listed file", allBut(files, "model.json").entry("model.json", '1',
                new byte[0], h -> RawTar.put(h, 157, "weights/dense_0_W.npy")).end(), null, d));
        c.add(new Case(g, "symlink with pax linkpath", allBut(files, null).pax("linkpath=/etc/passwd")
                .entry("weights/l.npy", '2', new byte[0], h -> { }).end(), null, d));
        RawTar gitArchive = new RawTar().entry("pax_global_header", 'g',
                RawTar.records("comment=8ee0c79a0b1c2d3e4f5061728394a5b6c7d8e9f0"), h -> { });
        files.forEach(gitArchive::file);
        c.add(new Case(g, "git archive's global pax comment first", gitArchive.end(), null, d));
        c.add(new Case(g, "pax global header last", allBut(files, null).entry("g", 'g', RawTar.records("comment=x"),
                h -> { }).end(), null, d));
        c.add(new Case(g, "one zero block at the end", withoutLastBlock(allBut(files, null).end()), null, d));
        c.add(new Case(g, "cut inside the last header", truncate(allBut(files, null).end(), 1024 + 100), null, d));
        c.add(new Case(g, "checksum as a signed sum", signedChecksum(files), null, d));
        c.add(new Case(g, "name with invalid UTF-8 mapping to '?'", allBut(files, null).entry("weights/x", '0',
                new byte[0], h -> h[8] = (byte) 0xff).end(), null, d));
        c.add(new Case(g, "10003 files", manyFiles(files, 10_003), null, d));
        // What the library hides from the policy, on a file the manifest lists (so only the tar layer can refuse):
        c.add(new Case(g, "v7 header (no magic), listed file", allBut(files, "model.json").entry("model.json", '0', model,
                h -> RawTar.put(h, 257, "\0\0\0\0\0\0\0\0")).end(), null, d));
        c.add(new Case(g, "two pax headers in a row, listed file", allBut(files, "model.json").pax("path=a")
                .pax("path=model.json").file("x", model).end(), null, d));
        c.add(new Case(g, "pax sets path twice, listed file", allBut(files, "model.json").pax("path=a", "path=model.json")
                .file("x", model).end(), null, d));
        c.add(new Case(g, "pax mtime 10^30 (BigDecimal)", allBut(files, "model.json").pax("mtime=1" + "0".repeat(30))
                .file("model.json", model).end(), null, d));
        c.add(new Case(g, "pax uid not a number", allBut(files, "model.json").pax("uid=abc").file("model.json", model)
                .end(), null, d));
        return c;
    }

    private static RawTar allBut(Map<String, byte[]> files, String skipped) {
        RawTar tar = new RawTar();
        files.forEach((name, content) -> {
            if (!name.equals(skipped)) {
                tar.file(name, content);
            }
        });
        return tar;
    }

    private static byte[] withoutLastBlock(byte[] tar) {
        return java.util.Arrays.copyOf(tar, tar.length - 512);
    }

    private static byte[] truncate(byte[] tar, int cut) {
        return java.util.Arrays.copyOf(tar, tar.length - cut);
    }

    private static byte[] signedChecksum(Map<String, byte[]> files) {
        RawTar tar = allBut(files, "model.json");
        byte[] h = new byte[512];
        RawTar.put(h, 0, "model.json");
        RawTar.put(h, 100, "0000644\0");
        RawTar.put(h, 108, "0000000\0");
        RawTar.put(h, 116, "0000000\0");
        RawTar.put(h, 124, String.format("%011o\0", files.get("model.json").length));
        RawTar.put(h, 136, "00000000000\0");
        h[156] = '0';
        RawTar.put(h, 257, "ustar\0");
        RawTar.put(h, 263, "00");
        h[265] = (byte) 0xe9; // a user name byte above 127: signed and unsigned sums differ
        RawTar.put(h, 148, "        ");
        int signed = 0;
        for (byte b : h) {
            signed += b;
        }
        RawTar.put(h, 148, String.format("%06o\0 ", signed));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h);
        byte[] model = files.get("model.json");
        out.writeBytes(model);
        out.writeBytes(new byte[(512 - model.length % 512) % 512]);
        return tar.raw(out.toByteArray()).end();
    }

    private static byte[] manyFiles(Map<String, byte[]> files, int n) {
        RawTar tar = allBut(files, null);
        for (int i = 0; i < n; i++) {
            tar.file("f" + i, new byte[0]);
        }
        return tar.end();
    }
}
