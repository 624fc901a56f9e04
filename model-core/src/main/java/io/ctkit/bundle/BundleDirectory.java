package io.ctkit.bundle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A bundle directory. The whole tree is walked without following links; a symbolic link, a
 * device, a FIFO or a socket anywhere in it is refused, as is a tree with more entries than the
 * limits allow. Files are opened with {@link LinkOption#NOFOLLOW_LINKS} and read once.
 */
final class BundleDirectory implements BundleSource {

    private final Path root;
    private final String source;
    private final SortedMap<String, Long> files;

    private BundleDirectory(Path root, String source, SortedMap<String, Long> files) {
        this.root = root;
        this.source = source;
        this.files = Collections.unmodifiableSortedMap(files);
    }

    static BundleDirectory scan(Path root, String source, BundleVerification limits) throws IOException {
        SortedMap<String, Long> files = new TreeMap<>(BundlePaths.ORDER);
        int[] directories = {0};
        // MANIFEST.json and MANIFEST.sig are not counted against the limit of listed files.
        int maxFiles = limits.maxFiles() + 2;
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        if (++directories[0] > limits.maxFiles()) {
                            throw new BundleException(source, "holds more than " + limits.maxFiles() + " directories");
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        String path = relative(root, file);
                        if (attrs.isSymbolicLink()) {
                            throw new BundleException(source, BundlePaths.printable(path)
                                    + " is a symbolic link; a bundle holds regular files only");
                        }
                        if (!attrs.isRegularFile() || attrs.isDirectory()) {
                            throw new BundleException(source, BundlePaths.printable(path)
                                    + " is not a regular file (a device, FIFO or socket); a bundle holds regular files only");
                        }
                        if (files.size() >= maxFiles) {
                            throw new BundleException(source, "holds more than " + limits.maxFiles() + " files");
                        }
                        files.put(path, attrs.size());
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        throw new BundleException(source, "cannot read " + BundlePaths.printable(relative(root, file))
                                + ": " + e, e);
                    }
                });
        return new BundleDirectory(root, source, files);
    }

    @Override
    public SortedMap<String, Long> files() {
        return files;
    }

    @Override
    public byte[] read(String path, long maxBytes) throws IOException {
        Path file = root;
        for (String segment : path.split("/")) {
            file = file.resolve(segment);
        }
        int limit = (int) Math.min(maxBytes, Integer.MAX_VALUE - 16);
        Set<OpenOption> options = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        try (SeekableByteChannel channel = Files.newByteChannel(file, options)) {
            byte[] buffer = new byte[(int) Math.min(limit + 1L, Math.max(channel.size(), 0) + 1)];
            int length = 0;
            while (true) {
                if (length == buffer.length) {
                    if (length > limit) {
                        throw new BundleException(source, path + " is larger than " + maxBytes
                                + " bytes (it grew while the bundle was read, or exceeds the size limit)");
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min(limit + 1L, 2L * length));
                }
                int n = channel.read(ByteBuffer.wrap(buffer, length, buffer.length - length));
                if (n < 0) {
                    return Arrays.copyOf(buffer, length);
                }
                length += n;
            }
        } catch (FileSystemException e) {
            throw new BundleException(source, "cannot read " + path + " (was it replaced by a link?): " + e.getMessage(), e);
        }
    }

    private static String relative(Path root, Path file) {
        StringBuilder s = new StringBuilder();
        for (Path name : root.relativize(file)) {
            s.append(s.length() == 0 ? "" : "/").append(name);
        }
        return s.toString();
    }
}
