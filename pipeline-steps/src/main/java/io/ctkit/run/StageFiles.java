package io.ctkit.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writing reports and other outputs whole or not at all: a temporary file beside the target, then
 * an atomic rename. The file ends up world-readable like any file the user writes (temporary
 * files start as 0600, which would hide reports from CI archivers running as another user).
 */
public final class StageFiles {
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private StageFiles() {
    }

    /** Writes {@code json} (indented, with a final newline) to {@code file} atomically. */
    public static void writeJson(Path file, JsonNode json) throws IOException {
        writeAtomically(file, (PipelineRun.JSON.writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code content} to {@code file} atomically, creating its directory.
     *
     * @throws IOException naming {@code file} (never the temporary file) and the reason
     */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.write(tmp, content);
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

    /** What went wrong, in words: "permission denied", "no such file or directory", ... */
    public static String reason(FileSystemException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory" + (e.getFile() != null ? " (" + e.getFile() + ")" : "");
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied" + (e.getFile() != null ? " (" + e.getFile() + ")" : "");
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "already exists" + (e.getFile() != null ? " (" + e.getFile() + ")" : "");
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return "not a directory" + (e.getFile() != null ? " (" + e.getFile() + ")" : "");
        }
        String why = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
        return why + (e.getFile() != null ? " (" + e.getFile() + ")" : "");
    }
}
