package io.ctkit.serving.internal.model;

import io.ctkit.model.PredictionBatch;
import io.ctkit.serving.internal.protocol.RequestException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Dynamic batching: requests queue (bounded); one thread takes the first and adds more of the
 * same model version until {@code maxBatchRows} rows are together or the first request has
 * waited {@code maxDelay} since it was queued, runs them through the network as one matrix, and
 * gives each request its own rows. A batch never holds two versions. A full queue is refused
 * with 503. With a delay of zero it batches greedily: whatever queued while the previous batch
 * ran goes into the next one, so a lightly loaded server adds no wait at all.
 *
 * <p>The delay counts from when the first request was queued, not from when the thread took
 * it: under load requests pile up while the previous batch runs, and the next batch then starts
 * at once with all of them instead of idling for another full delay. Each request's result is
 * completed on the {@code completions} executor, because what follows it (encoding the response,
 * metrics, the prediction log) would otherwise run one request after another on this thread
 * while the cores it could use sit idle.
 */
public final class DynamicBatcher implements Scorer {

    private record Item(ServedModel model, double[] features, int rows, CompletableFuture<Scores> result,
            long queuedNanos) {
    }

    private final int maxBatchRows;
    private final long maxDelayNanos;
    private final BlockingQueue<Item> queue;
    private final IntConsumer batchRows;
    private final Executor completions;
    private final Thread thread;
    private volatile boolean running = true;
    private Item held;

    /**
     * @param batchRows told the row count of every batch run (metrics)
     * @param completions runs the completion of each request's result (its callers' follow-up work);
     *     if it refuses (shut down), the result is completed on the batching thread
     */
    public DynamicBatcher(int maxBatchRows, Duration maxDelay, int queueCapacity, IntConsumer batchRows,
            Executor completions) {
        if (maxBatchRows < 1) {
            throw new IllegalArgumentException("max batch rows must be at least 1: " + maxBatchRows);
        }
        if (maxDelay.isNegative()) {
            throw new IllegalArgumentException("max batch delay must not be negative: " + maxDelay);
        }
        this.maxBatchRows = maxBatchRows;
        this.maxDelayNanos = maxDelay.toNanos();
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.batchRows = batchRows;
        this.completions = completions;
        this.thread = new Thread(this::run, "ctkit-batcher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public CompletableFuture<Scores> score(ServedModel model, double[] features, int rows) {
        if (rows >= maxBatchRows) {
            return Scorer.direct().score(model, features, rows);
        }
        CompletableFuture<Scores> result = new CompletableFuture<>();
        if (!running || !queue.offer(new Item(model, features, rows, result, System.nanoTime()))) {
            throw new RequestException(503, "overloaded: the batching queue is full (--batch-queue); retry shortly");
        }
        return result;
    }

    private void run() {
        while (running || held != null || !queue.isEmpty()) {
            List<Item> batch = new ArrayList<>();
            try {
                Item first = held != null ? held : queue.poll(100, TimeUnit.MILLISECONDS);
                held = null;
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int rows = first.rows();
                long deadline = first.queuedNanos() + maxDelayNanos;
                while (rows < maxBatchRows) {
                    long wait = deadline - System.nanoTime();
                    Item next = wait <= 0 ? queue.poll() : queue.poll(wait, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    if (next.model() != first.model() || rows + next.rows() > maxBatchRows) {
                        held = next;
                        break;
                    }
                    batch.add(next);
                    rows += next.rows();
                }
                runBatch(batch, rows);
            } catch (InterruptedException e) {
                running = false;
            } catch (RuntimeException | Error e) {
                for (Item item : batch) {
                    item.result().completeExceptionally(e);
                }
            }
        }
    }

    private void runBatch(List<Item> batch, int rows) {
        ServedModel model = batch.get(0).model();
        double[] features;
        if (batch.size() == 1) {
            features = batch.get(0).features();
        } else {
            int width = model.model().encoder().width();
            features = new double[rows * width];
            int at = 0;
            for (Item item : batch) {
                System.arraycopy(item.features(), 0, features, at, item.rows() * width);
                at += item.rows() * width;
            }
        }
        PredictionBatch predictions = model.score(features, rows);
        batchRows.accept(rows);
        int offset = 0;
        for (Item item : batch) {
            complete(item.result(), new Scores(predictions, offset, item.rows()));
            offset += item.rows();
        }
    }

    private void complete(CompletableFuture<Scores> result, Scores scores) {
        try {
            completions.execute(() -> result.complete(scores));
        } catch (RejectedExecutionException e) {
            result.complete(scores);
        }
    }

    /** Scores what is queued, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
