package io.ctkit.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ctkit.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * How every ctkit JSON report is written: indented, with a final newline, whole or not at all
 * ({@link AtomicFiles}). One way, so the CLI verb and the pipeline stage of a step write the same
 * bytes for the same report.
 */
public final class Reports {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Reports() {
    }

    /** The report's bytes: indented JSON and a final newline. */
    public static byte[] bytes(JsonNode report) {
        try {
            return (JSON.writeValueAsString(report) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report tree could not be written as JSON", e);
        }
    }

    /** Writes {@code report} to {@code file} atomically, creating its directory. */
    public static void write(Path file, JsonNode report) throws IOException {
        AtomicFiles.write(file, bytes(report));
    }

    /** A new, empty object node for building a report. */
    public static com.fasterxml.jackson.databind.node.ObjectNode object() {
        return JSON.createObjectNode();
    }
}
