package io.ctkit.registry;

import java.io.IOException;
import io.ctkit.files.AtomicFiles;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Content-addressed files: a blob is stored under the SHA-256 of its bytes at
 * {@code <root>/sha256/<first two hex digits>/<64 hex digits>}. Writes go to a temporary file in
 * {@code <root>/tmp}, are forced to disk and renamed into place atomically, then the directory is
 * forced, so a crash leaves either the whole blob or none (plus, at worst, a stray temporary
 * file). Every read re-hashes the content. Safe for many threads and processes at once: two
 * writers of the same content rename the same bytes onto the same name.
 */
final class BlobStore {

    private static final long STALE_TEMPORARY_MILLIS = 3_600_000L;
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    BlobStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        Files.createDirectories(this.root.resolve("sha256"));
        Files.createDirectories(this.root.resolve("tmp"));
        removeStaleTemporaryFiles();
    }

    /**
     * Temporary files left by writers that crashed. Only old ones go: a younger one may belong to
     * another process writing right now.
     */
    private void removeStaleTemporaryFiles() {
        long cutoff = System.currentTimeMillis() - STALE_TEMPORARY_MILLIS;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root.resolve("tmp"), "*.tmp")) {
            for (Path p : entries) {
                if (Files.getLastModifiedTime(p).toMillis() < cutoff) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // Left for the next open; stray temporary files take space but do no harm.
        }
    }

    Path root() {
        return root;
    }

    /** Stores the bytes (if not stored yet) and returns their SHA-256 in lower-case hex. */
    String put(byte[] content) throws IOException {
        String hex = sha256(content);
        Path target = path(hex);
        if (Files.isRegularFile(target) && Files.size(target) == content.length && matches(target, hex)) {
            return hex;
        }
        Files.createDirectories(target.getParent());
        try {
            // the temporary file in tmp/, where an open sweeps what a crashed writer left
            AtomicFiles.write(target, out -> out.write(content), root.resolve("tmp"));
        } catch (IOException e) {
            if (e.getCause() instanceof AtomicMoveNotSupportedException) {
                throw new RegistryException("blob store " + root + " is on a file system without atomic rename", e);
            }
            throw e;
        }
        return hex;
    }

    /** The verified content of a blob. */
    byte[] get(String hex) throws IOException {
        Path file = path(hex);
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new RegistryException("blob " + file + " is missing from the blob store; the store was changed"
                    + " outside ctkit, or the database and the blob directory do not belong together");
        }
        String actual = sha256(content);
        if (!actual.equals(hex)) {
            throw new BlobIntegrityException(file, hex, actual);
        }
        return content;
    }

    /** Checks a blob without keeping its content; throws as {@link #get} does. */
    void verify(String hex) throws IOException {
        get(hex);
    }

    Path path(String hex) throws RegistryException {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new RegistryException("not a SHA-256 digest (64 lower-case hex digits): " + hex);
        }
        return root.resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex);
    }

    private static boolean matches(Path file, String hex) throws IOException {
        return sha256(Files.readAllBytes(file)).equals(hex);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Makes the rename itself durable, not only the file's content. */
}
