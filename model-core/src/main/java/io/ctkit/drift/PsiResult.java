package io.ctkit.drift;

import java.util.List;

/**
 * Population stability index with the bins it was computed on.
 *
 * @param statistic     Σ (c_i − r_i)·ln(c_i / r_i) over bins, proportions floored at {@code epsilon}; ≥ 0
 * @param epsilon       the floor applied to empty bins' proportions
 * @param bins          the bins in order: numeric intervals (lower, upper] or categories (sorted)
 * @param referenceSize values in the reference sample
 * @param currentSize   values in the current sample
 */
public record PsiResult(double statistic, double epsilon, List<Bin> bins, int referenceSize, int currentSize) {

    /**
     * One bin and how many values of each sample fell into it.
     *
     * @param label          "(lower, upper]" for numeric bins (outer bounds ±Infinity), else the category
     * @param referenceCount reference values in the bin
     * @param currentCount   current values in the bin
     */
    public record Bin(String label, long referenceCount, long currentCount) {
        public Bin {
            if (label == null) {
                throw new IllegalArgumentException("bin label must not be null");
            }
            if (referenceCount < 0 || currentCount < 0) {
                throw new IllegalArgumentException("bin counts must be >= 0 in bin " + label + ": "
                        + referenceCount + ", " + currentCount);
            }
        }
    }

    public PsiResult {
        if (!(statistic >= 0) || Double.isInfinite(statistic)) {
            throw new IllegalArgumentException("psi must be a finite number >= 0: " + statistic);
        }
        if (bins == null || bins.isEmpty()) {
            throw new IllegalArgumentException("psi needs at least one bin");
        }
        bins = List.copyOf(bins);
        Results.requireSizes(referenceSize, currentSize);
    }
}
