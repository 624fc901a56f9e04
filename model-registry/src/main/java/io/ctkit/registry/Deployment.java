package io.ctkit.registry;

import java.time.Instant;

/**
 * A recorded deployment: which version went where, as which image, by which run.
 *
 * @param target where, e.g. {@code k8s:prod/wine-scoring}
 * @param imageDigest the scoring image's digest, or null
 * @param runId the run that deployed it, or null
 */
public record Deployment(String id, String model, int version, String target, String imageDigest, String runId,
        String actor, Instant deployedAt) {
}
