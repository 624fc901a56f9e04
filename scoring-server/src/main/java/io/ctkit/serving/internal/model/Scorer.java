package io.ctkit.serving.internal.model;

import java.util.concurrent.CompletableFuture;

/** Runs encoded rows through a model version: directly, or through a {@link DynamicBatcher}. */
public interface Scorer extends AutoCloseable {

    CompletableFuture<Scores> score(ServedModel model, double[] features, int rows);

    /** Scores on the calling thread. */
    static Scorer direct() {
        return new Scorer() {
            @Override
            public CompletableFuture<Scores> score(ServedModel model, double[] features, int rows) {
                return CompletableFuture.completedFuture(Scores.of(model.score(features, rows)));
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    void close();
}
