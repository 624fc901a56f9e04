package io.ctkit.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctkit.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** Writing a stage's reports and other outputs whole or not at all, new files world-readable ({@link AtomicFiles}). */
public final class StageFiles {
    private StageFiles() {
    }

    /** Writes {@code json} (indented, with a final newline) to {@code file} atomically. */
    public static void writeJson(Path file, JsonNode json) throws IOException {
        writeAtomically(file, (PipelineRun.JSON.writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code content} to {@code file} atomically, creating its directory (see {@link AtomicFiles}).
     *
     * @throws IOException naming {@code file} (never the temporary file) and the reason
     */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        AtomicFiles.write(file, content);
    }

    /** What went wrong, in words: "permission denied", "no such file or directory", ... */
    public static String reason(FileSystemException e) {
        return AtomicFiles.reason(e);
    }
}
