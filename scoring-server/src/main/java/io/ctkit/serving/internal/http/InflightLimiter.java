package io.ctkit.serving.internal.http;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the scoring requests in flight (admitted, not yet answered): beyond the bound a request
 * is refused at once with 503, so memory stays bounded (each holds at most one body) and clients
 * can retry elsewhere instead of queueing without limit.
 */
final class InflightLimiter {

    private final int max;
    private final AtomicInteger inflight = new AtomicInteger();

    InflightLimiter(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max in-flight requests must be at least 1: " + max);
        }
        this.max = max;
    }

    boolean tryAcquire() {
        while (true) {
            int now = inflight.get();
            if (now >= max) {
                return false;
            }
            if (inflight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void release() {
        inflight.decrementAndGet();
    }

    int inflight() {
        return inflight.get();
    }

    int max() {
        return max;
    }
}
