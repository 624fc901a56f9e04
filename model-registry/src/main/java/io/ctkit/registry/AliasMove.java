package io.ctkit.registry;

import java.time.Instant;

/**
 * One recorded move of an alias: who moved it, when, why, from which version to which.
 *
 * @param seq 1 for the alias's first move, then 2, 3...
 * @param kind {@code promote} or {@code rollback}
 * @param fromVersion the version it pointed at before, or null when it was new
 * @param forced whether the gate-verdict policy was overridden
 */
public record AliasMove(String model, String alias, int seq, String kind, Integer fromVersion, int toVersion,
        String actor, String reason, boolean forced, Instant movedAt) {
}
