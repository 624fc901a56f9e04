package io.ctkit.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writing a file whole or not at all: the content goes to a temporary file beside the target,
 * which is then renamed over it atomically, so a reader (or a crash) sees the old file or the new
 * one, never a part. The file ends up rw-r--r-- like any file the user writes: temporary files
 * start as 0600, which would hide reports and data from CI archivers running as another user.
 *
 * <p>A package of its own, with no ctkit dependencies, so that every feature package (the run's
 * stages, the CLI, the example data generators) can use it without depending on one another.
 */
public final class AtomicFiles {
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFiles() {
    }

    /** Writes the content of a file to a stream; may fail half-way, which leaves the target as it was. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code content} to {@code file} atomically, creating its directory. */
    public static void write(Path file, byte[] content) throws IOException {
        write(file, out -> out.write(content));
    }

    /**
     * Writes what {@code content} produces to {@code file} atomically, creating its directory.
     * When {@code content} throws, the exception propagates, the temporary file is removed and
     * {@code file} keeps its old content (or stays absent).
     *
     * @throws IOException a file-system failure names {@code file} (never the temporary file) and the reason
     */
    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(tmp,
                    java.nio.file.StandardOpenOption.WRITE);
                    OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                content.writeTo(out);
                out.flush();
                // on disk before the rename: otherwise a power loss after it can leave an empty file
                // where the old one was (XFS, ext4 without auto_da_alloc)
                channel.force(true);
            }
            try {
                Files.setPosixFilePermissions(tmp, READABLE);
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its default permissions stand
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
            throw new IOException("cannot write " + file + ": " + reason(e).replaceFirst(" \\(.*\\)$", ""), e);
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * As {@link #write(Path, Content)}, but only when {@code file} does not exist yet: an existing
     * file is kept as it is (e.g. generated data a user has edited).
     *
     * @return whether the file was written
     */
    public static boolean writeIfAbsent(Path file, Content content) throws IOException {
        // Checked before writing, not at the rename: generators that call this own their directory.
        if (Files.exists(file)) {
            return false;
        }
        write(file, content);
        return true;
    }

    /** What went wrong, in words: "permission denied", "no such file or directory", ... */
    public static String reason(FileSystemException e) {
        String where = e.getFile() != null ? " (" + e.getFile() + ")" : "";
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory" + where;
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied" + where;
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "already exists" + where;
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return "not a directory" + where;
        }
        return (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()) + where;
    }
}
