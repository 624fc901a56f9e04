package io.ctkit.data;

import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * SHA-256 of a stream's blocks, in order, computed on a helper thread from the second block on,
 * so that hashing a large file overlaps parsing it instead of adding to it (the JDK's SHA-256
 * runs interpreted for a good part of a cold run's read). A block handed over is not touched
 * again until it comes back as a buffer to fill; at most {@value #IN_FLIGHT} wait to be hashed,
 * so memory stays bounded whatever the file size. A file of one block starts no thread.
 */
final class BlockHasher {
    private static final int IN_FLIGHT = 4;

    private final MessageDigest digest;
    private final ArrayDeque<Future<byte[]>> pending = new ArrayDeque<>();
    private ThreadPoolExecutor helper;
    private boolean first = true;

    BlockHasher(MessageDigest digest) {
        this.digest = digest;
    }

    /**
     * Hashes {@code block[0, len)} after every block handed over before it; returns the buffer to
     * fill next ({@code block} itself when it was hashed at once).
     */
    byte[] hash(byte[] block, int len) throws InterruptedIOException {
        if (first) {
            first = false;
            digest.update(block, 0, len);
            return block;
        }
        if (helper == null) {
            // One daemon thread, so blocks are hashed in order; it ends a second after the last
            // block, also when the parse stops at an error and nobody asks for the fingerprint.
            helper = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "ctkit-csv-sha256");
                t.setDaemon(true);
                return t;
            });
        }
        pending.add(helper.submit(() -> {
            digest.update(block, 0, len);
            return block;
        }));
        return pending.size() < IN_FLIGHT ? new byte[block.length] : await(pending.poll());
    }

    /** {@code sha256:<hex>} of every block handed over. */
    String fingerprint() throws InterruptedIOException {
        while (!pending.isEmpty()) {
            await(pending.poll());
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private static byte[] await(Future<byte[]> hashed) throws InterruptedIOException {
        try {
            return hashed.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing the input");
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing a block failed", e.getCause());
        }
    }
}
