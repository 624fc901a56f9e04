package io.ctkit.serving.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctkit.model.Model;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The batcher hands results to its completion executor, and still answers when that is shut down. */
class DynamicBatcherTest {

    private static final Path WINE = Path.of("..", "examples", "wine-classifier", "model").toAbsolutePath().normalize();

    private static ServedModel wine() throws Exception {
        return new ServedModel("wine-classifier", "1", Model.load(WINE), null, WINE, Instant.now());
    }

    private static double[] rows(ServedModel served, int rows) {
        double[] features = new double[rows * served.model().encoder().width()];
        for (int i = 0; i < features.length; i++) {
            features[i] = (i % 13) * 0.5;
        }
        return features;
    }

    @Test
    void resultsAreCompletedOnTheCompletionExecutorWithEachRequestsOwnRows() throws Exception {
        ServedModel served = wine();
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "completer"));
        java.util.concurrent.atomic.AtomicInteger completedThere = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.Executor completions = task -> executor.execute(() -> {
            task.run();
            completedThere.incrementAndGet();
        });
        try (DynamicBatcher batcher = new DynamicBatcher(16, Duration.ZERO, 64, rows -> { }, completions)) {
            List<CompletableFuture<Scores>> results = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                results.add(batcher.score(served, rows(served, 1 + i % 3), 1 + i % 3));
            }
            for (int i = 0; i < 10; i++) {
                Scores scores = results.get(i).get(10, TimeUnit.SECONDS);
                var alone = served.score(rows(served, 1 + i % 3), 1 + i % 3);
                assertThat(scores.size()).isEqualTo(1 + i % 3);
                for (int r = 0; r < scores.size(); r++) {
                    assertThat(scores.label(r)).isEqualTo(alone.label(r));
                    assertThat(scores.probability(r, 0)).isEqualTo(alone.probability(r, 0));
                }
            }
            executor.shutdown();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            assertThat(completedThere.get()).as("results completed on the completion executor").isEqualTo(10);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aShutDownCompletionExecutorDoesNotLoseResults() throws Exception {
        ServedModel served = wine();
        ExecutorService completions = Executors.newSingleThreadExecutor();
        completions.shutdown();
        try (DynamicBatcher batcher = new DynamicBatcher(16, Duration.ZERO, 64, rows -> { }, completions)) {
            Scores scores = batcher.score(served, rows(served, 2), 2).get(10, TimeUnit.SECONDS);
            assertThat(scores.size()).isEqualTo(2);
        }
    }
}
