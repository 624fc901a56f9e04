package io.ctkit.metrics;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** Index sorts over primitive arrays: no boxing, done once per data set rather than per resample. */
final class IndexSort {

    /** Runs this short are insertion-sorted before merging. */
    private static final int RUN = 32;
    /** From this many values the two halves are sorted on two threads. */
    static final int PARALLEL = 1 << 16;

    private IndexSort() {
    }

    /** Row indices ordered by descending value. */
    static int[] descending(double[] values) {
        return descending(values, new double[values.length]);
    }

    /**
     * Row indices ordered by descending value, filling {@code sorted} with the values in that
     * order ({@code sorted[p] == values[order[p]]}), for callers that then walk the rows in order
     * and would otherwise look each value up at a random place.
     */
    static int[] descending(double[] values, double[] sorted) {
        int[] order = ascending(values, sorted);
        for (int i = 0, j = order.length - 1; i < j; i++, j--) {
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            double v = sorted[i];
            sorted[i] = sorted[j];
            sorted[j] = v;
        }
        return order;
    }

    /**
     * Row indices ordered by ascending value (a stable merge sort; values must not be NaN). The
     * values travel with their indices, so comparisons read them in order instead of looking
     * each one up at a random place, which at a million rows was most of the sort's time.
     */
    static int[] ascending(double[] values) {
        return ascending(values, new double[values.length]);
    }

    /** {@link #ascending(double[])}, leaving the values in that order in {@code keys}. */
    private static int[] ascending(double[] values, double[] keys) {
        int n = values.length;
        int[] order = new int[n];
        System.arraycopy(values, 0, keys, 0, n);
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] orderBuffer = new int[n];
        double[] keyBuffer = new double[n];
        if (n < PARALLEL) {
            sort(keys, order, keyBuffer, orderBuffer, 0, n);
            return order;
        }
        // The halves on two threads, then one merge: a stable sort's result is unique, so this
        // gives the same order as sorting on one thread. Whichever thread comes first sorts the
        // left half, so a busy common pool only means this thread does both.
        int mid = n / 2;
        var claimed = new AtomicBoolean();
        CompletableFuture<Void> left = CompletableFuture.runAsync(() -> {
            if (claimed.compareAndSet(false, true)) {
                sort(keys, order, keyBuffer, orderBuffer, 0, mid);
            }
        });
        sort(keys, order, keyBuffer, orderBuffer, mid, n);
        if (claimed.compareAndSet(false, true)) {
            sort(keys, order, keyBuffer, orderBuffer, 0, mid);
        } else {
            left.join();
        }
        if (!(keys[mid - 1] <= keys[mid])) { // the same test as sort()'s merges, NaN included
            merge(keys, order, keyBuffer, orderBuffer, 0, mid, n);
        }
        return order;
    }

    /** Sorts {@code [from, to)} of keys and order together, stably: insertion-sorted runs, then merges. */
    private static void sort(double[] keys, int[] order, double[] keyBuffer, int[] orderBuffer, int from, int to) {
        for (int lo = from; lo < to; lo += RUN) {
            insertionSort(keys, order, lo, Math.min(lo + RUN, to));
        }
        for (int width = RUN; width < to - from; width *= 2) {
            for (int lo = from; lo < to - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, to);
                if (keys[mid - 1] <= keys[mid]) {
                    continue;
                }
                merge(keys, order, keyBuffer, orderBuffer, lo, mid, hi);
            }
        }
    }

    private static void insertionSort(double[] keys, int[] order, int lo, int hi) {
        for (int i = lo + 1; i < hi; i++) {
            double key = keys[i];
            int index = order[i];
            int j = i - 1;
            while (j >= lo && keys[j] > key) {
                keys[j + 1] = keys[j];
                order[j + 1] = order[j];
                j--;
            }
            keys[j + 1] = key;
            order[j + 1] = index;
        }
    }

    private static void merge(double[] keys, int[] order, double[] keyBuffer, int[] orderBuffer, int lo, int mid,
            int hi) {
        System.arraycopy(keys, lo, keyBuffer, lo, hi - lo);
        System.arraycopy(order, lo, orderBuffer, lo, hi - lo);
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (i < mid && (j >= hi || keyBuffer[i] <= keyBuffer[j])) {
                keys[k] = keyBuffer[i];
                order[k] = orderBuffer[i++];
            } else {
                keys[k] = keyBuffer[j];
                order[k] = orderBuffer[j++];
            }
        }
    }
}
