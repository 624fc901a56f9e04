package io.ctkit.registry;

import java.time.Instant;

/**
 * An evidence file kept with a version (a metrics report, gate verdict, test summary or any other
 * report), stored as the blob {@code sha256}.
 *
 * @param name the name it was registered under, e.g. {@code metrics.json}
 * @param kind {@code metrics}, {@code gate}, {@code tests}, {@code monitor} or {@code report}
 * @param summary a short JSON summary (counts, pass/fail), {@code {}} when there is none
 */
public record Report(String name, String kind, String sha256, long size, String summary, Instant recordedAt) {
}
