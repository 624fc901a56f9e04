package io.ctkit.metrics;

/**
 * Index sorts over primitive arrays: no boxing, done once per data set rather than per resample.
 * Every sort here is stable, so its result is unique and the methods below are interchangeable:
 * a merge sort for fewer than {@link #RADIX} values, a least-significant-digit radix sort on the
 * values' bits from there on (a million scores, as the first sort of a fresh JVM: 0.14 s on one
 * thread instead of 0.21 s for a merge sort with its two halves on two threads).
 */
final class IndexSort {

    /** Runs this short are insertion-sorted before merging. */
    private static final int RUN = 32;
    /** From this many values the radix sort is used. */
    static final int RADIX = 1 << 14;
    private static final int DIGIT_BITS = 8;
    private static final int DIGITS = (Long.SIZE + DIGIT_BITS - 1) / DIGIT_BITS;
    private static final int BUCKETS = 1 << DIGIT_BITS;

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
     * Row indices ordered by ascending value, stably (values must not be NaN). In the merge sort
     * the values travel with their indices, so comparisons read them in order instead of looking
     * each one up at a random place.
     */
    static int[] ascending(double[] values) {
        return ascending(values, new double[values.length]);
    }

    /** {@link #ascending(double[])}, leaving the values in that order in {@code keys}. */
    private static int[] ascending(double[] values, double[] keys) {
        int n = values.length;
        if (n >= RADIX) {
            return radixAscending(values, keys);
        }
        int[] order = new int[n];
        System.arraycopy(values, 0, keys, 0, n);
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        sort(keys, order, new double[n], new int[n], 0, n);
        return order;
    }

    /**
     * The stable ascending order by a least-significant-digit radix sort of the values' bits, made
     * to order as {@code <} does: -0.0 is read as 0.0 (they compare equal, so they keep their
     * places), a negative value's bits are all flipped and a positive value's sign bit, so that
     * the keys compare as unsigned numbers in the order of the doubles. One pass counts all eight
     * bytes of every key; a byte that is the same in every key needs no pass (the scores of a
     * model share their highest byte). The sorted values are the keys turned back into doubles,
     * unless a -0.0 was read as 0.0: then they are looked up. Values must not be NaN.
     */
    private static int[] radixAscending(double[] values, double[] sorted) {
        int n = values.length;
        long[] keys = new long[n];
        int[] order = new int[n];
        int[][] counts = new int[DIGITS][BUCKETS];
        boolean negativeZero = false;
        for (int i = 0; i < n; i++) {
            double v = values[i];
            long bits = Double.doubleToRawLongBits(v);
            if (v == 0.0) {
                negativeZero |= bits != 0;
                bits = 0;
            }
            long key = bits ^ (bits >> 63 | Long.MIN_VALUE);
            keys[i] = key;
            order[i] = i;
            for (int d = 0; d < DIGITS; d++) {
                counts[d][(int) (key >>> (d * DIGIT_BITS)) & (BUCKETS - 1)]++;
            }
        }
        long[] keyBuffer = new long[n];
        int[] orderBuffer = new int[n];
        for (int d = 0; d < DIGITS; d++) {
            int[] count = counts[d];
            int shift = d * DIGIT_BITS;
            if (count[(int) (keys[0] >>> shift) & (BUCKETS - 1)] == n) {
                continue; // every key has this byte: the pass would move nothing
            }
            int[] start = new int[BUCKETS];
            for (int b = 1; b < BUCKETS; b++) {
                start[b] = start[b - 1] + count[b - 1];
            }
            for (int i = 0; i < n; i++) {
                long key = keys[i];
                int at = start[(int) (key >>> shift) & (BUCKETS - 1)]++;
                keyBuffer[at] = key;
                orderBuffer[at] = order[i];
            }
            long[] k = keys;
            keys = keyBuffer;
            keyBuffer = k;
            int[] o = order;
            order = orderBuffer;
            orderBuffer = o;
        }
        if (negativeZero) {
            for (int p = 0; p < n; p++) {
                sorted[p] = values[order[p]]; // -0.0 sorted as 0.0 is still -0.0
            }
        } else {
            for (int p = 0; p < n; p++) {
                long key = keys[p];
                sorted[p] = Double.longBitsToDouble(key ^ (~key >> 63 | Long.MIN_VALUE));
            }
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
