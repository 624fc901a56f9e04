package io.ctkit.registry;

import java.time.Instant;

/** A scoring image built from a version: its reference (repository:tag) and digest. */
public record Image(String reference, String digest, String runId, Instant recordedAt) {
}
