package io.ctkit.bundle;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A bundle in a tar file (ustar, GNU or pax), read into memory once, strictly: regular files
 * and directories only, no two entries with the same name, every name a valid bundle path
 * (after an optional leading {@code ./}), and sizes within the limits. The bundle is either at
 * the root of the archive or inside a single top-level directory.
 */
final class TarArchive implements BundleSource {

    /** Largest byte array the JVM allocates. */
    static final int MAX_FILE_BYTES = Integer.MAX_VALUE - 16;
    private static final int MAX_PAX_BYTES = 64 << 10;

    private final String source;
    private final SortedMap<String, byte[]> content;
    private final SortedMap<String, Long> sizes;

    private TarArchive(String source, SortedMap<String, byte[]> content) {
        this.source = source;
        this.content = content;
        SortedMap<String, Long> s = new TreeMap<>(BundlePaths.ORDER);
        content.forEach((path, bytes) -> s.put(path, (long) bytes.length));
        this.sizes = Collections.unmodifiableSortedMap(s);
    }

    static TarArchive read(Path tar, String source, BundleVerification limits) throws IOException {
        // Headers, padding and the end marker can at most double the entries' share.
        long maxLength = limits.maxTotalBytes() + 1024L * (2L * limits.maxFiles() + 4) + 10240;
        long length = Files.size(tar);
        if (length > maxLength) {
            throw new BundleException(source, "tar file of " + length + " bytes is larger than the limit of "
                    + maxLength + " for a bundle of at most " + limits.maxTotalBytes() + " bytes");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tar), 1 << 16)) {
            return new TarArchive(source, layout(new Parser(in, length, source, limits).entries(), source));
        }
    }

    @Override
    public SortedMap<String, Long> files() {
        return sizes;
    }

    @Override
    public byte[] read(String path, long maxBytes) throws IOException {
        byte[] bytes = content.get(path);
        if (bytes == null) {
            throw new IllegalArgumentException("not a file of this archive: " + path);
        }
        if (bytes.length > maxBytes) {
            throw new BundleException(source, path + " is " + bytes.length + " bytes, more than the limit of " + maxBytes);
        }
        return bytes;
    }

    /** The bundle's files: the archive root, or the content of its single top-level directory. */
    private static SortedMap<String, byte[]> layout(Entries entries, String source) throws BundleException {
        Set<String> ancestors = new HashSet<>();
        Set<String> top = new HashSet<>();
        for (String name : entries.all) {
            int slash = name.indexOf('/');
            top.add(slash < 0 ? name : name.substring(0, slash));
            for (slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
                ancestors.add(name.substring(0, slash));
            }
        }
        for (String file : entries.files.keySet()) {
            if (ancestors.contains(file)) {
                throw new BundleException(source, "tar entry '" + file + "' is both a file and a directory");
            }
        }
        if (entries.files.containsKey(BundlePaths.MANIFEST)) {
            return entries.files;
        }
        String prefix = top.size() == 1 ? top.iterator().next() + "/" : null;
        if (prefix == null || !entries.files.containsKey(prefix + BundlePaths.MANIFEST)) {
            throw new BundleException(source, "tar holds no MANIFEST.json at its root or in a single top-level "
                    + "directory; is it a model bundle?");
        }
        SortedMap<String, byte[]> inner = new TreeMap<>(BundlePaths.ORDER);
        for (Map.Entry<String, byte[]> e : entries.files.entrySet()) {
            inner.put(e.getKey().substring(prefix.length()), e.getValue());
        }
        return inner;
    }

    private static final class Entries {
        final SortedMap<String, byte[]> files = new TreeMap<>(BundlePaths.ORDER);
        final Set<String> all = new HashSet<>();
        int directories;
        long total;
    }

    private static final class Parser {
        private final InputStream in;
        private final long length;
        private final String source;
        private final BundleVerification limits;
        private long offset;

        Parser(InputStream in, long length, String source, BundleVerification limits) {
            this.in = in;
            this.length = length;
            this.source = source;
            this.limits = limits;
        }

        Entries entries() throws IOException {
            Entries entries = new Entries();
            Map<String, String> pax = null;
            while (true) {
                long at = offset;
                byte[] block = new byte[TarHeader.BLOCK];
                if (!readFully(block)) {
                    throw fail("tar ends without its end-of-archive marker (blocks of zeros); it is truncated");
                }
                if (TarHeader.isZero(block)) {
                    if (pax != null) {
                        throw fail("tar ends right after a pax extended header, without its entry");
                    }
                    requireOnlyZeros();
                    return entries;
                }
                TarHeader h = TarHeader.parse(block, at, source);
                if (pax != null && (h.type() == 'x' || h.type() == 'g')) {
                    throw fail("tar has two pax headers in a row at byte " + at);
                }
                long size = pax != null && pax.containsKey("size") ? paxSize(pax.get("size"), h) : h.size();
                String name = pax != null && pax.containsKey("path") ? pax.get("path") : h.name();
                pax = null;
                switch (h.type()) {
                    case 'x', 'g' -> {
                        if (size > MAX_PAX_BYTES) {
                            throw fail("pax header at byte " + at + " is " + size + " bytes, more than " + MAX_PAX_BYTES);
                        }
                        Map<String, String> records = TarHeader.paxRecords(data(size, name), at, source);
                        for (String key : records.keySet()) {
                            if (key.startsWith("GNU.sparse.")) {
                                // a sparse file's map, which a bundle never has; refused, not ignored
                                throw fail("pax header at byte " + at + " describes a sparse file (" + key
                                        + "); a bundle holds regular files only");
                            }
                        }
                        if (h.type() == 'x') {
                            pax = records;
                        } else if (records.containsKey("path") || records.containsKey("size")) {
                            throw fail("a pax global header sets 'path' or 'size' for every entry; not supported");
                        }
                    }
                    case '0', '\0', '7' -> file(entries, normalize(name, false, at), size);
                    case '5' -> directory(entries, normalize(name, true, at), size);
                    default -> throw fail("tar entry '" + BundlePaths.printable(name) + "' is "
                            + TarHeader.describe(h.type()) + "; a bundle holds regular files and directories only");
                }
            }
        }

        private void file(Entries entries, String name, long size) throws IOException {
            if (name == null) {
                throw fail("tar holds a regular file named '.'");
            }
            duplicate(entries, name);
            if (entries.files.size() >= limits.maxFiles() + 2) {
                throw fail("tar holds more than " + limits.maxFiles() + " files");
            }
            if (size > MAX_FILE_BYTES || entries.total + size > limits.maxTotalBytes()) {
                throw fail("tar entry '" + name + "' of " + size + " bytes exceeds the limit of "
                        + limits.maxTotalBytes() + " bytes for all files together");
            }
            entries.total += size;
            entries.files.put(name, data(size, name));
        }

        private void directory(Entries entries, String name, long size) throws IOException {
            if (size != 0) {
                throw fail("tar directory entry '" + name + "' has a size of " + size + " bytes");
            }
            if (name == null) {
                return; // the archive root, "./"
            }
            duplicate(entries, name);
            if (++entries.directories > limits.maxFiles()) {
                throw fail("tar holds more than " + limits.maxFiles() + " directories");
            }
        }

        private void duplicate(Entries entries, String name) throws BundleException {
            if (!entries.all.add(name)) {
                throw fail("tar holds '" + name + "' twice");
            }
        }

        /** The bundle path of an entry name, or null for the archive root itself. */
        private String normalize(String raw, boolean directory, long at) throws BundleException {
            String name = raw;
            if (directory && name.endsWith("/")) {
                name = name.substring(0, name.length() - 1);
            }
            if (name.equals(".")) {
                return null;
            }
            if (name.startsWith("./")) {
                name = name.substring(2);
            }
            String problem = BundlePaths.problem(name);
            if (problem != null) {
                throw fail("tar entry '" + BundlePaths.printable(raw) + "' at byte " + at + " is refused: " + problem);
            }
            return name;
        }

        private long paxSize(String value, TarHeader h) throws BundleException {
            if (!value.matches("[0-9]{1,18}")) {
                throw fail("pax size '" + value + "' of tar entry '" + h.name() + "' is not a number");
            }
            return Long.parseLong(value);
        }

        private byte[] data(long size, String name) throws IOException {
            // Checked before allocating, so a forged size cannot make us allocate what the file lacks.
            if (size > length - offset) {
                throw fail("tar is truncated: entry '" + BundlePaths.printable(name) + "' claims " + size
                        + " bytes but only " + (length - offset) + " remain");
            }
            byte[] data = new byte[(int) size];
            if (!readFully(data)) {
                throw fail("tar is truncated inside the data of entry '" + BundlePaths.printable(name) + "'");
            }
            int padding = (int) ((TarHeader.BLOCK - size % TarHeader.BLOCK) % TarHeader.BLOCK);
            if (!readFully(new byte[padding])) {
                throw fail("tar is truncated after the data of entry '" + BundlePaths.printable(name) + "'");
            }
            return data;
        }

        private void requireOnlyZeros() throws IOException {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != 0) {
                        throw fail("tar has data after its end-of-archive marker, at byte " + (offset + i));
                    }
                }
                offset += n;
            }
        }

        private boolean readFully(byte[] buffer) throws IOException {
            int length = 0;
            while (length < buffer.length) {
                int n = in.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    return false;
                }
                length += n;
            }
            offset += length;
            return true;
        }

        private BundleException fail(String problem) {
            return new BundleException(source, problem);
        }
    }
}
