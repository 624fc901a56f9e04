package io.ctkit.retrain;

import java.io.IOException;

/**
 * One way to start a retraining: in this process, or by asking a CI system (Tekton, Jenkins, a
 * webhook) to run the pipeline. {@link RetrainStep} decides whether a retraining may start
 * (cooldown, deduplication) before it calls a trigger, and records what the trigger reports.
 */
public interface Trigger {

    /** The name {@code --via} and {@code retrain.via} use: {@code local}, {@code tekton}, ... */
    String kind();

    /**
     * Starts the retraining of {@code order}.
     *
     * @throws IOException when the CI system cannot be reached or refuses, naming it and why
     */
    Started start(RetrainOrder order) throws IOException, InterruptedException;

    /**
     * What a trigger did.
     *
     * @param status {@code succeeded} or {@code failed} when the retraining ran here,
     *               {@code submitted} when a CI system took it
     * @param reference what the CI system made of it (PipelineRun name, queue item URL), or null
     * @param summary one line for people
     */
    record Started(String status, String reference, String summary) {
        public Started {
            if (!status.equals("succeeded") && !status.equals("failed") && !status.equals("submitted")) {
                throw new IllegalArgumentException("a trigger ends succeeded, failed or submitted, not " + status);
            }
        }
    }
}
