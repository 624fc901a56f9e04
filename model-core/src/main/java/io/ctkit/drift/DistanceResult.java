package io.ctkit.drift;

/**
 * A distance between the two samples' distributions (Jensen–Shannon, Wasserstein-1); no p-value.
 *
 * @param statistic     the distance, ≥ 0
 * @param referenceSize values in the reference sample
 * @param currentSize   values in the current sample
 */
public record DistanceResult(double statistic, int referenceSize, int currentSize) {

    public DistanceResult {
        if (!(statistic >= 0) || Double.isInfinite(statistic)) {
            throw new IllegalArgumentException("distance must be a finite number >= 0: " + statistic);
        }
        Results.requireSizes(referenceSize, currentSize);
    }
}
