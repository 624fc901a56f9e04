package io.ctkit.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a stage did.
 *
 * @param passed whether the run may go on
 * @param summary one line for the display, e.g. {@code r2 0.95 (95% CI 0.94-0.96) on 365 rows}
 * @param outputs files and directories the stage produced, by name ({@code model}, {@code metrics});
 *     later stages find them in {@link RunContext#output(String)} as {@code <stage>.<name>}
 * @param details the stage's verdict and figures for the run summary ({@code null}: none)
 */
public record StageResult(boolean passed, String summary, Map<String, Path> outputs, JsonNode details) {

    public StageResult {
        Objects.requireNonNull(summary, "summary");
        outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    public static StageResult passed(String summary, Map<String, Path> outputs, JsonNode details) {
        return new StageResult(true, summary, outputs, details);
    }

    /** A check failed: {@code reason} says which and by how much. */
    public static StageResult failed(String reason, Map<String, Path> outputs, JsonNode details) {
        return new StageResult(false, reason, outputs, details);
    }
}
