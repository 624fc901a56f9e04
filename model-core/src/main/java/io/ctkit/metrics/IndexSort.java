package io.ctkit.metrics;

/** Index sorts over primitive arrays: no boxing, done once per data set rather than per resample. */
final class IndexSort {

    private IndexSort() {
    }

    /** Row indices ordered by descending value. */
    static int[] descending(double[] values) {
        int[] order = ascending(values);
        for (int i = 0, j = order.length - 1; i < j; i++, j--) {
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Row indices ordered by ascending value (stable merge sort; values must not be NaN). */
    static int[] ascending(double[] values) {
        int n = values.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] buffer = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, n);
                if (values[order[mid - 1]] <= values[order[mid]]) {
                    continue;
                }
                merge(values, order, buffer, lo, mid, hi);
            }
        }
        return order;
    }

    private static void merge(double[] values, int[] order, int[] buffer, int lo, int mid, int hi) {
        System.arraycopy(order, lo, buffer, lo, hi - lo);
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (i < mid && (j >= hi || values[buffer[i]] <= values[buffer[j]])) {
                order[k] = buffer[i++];
            } else {
                order[k] = buffer[j++];
            }
        }
    }
}
