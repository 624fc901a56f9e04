package io.ctkit.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The bundle tar written by ctkit's TarWriter and by Commons Compress' TarArchiveOutputStream,
 * configured for the same deterministic output (mtime 0, uid/gid 0, no user/group names, mode
 * 0644/0755, sorted entries, directory entries first): sizes, digests across two writes, where
 * the bytes differ, and whether each reader opens the other's output. Also Python's
 * python_ustar.tar fixture: does each writer reproduce it byte for byte?
 */
public final class TarWriterCompare {

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("tarwriter");
        SortedMap<String, byte[]> realistic = complete(RealisticBundle.files());
        compare("realistic bundle", realistic, dir);
        Path pythonTar = TarCases.FIXTURES.resolve("python_ustar.tar");
        BundleSource python = TarArchive.read(pythonTar, "python", BundleVerification.defaults());
        SortedMap<String, byte[]> pythonFiles = new TreeMap<>(BundlePaths.ORDER);
        for (String f : python.files().keySet()) {
            pythonFiles.put(f, python.read(f, Long.MAX_VALUE));
        }
        byte[] fixture = Files.readAllBytes(TarCases.FIXTURES.resolve("python_ustar.tar"));
        byte[] ours = current(pythonFiles);
        byte[] theirs = compress(pythonFiles);
        System.out.printf("python_ustar.tar (%d bytes, non-ASCII names): TarWriter identical: %s; Commons Compress "
                + "identical: %s (%d bytes, first difference at byte %d)%n", fixture.length, java.util.Arrays.equals(ours,
                fixture), java.util.Arrays.equals(theirs, fixture), theirs.length, firstDifference(theirs, fixture));
    }

    private static void compare(String label, SortedMap<String, byte[]> files, Path dir) throws Exception {
        byte[] a1 = current(files);
        byte[] a2 = current(files);
        byte[] b1 = compress(files);
        byte[] b2 = compress(files);
        System.out.printf("%s: TarWriter %d bytes, sha256 %s, same on a second write: %s%n", label, a1.length, sha(a1),
                java.util.Arrays.equals(a1, a2));
        System.out.printf("%s: Commons Compress %d bytes, sha256 %s, same on a second write: %s%n", label, b1.length,
                sha(b1), java.util.Arrays.equals(b1, b2));
        int diff = firstDifference(a1, b1);
        System.out.printf("%s: outputs identical: %s; first difference at byte %d (header field at offset %d: %s)%n",
                label, java.util.Arrays.equals(a1, b1), diff, diff % 512, field(diff % 512));
        int fields = 0;
        StringBuilder which = new StringBuilder();
        for (int i = 0; i < Math.min(512, a1.length); i++) {
            if (a1[i] != b1[i] && (i == 0 || a1[i - 1] == b1[i - 1] || !field(i).equals(field(i - 1)))) {
                fields++;
                which.append(field(i)).append(' ');
            }
        }
        System.out.printf("%s: fields differing in the first header: %s%n", label, which.toString().trim());
        System.out.printf("%s: first header, TarWriter:        %s%n", label, fields(a1));
        System.out.printf("%s: first header, Commons Compress: %s%n", label, fields(b1));
        Path ta = Files.write(dir.resolve("a.tar"), a1);
        Path tb = Files.write(dir.resolve("b.tar"), b1);
        for (TarReaders.Impl impl : TarReaders.Impl.values()) {
            System.out.printf("%s: %s reader on TarWriter output: %s; on Commons Compress output: %s%n", label, impl,
                    TarReaders.outcome(impl, ta, BundleVerification.defaults()).kind(),
                    TarReaders.outcome(impl, tb, BundleVerification.defaults()).kind());
        }
    }

    static byte[] current(SortedMap<String, byte[]> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter.write(files, out, "bench");
        return out.toByteArray();
    }

    /** Commons Compress set up to write what TarWriter writes. */
    static byte[] compress(SortedMap<String, byte[]> files) throws IOException {
        SortedMap<String, byte[]> entries = new TreeMap<>(BundlePaths.ORDER);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            String path = e.getKey();
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                entries.put(path.substring(0, slash + 1), null);
            }
            entries.put(path, e.getValue());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_ERROR);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                boolean directory = e.getValue() == null;
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey(), directory ? TarArchiveEntry.LF_DIR
                        : TarArchiveEntry.LF_NORMAL);
                entry.setModTime(0L);
                entry.setIds(0, 0);
                entry.setNames("", "");
                entry.setMode(directory ? 0755 : 0644);
                entry.setSize(directory ? 0 : e.getValue().length);
                tar.putArchiveEntry(entry);
                if (!directory) {
                    tar.write(e.getValue());
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        return out.toByteArray();
    }

    private static SortedMap<String, byte[]> complete(SortedMap<String, byte[]> files) throws IOException {
        Path dir = Files.createTempDirectory("complete");
        BundleWriter w = BundleWriter.create();
        files.forEach(w::add);
        Path tar = dir.resolve("x.tar");
        w.writeTar(tar);
        Bundle b = Bundle.open(tar);
        SortedMap<String, byte[]> all = new TreeMap<>(BundlePaths.ORDER);
        all.putAll(files);
        all.put("MANIFEST.json", b.manifestBytes());
        return all;
    }

    private static String fields(byte[] tar) {
        StringBuilder s = new StringBuilder();
        int[][] f = {{100, 8}, {108, 8}, {116, 8}, {124, 12}, {136, 12}, {148, 8}, {329, 8}, {337, 8}};
        for (int[] x : f) {
            s.append(field(x[0])).append('=').append(new String(tar, x[0], x[1], java.nio.charset.StandardCharsets.US_ASCII)
                    .replace("\0", "\\0")).append(' ');
        }
        return s.toString().trim();
    }

    private static int firstDifference(byte[] a, byte[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return a.length == b.length ? -1 : Math.min(a.length, b.length);
    }

    private static String field(int offset) {
        int[] starts = {0, 100, 108, 116, 124, 136, 148, 156, 157, 257, 263, 265, 297, 329, 337, 345, 500};
        String[] names = {"name", "mode", "uid", "gid", "size", "mtime", "chksum", "typeflag", "linkname", "magic",
            "version", "uname", "gname", "devmajor", "devminor", "prefix", "pad"};
        for (int i = starts.length - 1; i >= 0; i--) {
            if (offset >= starts[i]) {
                return names[i];
            }
        }
        return "?";
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)).substring(0, 16);
    }
}
