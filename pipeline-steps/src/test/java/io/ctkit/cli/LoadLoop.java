package io.ctkit.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Constant load for deploy tests: one thread sends a request after another until stopped or until
 * its own deadline, and keeps every failure and every distinct answer.
 */
final class LoadLoop implements AutoCloseable {

    /** One request; its answer, or an exception for a failed request. */
    interface Request {
        double send() throws Exception;
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger answers = new AtomicInteger();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Set<Double> seen = ConcurrentHashMap.newKeySet();
    private final Thread thread;

    private LoadLoop(Request request, Duration deadline) {
        Instant end = Instant.now().plus(deadline);
        thread = new Thread(() -> {
            while (running.get() && Instant.now().isBefore(end)) {
                try {
                    seen.add(request.send());
                    answers.incrementAndGet();
                } catch (Exception e) {
                    failures.add(Instant.now() + " " + e);
                }
            }
        }, "load-loop");
        thread.setDaemon(true);
    }

    static LoadLoop start(Request request, Duration deadline) {
        LoadLoop loop = new LoadLoop(request, deadline);
        loop.thread.start();
        return loop;
    }

    int answers() {
        return answers.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    Set<Double> seen() {
        return Set.copyOf(seen);
    }

    /** Waits until at least {@code n} requests were answered; fails the test at the deadline. */
    void awaitAnswers(int n, Duration timeout) throws InterruptedException {
        await(() -> answers.get() >= n, timeout, "at least " + n + " answers (got " + answers.get() + ", failures "
                + failures + ")");
    }

    /** Waits until {@code value} was answered; fails the test at the deadline. */
    void awaitAnswer(double value, Duration timeout) throws InterruptedException {
        await(() -> seen.contains(value), timeout, "the answer " + value + " (seen " + seen + ")");
    }

    private void await(java.util.function.BooleanSupplier done, Duration timeout, String what)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline) || !thread.isAlive()) {
                throw new AssertionError("no " + what + " within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    /** Stops the loop and waits for its last request. */
    void stop() throws InterruptedException {
        running.set(false);
        thread.join(Duration.ofSeconds(30).toMillis());
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
