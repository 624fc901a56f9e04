package io.ctkit.registry;

import java.time.Instant;

/**
 * A recorded deployment: which version went where, as which image, by which run, and whether it
 * succeeded.
 *
 * @param target where, e.g. {@code k8s:prod/wine-scoring}
 * @param imageDigest the scoring image's digest (or the bundle digest for a target that serves the
 *     bundle itself), or null
 * @param runId the run that deployed it, or null
 * @param outcome {@link #SUCCEEDED} or {@link #FAILED}
 * @param failedStep for a failure, the step that failed ({@code verify}, {@code start}, {@code ready},
 *     {@code smoke-test}, {@code switch}); else null
 * @param message for a failure, why; else null
 */
public record Deployment(String id, String model, int version, String target, String imageDigest, String runId,
        String actor, Instant deployedAt, String outcome, String failedStep, String message) {

    /** The outcome of a deployment that serves. */
    public static final String SUCCEEDED = "succeeded";

    /** The outcome of a deployment that stopped at one of its steps; what served before still serves. */
    public static final String FAILED = "failed";

    /** Whether the version was serving when the deployment ended. */
    public boolean succeeded() {
        return SUCCEEDED.equals(outcome);
    }
}
