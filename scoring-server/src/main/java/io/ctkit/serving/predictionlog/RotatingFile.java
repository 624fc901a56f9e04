package io.ctkit.serving.predictionlog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code DIR/predictions.jsonl}, rotated by size: when a line would take it past the limit it is
 * renamed to {@code predictions-<UTC time>-<seq>.jsonl} and a new file begins; only the newest
 * {@code maxFiles} rotated files are kept. Lines are never split across files. Data reaches the
 * disk ({@code fsync}) at most a second after it was flushed, and always on rotation and close, so
 * a crash of the machine loses at most about a second of records. Used by one thread.
 */
final class RotatingFile {

    static final String ACTIVE = "predictions.jsonl";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final long maxBytes;
    private final int maxFiles;
    private OutputStream out;
    private java.nio.channels.FileChannel channel;
    private long lastSync;
    private long size;
    private long sequence;

    RotatingFile(Path dir, long maxBytes, int maxFiles) throws IOException {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
        Files.createDirectories(dir);
        if (!Files.isWritable(dir)) {
            throw new IOException(dir + ": prediction log directory is not writable");
        }
    }

    void append(byte[] line) throws IOException {
        try {
            if (out == null) {
                open();
            }
            if (size > 0 && size + line.length > maxBytes) {
                rotate();
            }
            out.write(line);
            size += line.length;
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    void flush() throws IOException {
        if (out != null) {
            try {
                out.flush();
                long now = System.nanoTime();
                if (now - lastSync > 1_000_000_000L) {
                    sync();
                    lastSync = now;
                }
            } catch (IOException e) {
                close();
                throw e;
            }
        }
    }

    private void sync() throws IOException {
        try {
            channel.force(false);
        } catch (IOException e) {
            // devices without fsync (pipes, /dev/full) fail here; the write itself reports real trouble
            if (Files.isRegularFile(dir.resolve(ACTIVE), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw e;
            }
        }
    }

    private void open() throws IOException {
        Path active = dir.resolve(ACTIVE);
        channel = java.nio.channels.FileChannel.open(active, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
        out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 64 * 1024);
        size = channel.size();
    }

    private void rotate() throws IOException {
        out.flush();
        sync();
        out.close();
        out = null;
        String name = "predictions-" + STAMP.format(java.time.Instant.now()) + "-" + (sequence++) + ".jsonl";
        Files.move(dir.resolve(ACTIVE), dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        prune();
        open();
    }

    private void prune() throws IOException {
        List<Path> rotated;
        try (Stream<Path> files = Files.list(dir)) {
            rotated = files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("predictions-") && n.endsWith(".jsonl");
            }).sorted().toList();
        }
        for (int k = 0; k < rotated.size() - maxFiles; k++) {
            Files.deleteIfExists(rotated.get(k));
        }
    }

    void close() {
        if (out != null) {
            try {
                out.flush();
                sync();
            } catch (IOException ignored) {
                // the stream is dropped either way; the next append reopens the file
            } finally {
                try {
                    channel.close(); // not out.close(): that would flush the failed buffer again
                } catch (IOException ignored) {
                    // nothing more to do with a channel that cannot close
                }
                out = null;
                channel = null;
            }
        }
    }
}
