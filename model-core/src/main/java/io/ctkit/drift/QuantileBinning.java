package io.ctkit.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bins for numeric PSI and Jensen–Shannon: inner edges are the reference quantiles at
 * probabilities i/bins (i = 1..bins−1), numpy's default 'linear' method, duplicates collapsed.
 * Bin k holds edge[k−1] &lt; x ≤ edge[k]; the first and last bins are open to −∞ and +∞, so
 * current values outside the reference range are still counted.
 */
final class QuantileBinning {

    private final double[] edges;

    private QuantileBinning(double[] edges) {
        this.edges = edges;
    }

    static QuantileBinning of(double[] sortedReference, int bins) {
        double[] quantiles = new double[bins - 1];
        for (int i = 1; i < bins; i++) {
            quantiles[i - 1] = quantile(sortedReference, (double) i / bins);
        }
        // quantiles of sorted data are non-decreasing, so collapsing runs removes all duplicates
        double[] unique = Arrays.stream(quantiles).distinct().toArray();
        return new QuantileBinning(unique);
    }

    /** numpy.quantile(sorted, p) with method='linear', including numpy's two-sided lerp. */
    static double quantile(double[] sorted, double p) {
        int n = sorted.length;
        double virtual = (n - 1) * p;
        if (virtual >= n - 1) {
            return sorted[n - 1];
        }
        int previous = (int) Math.floor(virtual);
        double gamma = virtual - previous;
        double a = sorted[previous];
        double b = sorted[previous + 1];
        double diff = b - a;
        return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
    }

    double[] edges() {
        return edges.clone();
    }

    int binCount() {
        return edges.length + 1;
    }

    long[] counts(double[] values) {
        long[] counts = new long[binCount()];
        for (double v : values) {
            counts[binIndex(v)]++;
        }
        return counts;
    }

    /** Number of edges strictly below v (numpy.searchsorted(edges, v, side='left')). */
    private int binIndex(double v) {
        int lo = 0;
        int hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    List<PsiResult.Bin> bins(long[] reference, long[] current) {
        List<PsiResult.Bin> bins = new ArrayList<>(binCount());
        for (int k = 0; k < binCount(); k++) {
            String lower = k == 0 ? "-Infinity" : Double.toString(edges[k - 1]);
            String label = k == edges.length
                    ? "(" + lower + ", Infinity)"
                    : "(" + lower + ", " + edges[k] + "]";
            bins.add(new PsiResult.Bin(label, reference[k], current[k]));
        }
        return bins;
    }
}
