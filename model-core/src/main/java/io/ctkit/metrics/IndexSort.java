package io.ctkit.metrics;

/** Index sorts over primitive arrays: no boxing, done once per data set rather than per resample. */
final class IndexSort {

    /** Runs this short are insertion-sorted before merging. */
    private static final int RUN = 32;

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
        for (int lo = 0; lo < n; lo += RUN) {
            insertionSort(keys, order, lo, Math.min(lo + RUN, n));
        }
        int[] orderBuffer = new int[n];
        double[] keyBuffer = new double[n];
        for (int width = RUN; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, n);
                if (keys[mid - 1] <= keys[mid]) {
                    continue;
                }
                merge(keys, order, keyBuffer, orderBuffer, lo, mid, hi);
            }
        }
        return order;
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
