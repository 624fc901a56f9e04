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
 * one, never a part. A new file ends up rw-r--r-- like any file the user writes (temporary files
 * start as 0600, which would hide reports and data from CI archivers running as another user);
 * a file that exists keeps its permissions.
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
     * When {@code content} throws, the exception propagates as it is, the temporary file is
     * removed and {@code file} keeps its old content (or stays absent). A file that exists keeps
     * its permissions (a 0600 secret stays 0600, an executable stays executable); a symbolic link
     * is written through, so the link stays and the file it names gets the new content.
     *
     * @throws IOException a failure of the file system, or of writing the content to disk (a full
     *     disk, say), names {@code file} (never the temporary file) and the reason
     */
    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = null;
        try {
            if (Files.isSymbolicLink(target) && Files.exists(target)) {
                target = target.toRealPath();
            }
            Set<PosixFilePermission> mode = existingMode(target);
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), tempPrefix(target), ".tmp");
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(tmp,
                    java.nio.file.StandardOpenOption.WRITE);
                    OutputStream out = new TargetStream(java.nio.channels.Channels.newOutputStream(channel))) {
                try {
                    content.writeTo(out);
                } catch (TargetFailure e) {
                    throw e;
                } catch (IOException e) {
                    throw new ContentFailure(e); // the writer's own failure: passed on as it is, below
                }
                out.flush();
                // on disk before the rename: otherwise a power loss after it can leave an empty file
                // where the old one was (XFS, ext4 without auto_da_alloc)
                force(channel);
            }
            try {
                Files.setPosixFilePermissions(tmp, mode);
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its default permissions stand
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
            throw new IOException("cannot write " + file + ": " + reason(e).replaceFirst(" \\(.*\\)$", ""), e);
        } catch (ContentFailure e) {
            throw e.getCause();
        } catch (TargetFailure e) {
            IOException cause = e.getCause();
            String why = cause instanceof FileSystemException fs ? reason(fs).replaceFirst(" \\(.*\\)$", "")
                    : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
            throw new IOException("cannot write " + file + ": " + why, cause);
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** The permissions the written file gets: the existing file's, else rw-r--r--. */
    private static Set<PosixFilePermission> existingMode(Path target) throws IOException {
        try {
            return Files.getPosixFilePermissions(target);
        } catch (java.nio.file.NoSuchFileException | UnsupportedOperationException e) {
            return READABLE;
        }
    }

    /** Names the temporary file after the target, short enough that the name stays legal. */
    private static String tempPrefix(Path target) {
        String name = target.getFileName().toString();
        return "." + (name.length() > 100 ? name.substring(0, 100) : name);
    }

    private static void force(java.nio.channels.FileChannel channel) throws TargetFailure {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw new TargetFailure(e);
        }
    }

    /**
     * A failure of the target's own stream, told apart from what a content writer throws for its
     * own reasons (a source it reads that is missing is not a failure to write the target).
     */
    private static final class TargetFailure extends IOException {
        private static final long serialVersionUID = 1L;

        TargetFailure(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    /** Carries a content writer's own IOException past the handlers that name the target. */
    private static final class ContentFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ContentFailure(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    private static final class TargetStream extends java.io.FilterOutputStream {
        TargetStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new TargetFailure(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new TargetFailure(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw new TargetFailure(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (IOException e) {
                throw new TargetFailure(e);
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
