package io.ctkit.serving;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's before-scoring hook ({@link InternalSettings#beforeScoring()}) as a gate: every
 * scoring request stops there, after it took its model version, until the test opens the gate.
 * So a test orders events by what the server has observably done, never by sleeping. Every wait
 * has a deadline: a gate never opened lets its requests through after a minute (they then fail
 * the test by what they answer), and {@link #awaitArrivals} fails after 30 s.
 */
final class Gate implements Runnable {

    private final CountDownLatch open = new CountDownLatch(1);
    private final AtomicInteger arrived = new AtomicInteger();

    @Override
    public void run() {
        arrived.incrementAndGet();
        try {
            if (!open.await(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until {@code count} requests have reached the gate (in total, held or passed). */
    void awaitArrivals(int count) {
        await("%d requests at the gate".formatted(count)).atMost(Duration.ofSeconds(30)).until(() -> arrived.get() >= count);
    }

    void open() {
        open.countDown();
    }

    InternalSettings settings() {
        return new InternalSettings(false, this);
    }
}
