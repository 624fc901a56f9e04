package io.ctkit.serving.internal.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fixed set of running sums (counts are sums of ones) that many threads add to and a scrape
 * reads. Each thread adds to its own stripe with plain (opaque) stores, so recording a request's
 * dozens of values costs one thread-local look-up instead of one contended atomic update per
 * value, the cost that showed in profiles of the scoring path. A read adds up the stripes; it may
 * miss additions still in flight, which a monitoring scrape tolerates.
 */
final class StripedSums {

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(double[].class);

    private final int slots;
    private final List<double[]> stripes = new CopyOnWriteArrayList<>();
    private final ThreadLocal<double[]> mine;

    StripedSums(int slots) {
        if (slots < 0) {
            throw new IllegalArgumentException("slots must not be negative: " + slots);
        }
        this.slots = slots;
        this.mine = ThreadLocal.withInitial(() -> {
            double[] stripe = new double[this.slots];
            stripes.add(stripe); // kept after the thread ends: its additions must stay counted
            return stripe;
        });
    }

    /** The calling thread's stripe, for several {@link #add} calls in a row. */
    double[] stripe() {
        return mine.get();
    }

    /** Adds to a slot of the calling thread's stripe (the one {@link #stripe()} returned on it). */
    static void add(double[] stripe, int slot, double value) {
        SLOT.setOpaque(stripe, slot, (double) SLOT.getOpaque(stripe, slot) + value);
    }

    double sum(int slot) {
        double total = 0;
        for (double[] stripe : stripes) {
            total += (double) SLOT.getOpaque(stripe, slot);
        }
        return total;
    }
}
