package io.ctkit.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a stage did.
 *
 * @param passed whether the run may go on
 * @param summary one line for the display, e.g. {@code r2 0.95 (95% CI 0.94-0.96) on 365 rows}
 * @param value the step's typed result, for later stages ({@link RunContext#require})
 * @param files files and directories the stage produced, by name ({@code model}, {@code metrics}),
 *     listed in the run summary
 * @param details the stage's verdict and figures for the run summary ({@code null}: none)
 */
public record StageResult<R>(boolean passed, String summary, R value, Map<String, Path> files, JsonNode details) {

    public StageResult {
        Objects.requireNonNull(summary, "summary");
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    public static <R> StageResult<R> passed(String summary, R value, Map<String, Path> files, JsonNode details) {
        return new StageResult<>(true, summary, value, files, details);
    }

    /** A check failed: {@code reason} says which and by how much. */
    public static <R> StageResult<R> failed(String reason, R value, Map<String, Path> files, JsonNode details) {
        return new StageResult<>(false, reason, value, files, details);
    }
}
