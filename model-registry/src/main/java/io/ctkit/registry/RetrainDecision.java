package io.ctkit.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link ModelRegistry#requestRetrain} decided about a request to retrain.
 *
 * @param outcome whether the retraining may start
 * @param request the accepted request, or the one that blocks this one (active, or in the cooldown)
 * @param notBefore when the next request can be accepted (the end of the cooldown), or null
 */
public record RetrainDecision(Outcome outcome, RetrainRequest request, Instant notBefore) {

    /** The three answers to a request. */
    public enum Outcome {
        /** Recorded as {@code pending}: start the retraining and report how it went. */
        ACCEPTED,
        /** A retraining of this model is pending or running already; nothing new starts. */
        DEDUPLICATED,
        /** A retraining started within the cooldown; nothing new starts before {@code notBefore}. */
        COOLING_DOWN
    }

    public RetrainDecision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(request, "request");
    }

    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }

    /** One line for people: what was decided and why. */
    public String explanation() {
        return switch (outcome) {
            case ACCEPTED -> "retraining of " + request.model() + " accepted as request " + request.id() + " ("
                    + request.trigger() + ", via " + request.via() + ")";
            case DEDUPLICATED -> "deduplicated: retraining of " + request.model() + " is already " + request.status()
                    + " (request " + request.id() + ", " + request.trigger() + ", via " + request.via() + ", since "
                    + request.requestedAt() + ")";
            case COOLING_DOWN -> "cooling down: " + request.model() + " was retrained by request " + request.id()
                    + " at " + request.requestedAt() + " (" + request.status() + "); the next retraining can start"
                    + " at " + notBefore;
        };
    }
}
