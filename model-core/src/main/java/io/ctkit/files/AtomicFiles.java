package io.ctkit.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
 * <p>The one atomic writer of ctkit: every module writes files (reports, .npy arrays, bundles,
 * registry blobs) and directories (bundles, training outputs) through it, so they all get the
 * same guarantees: a temporary file beside the target, its content forced to disk, a rename over
 * the target, and the directory entry forced to disk after it.
 */
public final class AtomicFiles {
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");
    /** As Linux's limit on symbolic links followed in one look-up. */
    private static final int MAX_LINKS = 40;

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
     * its permissions (a 0600 secret stays 0600, an executable stays executable; not setuid bits
     * or its owner); a symbolic link is written through, so the link stays and the file it names
     * gets the new content (created if the link dangles). The stream given to {@code content}
     * may be closed by it; closing it does nothing.
     *
     * @throws IOException a failure of the file system, or of writing the content to disk (a full
     *     disk, say, even when the writer swallowed or wrapped it), names {@code file} (never the
     *     temporary file) and the reason
     */
    public static void write(Path file, Content content) throws IOException {
        write(file, content, null);
    }

    /**
     * As {@link #write(Path, Content)}, with the temporary file in {@code tempDir} instead of
     * beside the target (a store that sweeps its own temporary directory for files left by a
     * crash). {@code tempDir} must be on the target's file system, or the rename fails.
     */
    public static void write(Path file, Content content, Path tempDir) throws IOException {
        Path target;
        Set<PosixFilePermission> mode;
        Path tmp;
        FileChannel channel;
        try {
            target = resolveLinks(file.toAbsolutePath());
            mode = existingMode(target);
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(tempDir != null ? tempDir : target.getParent(), tempPrefix(target), ".tmp");
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
        try {
            try {
                channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw cannotWrite(file, e);
            }
            try {
                TargetStream out = new TargetStream(channel);
                try {
                    content.writeTo(out);
                } catch (IOException | RuntimeException | Error e) {
                    if (out.failure == null) {
                        throw e; // the writer's own failure (a source it reads, say): as it is
                    }
                    IOException failed = cannotWrite(file, out.failure);
                    if (e != out.failure) {
                        failed.addSuppressed(e); // what the writer made of it (wrapped, say)
                    }
                    throw failed;
                }
                if (out.failure != null) {
                    throw cannotWrite(file, out.failure); // the writer swallowed it (a PrintStream does)
                }
                try {
                    // on disk before the rename: otherwise a power loss after it can leave an empty
                    // file where the old one was (XFS, ext4 without auto_da_alloc)
                    channel.force(true);
                } catch (IOException e) {
                    throw cannotWrite(file, e);
                }
            } catch (Throwable e) {
                try {
                    channel.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
            try {
                channel.close();
                try {
                    Files.setPosixFilePermissions(tmp, mode);
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: its default permissions stand
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw cannotWrite(file, e);
            }
            forceDirectory(target.getParent());
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // left behind, hidden (its name starts with a dot); what failed before matters more
            }
        }
    }

    private static IOException cannotWrite(Path file, IOException e) {
        String why = e instanceof FileSystemException fs ? reason(fs).replaceFirst(" \\(.*\\)$", "")
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return new IOException("cannot write " + file + ": " + why, e);
    }

    /** Follows symbolic links to the file they name, which need not exist. */
    private static Path resolveLinks(Path path) throws IOException {
        Path at = path;
        for (int hops = 0; Files.isSymbolicLink(at); hops++) {
            if (hops == MAX_LINKS) {
                throw new FileSystemException(path.toString(), null, "too many levels of symbolic links");
            }
            at = at.resolveSibling(Files.readSymbolicLink(at)); // an absolute link replaces the path
        }
        return at;
    }

    /** The permissions the written file gets: the existing file's, else rw-r--r--. */
    private static Set<PosixFilePermission> existingMode(Path target) throws IOException {
        try {
            return Files.getPosixFilePermissions(target);
        } catch (NoSuchFileException | UnsupportedOperationException e) {
            return READABLE;
        }
    }

    /**
     * Names the temporary file after the target, short enough that the name stays within 255
     * bytes (64 characters are at most 192 bytes of UTF-8), without splitting a surrogate pair.
     */
    private static String tempPrefix(Path target) {
        String name = target.getFileName().toString();
        if (name.length() > 64) {
            name = name.substring(0, Character.isHighSurrogate(name.charAt(63)) ? 63 : 64);
        }
        return "." + name;
    }

    /**
     * The target's stream: remembers its first failure, so that a writer that swallows it (a
     * {@code PrintStream}) or wraps it cannot make a truncated file look written, and refuses
     * to write after it. Closing it does nothing: the channel is closed by {@code write}.
     */
    private static final class TargetStream extends OutputStream {
        private final OutputStream channel;
        IOException failure;

        TargetStream(FileChannel channel) {
            this.channel = Channels.newOutputStream(channel);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (failure != null) {
                throw failure;
            }
            try {
                channel.write(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void close() {
        }
    }

    /** Fills a new directory; may fail half-way, which leaves the target as it was. */
    @FunctionalInterface
    public interface DirectoryContent {
        void writeTo(Path dir) throws IOException;
    }

    /**
     * Writes a directory whole or not at all: {@code content} fills a hidden staging directory
     * beside {@code dir} (rwxr-xr-x, like a directory the user makes), every file in it is forced
     * to disk, and it is then put in place by {@link #replaceDirectory}. When {@code content}
     * throws, the staging directory is removed and {@code dir} is as it was.
     */
    public static void writeDirectory(Path dir, DirectoryContent content) throws IOException {
        Path staging = stagingDirectory(dir);
        try {
            content.writeTo(staging);
            replaceDirectory(staging, dir);
        } finally {
            FileTrees.delete(staging);
        }
    }

    /**
     * A new, empty staging directory beside {@code dir} (hidden, rwxr-xr-x), on the same file
     * system so that {@link #replaceDirectory} can rename it into place. The caller removes it
     * if it is not used.
     */
    public static Path stagingDirectory(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().normalize().getParent();
        Files.createDirectories(parent);
        String name = tempPrefix(dir.toAbsolutePath().normalize());
        Path staging = Files.createTempDirectory(parent, name + ".tmp-");
        try {
            // Temporary directories start as 0700; the output is read by CI archivers and other users.
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its default permissions stand
        }
        return staging;
    }

    /**
     * Puts directory {@code staged} at {@code target} by renames only: every file in it is first
     * forced to disk, an old {@code target} is moved aside and deleted once the new one is in
     * place, so a failure never leaves neither; the parent directory is forced to disk after the
     * rename.
     */
    public static void replaceDirectory(Path staged, Path target) throws IOException {
        forceTree(staged);
        Path parent = target.toAbsolutePath().normalize().getParent();
        Files.createDirectories(parent);
        Path old = null;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            old = parent.resolve(tempPrefix(target.toAbsolutePath().normalize()) + ".old-" + System.nanoTime());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (old != null) {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
        forceDirectory(parent);
        if (old != null) {
            FileTrees.delete(old);
        }
    }

    /** Forces every regular file under {@code root} to disk (before a rename publishes them). */
    private static void forceTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.filter(q -> Files.isRegularFile(q, LinkOption.NOFOLLOW_LINKS)).toList()) {
                try (FileChannel channel = FileChannel.open(p, StandardOpenOption.READ)) {
                    channel.force(true);
                }
            }
        }
    }

    /** Makes a rename in {@code dir} durable; some file systems cannot open directories, then it is as durable as they make it. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // nothing more to do: the rename has happened
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
