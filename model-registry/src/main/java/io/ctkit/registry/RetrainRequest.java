package io.ctkit.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A request to retrain a model, as the metadata store keeps it for the cooldown and the
 * deduplication of triggers ({@link ModelRegistry#requestRetrain}).
 *
 * @param id unique id, also handed to the retraining run
 * @param trigger what asked for it, one of {@link Run#TRIGGERS}
 * @param via how the retraining is started ({@code local}, {@code tekton}, {@code jenkins}, {@code webhook})
 * @param status {@code pending} (accepted, not started yet), {@code running} (in this process),
 *               {@code submitted} (handed to a CI system), {@code succeeded} or {@code failed}
 * @param reason why, in words (e.g. the monitor's reasons), or null
 * @param reference what the CI system made of it (a PipelineRun name, a Jenkins queue URL), or null
 */
public record RetrainRequest(String id, String model, String trigger, String via, String status, String reason,
        String reference, Instant requestedAt, Instant updatedAt) {

    /** The statuses of a request, in the order they are reached. */
    public static final List<String> STATUSES = List.of("pending", "running", "submitted", "succeeded", "failed");

    public RetrainRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** Whether a retraining of this request may still be under way: it deduplicates new requests. */
    public boolean active() {
        return status.equals("pending") || status.equals("running");
    }
}
