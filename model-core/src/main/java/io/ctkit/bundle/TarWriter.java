package io.ctkit.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes files as a deterministic POSIX ustar archive: the entries sorted by path (each
 * directory entry right before its content), mode 0644 for files and 0755 for directories,
 * uid/gid 0, empty user and group names and device numbers, mtime 0, and the end padded to a
 * 10240-byte record, as Python's {@code tarfile} and GNU tar pad it. Same files, same bytes.
 */
final class TarWriter {

    private static final int RECORD = 20 * TarHeader.BLOCK;

    private TarWriter() {
    }

    static void write(SortedMap<String, byte[]> files, OutputStream out, String source) throws IOException {
        SortedMap<String, byte[]> entries = new TreeMap<>(BundlePaths.ORDER);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            String path = e.getKey();
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                entries.put(path.substring(0, slash + 1), null);
            }
            entries.put(path, e.getValue());
        }
        long written = 0;
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            byte[] data = e.getValue();
            out.write(header(e.getKey(), data == null ? -1 : data.length, source));
            written += TarHeader.BLOCK;
            if (data != null) {
                out.write(data);
                int padding = (TarHeader.BLOCK - data.length % TarHeader.BLOCK) % TarHeader.BLOCK;
                out.write(new byte[padding]);
                written += data.length + padding;
            }
        }
        byte[] end = new byte[2 * TarHeader.BLOCK];
        out.write(end);
        written += end.length;
        out.write(new byte[(int) ((RECORD - written % RECORD) % RECORD)]);
    }

    /** A header for a file of {@code size} bytes, or for a directory when size is -1. */
    private static byte[] header(String path, long size, String source) throws BundleException {
        byte[] b = new byte[TarHeader.BLOCK];
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = new byte[0];
        if (name.length > 100) {
            // As Python's tarfile: split at the first '/' that leaves at most 155 bytes before, 100 after.
            int split = -1;
            for (int i = 0; i < name.length && i <= 155; i++) {
                if (name[i] == '/' && name.length - i - 1 <= 100) {
                    split = i;
                    break;
                }
            }
            if (split < 0) {
                throw new BundleException(source, "path " + path + " is too long for a ustar archive (it needs a '/' "
                        + "with at most 155 bytes before it and 100 after)");
            }
            prefix = Arrays.copyOf(name, split);
            name = Arrays.copyOfRange(name, split + 1, name.length);
        }
        System.arraycopy(name, 0, b, 0, name.length);
        put(b, 100, octal(size < 0 ? 0755 : 0644, 8));
        put(b, 108, octal(0, 8));
        put(b, 116, octal(0, 8));
        put(b, 124, octal(Math.max(size, 0), 12));
        put(b, 136, octal(0, 12));
        b[156] = (byte) (size < 0 ? '5' : '0');
        put(b, 257, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(b, 263, "00".getBytes(StandardCharsets.US_ASCII));
        System.arraycopy(prefix, 0, b, 345, prefix.length);
        int sum = 0;
        for (int i = 0; i < TarHeader.BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : b[i] & 0xff;
        }
        put(b, 148, (String.format("%06o", sum) + "\0 ").getBytes(StandardCharsets.US_ASCII));
        return b;
    }

    /** {@code width - 1} zero-padded octal digits and a NUL, as tar writes numbers. */
    private static byte[] octal(long value, int width) {
        String digits = Long.toOctalString(value);
        return ("0".repeat(width - 1 - digits.length()) + digits + "\0").getBytes(StandardCharsets.US_ASCII);
    }

    private static void put(byte[] b, int offset, byte[] value) {
        System.arraycopy(value, 0, b, offset, value.length);
    }
}
