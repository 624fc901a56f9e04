package io.ctkit.metrics;

/**
 * One metric's value, with its bootstrap interval when one was computed.
 *
 * @param value    the metric on all rows; NaN when undefined (e.g. roc_auc with a single class)
 * @param interval the bootstrap interval, or {@code null} when none was computed
 */
public record MetricValue(double value, ConfidenceInterval interval) {

    /** A value without interval. */
    public static MetricValue of(double value) {
        return new MetricValue(value, null);
    }

    public boolean hasInterval() {
        return interval != null;
    }

    /** False when the value is NaN. */
    public boolean isDefined() {
        return !Double.isNaN(value);
    }
}
