package io.ctkit.registry;

import java.time.Instant;

/**
 * A gate verdict recorded for a version; the file itself is the blob {@code sha256} (also listed
 * among the version's reports, with its checks).
 */
public record RecordedVerdict(String sha256, boolean passed, boolean firstRun, String runId, Instant recordedAt) {
}
