package io.ctkit.bundle;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
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
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * {@link TarArchive}'s contract on Apache Commons Compress: TarArchiveInputStream parses the
 * headers (ustar, GNU, pax, GNU long names, sparse files), and the bundle policy is written on
 * top, check for check as in TarArchive where the library lets the policy see what it needs.
 * Bench only: the contender in the "library first" decision.
 */
final class CompressTarArchive implements BundleSource {

    private final SortedMap<String, byte[]> content;
    private final SortedMap<String, Long> sizes;
    private final String source;

    private CompressTarArchive(String source, SortedMap<String, byte[]> content) {
        this.source = source;
        this.content = content;
        SortedMap<String, Long> s = new TreeMap<>(BundlePaths.ORDER);
        content.forEach((path, bytes) -> s.put(path, (long) bytes.length));
        this.sizes = Collections.unmodifiableSortedMap(s);
    }

    static CompressTarArchive read(Path tar, String source, BundleVerification limits) throws IOException {
        long maxLength = limits.maxTotalBytes() + 1024L * (2L * limits.maxFiles() + 4) + 10240;
        long length = Files.size(tar);
        if (length > maxLength) {
            throw new BundleException(source, "tar file of " + length + " bytes is larger than the limit of "
                    + maxLength + " for a bundle of at most " + limits.maxTotalBytes() + " bytes");
        }
        Entries entries = new Entries();
        try (Position in = new Position(new BufferedInputStream(Files.newInputStream(tar), 1 << 16));
                TarArchiveInputStream tin = new TarArchiveInputStream(in, "UTF-8")) {
            // Where the end-of-archive marker must start: after the last entry's data and padding.
            long end = 0;
            for (TarArchiveEntry e; (e = tin.getNextEntry()) != null; ) {
                if (!e.isCheckSumOK()) {
                    throw new BundleException(source, "tar header before byte " + in.offset + " has a wrong checksum;"
                            + " the archive is damaged or not a tar file");
                }
                byte type = e.getLinkFlag();
                // Not isFile(): it is true for links, devices, FIFOs and unknown types too.
                if ((type == '0' || type == 0 || type == '7') && !e.isSparse()) {
                    String name = normalize(e.getName(), false, source);
                    file(entries, name, e.getSize(), length - in.offset, source, limits);
                    byte[] data = tin.readNBytes((int) e.getSize());
                    if (data.length != e.getSize()) {
                        throw new BundleException(source, "tar is truncated inside the data of entry '" + name + "'");
                    }
                    entries.total += data.length;
                    entries.files.put(name, data);
                } else if (type == '5') {
                    if (e.getSize() != 0) {
                        throw new BundleException(source, "tar directory entry '" + BundlePaths.printable(e.getName())
                                + "' has a size of " + e.getSize() + " bytes");
                    }
                    directory(entries, normalize(e.getName(), true, source), source, limits);
                } else {
                    throw new BundleException(source, "tar entry '" + BundlePaths.printable(e.getName()) + "' is "
                            + (e.isSparse() ? "a sparse file" : TarHeader.describe((char) (type & 0xff)))
                            + "; a bundle holds regular files and directories only");
                }
                end = in.offset + (TarHeader.BLOCK - e.getSize() % TarHeader.BLOCK) % TarHeader.BLOCK;
            }
            // The library takes a short read, or a lone zero block, for the end: check the marker and what follows.
            long zeros = in.firstNonZeroFrom(end, tar);
            if (length - end < TarHeader.BLOCK) {
                throw new BundleException(source, "tar ends without its end-of-archive marker (blocks of zeros); "
                        + "it is truncated");
            }
            if (zeros >= 0) {
                throw new BundleException(source, "tar has data after its end-of-archive marker, at byte " + zeros);
            }
        } catch (BundleException e) {
            throw e;
        } catch (IOException e) {
            throw new BundleException(source, "tar is damaged: " + e.getMessage(), e);
        }
        return new CompressTarArchive(source, layout(entries, source));
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

    private static void file(Entries entries, String name, long size, long remaining, String source,
            BundleVerification limits) throws BundleException {
        if (name == null) {
            throw new BundleException(source, "tar holds a regular file named '.'");
        }
        duplicate(entries, name, source);
        if (entries.files.size() >= limits.maxFiles() + 2) {
            throw new BundleException(source, "tar holds more than " + limits.maxFiles() + " files");
        }
        if (size > TarArchive.MAX_FILE_BYTES || entries.total + size > limits.maxTotalBytes()) {
            throw new BundleException(source, "tar entry '" + name + "' of " + size + " bytes exceeds the limit of "
                    + limits.maxTotalBytes() + " bytes for all files together");
        }
        // Before allocating: a forged size must not make us allocate what the file lacks.
        if (size > remaining) {
            throw new BundleException(source, "tar is truncated: entry '" + name + "' claims " + size
                    + " bytes but only " + remaining + " remain");
        }
    }

    private static void directory(Entries entries, String name, String source, BundleVerification limits)
            throws BundleException {
        if (name == null) {
            return;
        }
        duplicate(entries, name, source);
        if (++entries.directories > limits.maxFiles()) {
            throw new BundleException(source, "tar holds more than " + limits.maxFiles() + " directories");
        }
    }

    private static void duplicate(Entries entries, String name, String source) throws BundleException {
        if (!entries.all.add(name)) {
            throw new BundleException(source, "tar holds '" + name + "' twice");
        }
    }

    private static String normalize(String raw, boolean directory, String source) throws BundleException {
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
            throw new BundleException(source, "tar entry '" + BundlePaths.printable(raw) + "' is refused: " + problem);
        }
        return name;
    }

    /** As TarArchive.layout: the archive root, or the content of its single top-level directory. */
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

    /** The offset in the file of the next byte the library reads. */
    private static final class Position extends FilterInputStream {
        long offset;

        Position(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            offset += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            offset += Math.max(n, 0);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            offset += skipped;
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false; // the library must not rewind behind our count
        }

        /** The offset of the first non-zero byte at or after {@code from}, or -1: read again from the file. */
        long firstNonZeroFrom(long from, Path file) throws IOException {
            try (InputStream again = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                again.skipNBytes(from);
                byte[] buffer = new byte[8192];
                long at = from;
                for (int n; (n = again.read(buffer)) >= 0; at += n) {
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] != 0) {
                            return at + i;
                        }
                    }
                }
                return -1;
            }
        }
    }
}
