package io.ctkit.metrics;

/**
 * A bootstrap percentile interval.
 *
 * @param low       lower bound, the (1 - level) / 2 percentile of the resampled values
 *                  (NaN when every resample was undefined)
 * @param high      upper bound, the (1 + level) / 2 percentile
 * @param level     confidence level in (0, 1), e.g. 0.95
 * @param resamples how many resamples were drawn
 * @param skipped   how many of them were left out because the metric was undefined on them
 *                  (e.g. roc_auc of a resample holding a single class)
 */
public record ConfidenceInterval(double low, double high, double level, int resamples, int skipped) {

    public ConfidenceInterval {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be strictly between 0 and 1: " + level);
        }
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be at least 1: " + resamples);
        }
        if (skipped < 0 || skipped > resamples) {
            throw new IllegalArgumentException("skipped must be between 0 and resamples (" + resamples + "): "
                    + skipped);
        }
        if (low > high) {
            throw new IllegalArgumentException("interval low " + low + " is above high " + high);
        }
    }

    /** Resamples that contributed to the interval. */
    public int used() {
        return resamples - skipped;
    }

    /** Whether {@code value} lies within [low, high]. */
    public boolean contains(double value) {
        return low <= value && value <= high;
    }
}
