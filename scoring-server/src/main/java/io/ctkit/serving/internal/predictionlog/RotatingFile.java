package io.ctkit.serving.internal.predictionlog;

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
    private static final long SYNC_NANOS = 1_000_000_000L;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final long maxBytes;
    private final int maxFiles;
    private OutputStream out;
    private java.nio.channels.FileChannel channel;
    private long lastSync;
    /** Whether data written since the last fsync waits for one (volatile: tests read it). */
    private volatile boolean unsynced;
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
            unsynced = true;
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    void flush() throws IOException {
        if (out != null) {
            try {
                out.flush();
                if (System.nanoTime() - lastSync >= SYNC_NANOS) {
                    sync();
                }
            } catch (IOException e) {
                close();
                throw e;
            }
        }
    }

    /** Whether data written since the last fsync waits for one. */
    boolean awaitsSync() {
        return unsynced;
    }

    /**
     * Nanoseconds until flushed data is due to be forced to disk (0: now), or -1 if none waits:
     * the writer waits no longer than this for its next record, so that the data reaches the disk
     * within about a second also when no further record comes.
     */
    long syncDueInNanos() {
        if (out == null || !unsynced) {
            return -1;
        }
        return Math.max(0, lastSync + SYNC_NANOS - System.nanoTime());
    }

    private void sync() throws IOException {
        lastSync = System.nanoTime();
        unsynced = false;
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
        lastSync = System.nanoTime(); // nanoTime's origin is arbitrary: a second counts from opening
    }

    private void rotate() throws IOException {
        out.flush();
        sync();
        out.close();
        out = null;
        // the sequence is zero-padded so that sorting the names sorts them by time within a millisecond too
        String name = "predictions-" + STAMP.format(java.time.Instant.now()) + "-" + String.format("%06d", sequence++)
                + ".jsonl";
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
