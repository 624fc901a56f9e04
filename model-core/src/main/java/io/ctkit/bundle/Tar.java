package io.ctkit.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tar subset bundles use: POSIX ustar with pax extended headers (what Python's tarfile
 * writes), regular files and directories only. Links, devices, FIFOs, GNU extensions, duplicate
 * names and unsafe names are refused. The bundle may sit at the root of the archive or inside
 * one top-level directory.
 */
final class Tar {
    private static final int BLOCK = 512;

    private Tar() {
    }

    static Map<String, byte[]> read(Path tar, int maxFiles, long maxBytes) throws BundleException {
        long size;
        try {
            size = Files.size(tar);
        } catch (IOException e) {
            throw new BundleException(tar + ": cannot read: " + e.getMessage(), e);
        }
        if (size > maxBytes + (long) maxFiles * 3 * BLOCK) {
            throw new BundleException(tar + ": " + size + " bytes is more than a bundle may hold");
        }
        try (InputStream in = Files.newInputStream(tar)) {
            return read(in.readAllBytes(), tar.toString(), maxFiles, maxBytes);
        } catch (IOException e) {
            if (e instanceof BundleException be) {
                throw be;
            }
            throw new BundleException(tar + ": cannot read: " + e.getMessage(), e);
        }
    }

    static Map<String, byte[]> read(byte[] bytes, String source, int maxFiles, long maxBytes) throws BundleException {
        Map<String, byte[]> entries = new TreeMap<>();
        long total = 0;
        int pos = 0;
        String paxPath = null;
        boolean ended = false;
        while (pos + BLOCK <= bytes.length) {
            if (isZero(bytes, pos)) {
                ended = true;
                break;
            }
            int headerAt = pos;
            checkChecksum(bytes, pos, source);
            String name = field(bytes, pos, 100);
            String prefix = field(bytes, pos + 345, 155);
            char type = (char) bytes[pos + 156];
            long length = octal(bytes, pos + 124, 12, source, headerAt);
            pos += BLOCK;
            if (length > bytes.length - pos) {
                throw new BundleException(source + ": entry at offset " + headerAt + " claims " + length
                        + " bytes but the archive ends sooner");
            }
            int len = (int) length;
            byte[] content = Arrays.copyOfRange(bytes, pos, pos + len);
            pos += (len + BLOCK - 1) / BLOCK * BLOCK;
            switch (type) {
                case 'x' -> {
                    paxPath = paxPath(content, source, headerAt);
                    continue;
                }
                case 'g' -> {
                    continue; // global pax defaults: only metadata that a bundle ignores
                }
                case '5' -> {
                    paxPath = null;
                    continue;
                }
                case '0', '\0' -> {
                }
                case '1', '2' -> throw new BundleException(source + ": \"" + BundlePaths.printable(name)
                        + "\" is a link; bundles hold regular files only");
                default -> throw new BundleException(source + ": \"" + BundlePaths.printable(name)
                        + "\" has unsupported tar entry type '" + BundlePaths.printable(String.valueOf(type)) + "'");
            }
            String path = paxPath != null ? paxPath : prefix.isEmpty() ? name : prefix + "/" + name;
            paxPath = null;
            BundlePaths.check(path, source);
            if (entries.size() >= maxFiles) {
                throw new BundleException(source + ": more than " + maxFiles + " files");
            }
            total += len;
            if (total > maxBytes) {
                throw new BundleException(source + ": more than " + maxBytes + " bytes in all");
            }
            if (entries.put(path, content) != null) {
                throw new BundleException(source + ": \"" + path + "\" appears twice in the archive");
            }
        }
        if (!ended) {
            throw new BundleException(source + ": truncated tar archive (no end-of-archive block)");
        }
        return stripTopDirectory(entries, source);
    }

    private static Map<String, byte[]> stripTopDirectory(Map<String, byte[]> entries, String source)
            throws BundleException {
        if (entries.isEmpty() || entries.containsKey(BundlePaths.MANIFEST)) {
            return entries;
        }
        String top = null;
        for (String path : entries.keySet()) {
            int slash = path.indexOf('/');
            String first = slash < 0 ? "" : path.substring(0, slash);
            if (first.isEmpty() || (top != null && !top.equals(first))) {
                return entries; // not one top directory: verification will say what is missing
            }
            top = first;
        }
        Map<String, byte[]> stripped = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            stripped.put(BundlePaths.check(e.getKey().substring(top.length() + 1), source), e.getValue());
        }
        return stripped;
    }

    private static String paxPath(byte[] content, String source, int at) throws BundleException {
        String path = null;
        int i = 0;
        while (i < content.length) {
            int space = i;
            while (space < content.length && content[space] != ' ') {
                space++;
            }
            int recordLength;
            try {
                recordLength = Integer.parseInt(new String(content, i, space - i, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new BundleException(source + ": malformed pax header at offset " + at);
            }
            if (recordLength <= space - i + 1 || i + recordLength > content.length || content[i + recordLength - 1] != '\n') {
                throw new BundleException(source + ": malformed pax header at offset " + at);
            }
            String record = new String(content, space + 1, i + recordLength - space - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq < 0) {
                throw new BundleException(source + ": malformed pax header at offset " + at);
            }
            String key = record.substring(0, eq);
            if (key.equals("path")) {
                path = record.substring(eq + 1);
            } else if (key.equals("linkpath") || key.equals("size")) {
                throw new BundleException(source + ": pax header at offset " + at + " sets \"" + key
                        + "\", which bundles do not use");
            }
            i += recordLength;
        }
        return path;
    }

    static void write(Map<String, byte[]> files, OutputStream out) throws IOException {
        for (Map.Entry<String, byte[]> e : new TreeMap<>(files).entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            if (name.length > 100) {
                throw new BundleException("\"" + e.getKey() + "\": names longer than 100 bytes do not fit a tar header");
            }
            byte[] h = new byte[BLOCK];
            System.arraycopy(name, 0, h, 0, name.length);
            putOctal(h, 100, 8, 0644);
            putOctal(h, 108, 8, 0);
            putOctal(h, 116, 8, 0);
            putOctal(h, 124, 12, e.getValue().length);
            putOctal(h, 136, 12, 0);
            h[156] = '0';
            System.arraycopy("ustar\00000".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 8);
            Arrays.fill(h, 148, 156, (byte) ' ');
            long sum = 0;
            for (byte b : h) {
                sum += b & 0xff;
            }
            putOctal(h, 148, 7, sum);
            out.write(h);
            out.write(e.getValue());
            int pad = (BLOCK - e.getValue().length % BLOCK) % BLOCK;
            out.write(new byte[pad]);
        }
        out.write(new byte[2 * BLOCK]);
    }

    private static void putOctal(byte[] h, int offset, int width, long value) {
        String s = Long.toOctalString(value);
        String padded = "0".repeat(width - 1 - s.length()) + s;
        System.arraycopy(padded.getBytes(StandardCharsets.US_ASCII), 0, h, offset, width - 1);
        h[offset + width - 1] = 0;
    }

    private static boolean isZero(byte[] b, int pos) {
        for (int i = pos; i < pos + BLOCK; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static void checkChecksum(byte[] b, int pos, String source) throws BundleException {
        long stored = octal(b, pos + 148, 8, source, pos);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : b[pos + i] & 0xff;
        }
        if (sum != stored) {
            throw new BundleException(source + ": corrupt tar header at offset " + pos + " (checksum mismatch)");
        }
    }

    private static long octal(byte[] b, int offset, int width, String source, int at) throws BundleException {
        long value = 0;
        int i = offset;
        int end = offset + width;
        while (i < end && b[i] == ' ') {
            i++;
        }
        boolean digits = false;
        for (; i < end && b[i] != 0 && b[i] != ' '; i++) {
            if (b[i] < '0' || b[i] > '7' || value > (Long.MAX_VALUE >> 3)) {
                throw new BundleException(source + ": corrupt tar header at offset " + at + " (bad number field)");
            }
            value = value * 8 + (b[i] - '0');
            digits = true;
        }
        if (!digits) {
            throw new BundleException(source + ": corrupt tar header at offset " + at + " (empty number field)");
        }
        return value;
    }

    private static String field(byte[] b, int offset, int width) {
        int end = offset;
        while (end < offset + width && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, StandardCharsets.UTF_8);
    }
}
