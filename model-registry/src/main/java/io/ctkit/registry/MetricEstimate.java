package io.ctkit.registry;

/**
 * A metric value as a metrics report gives it, with its confidence interval when one was
 * computed ({@code ciLow} and {@code ciHigh} are NaN otherwise). An undefined metric has a NaN value.
 */
public record MetricEstimate(double value, double ciLow, double ciHigh) {

    public static MetricEstimate of(double value) {
        return new MetricEstimate(value, Double.NaN, Double.NaN);
    }

    public boolean hasInterval() {
        return !Double.isNaN(ciLow) && !Double.isNaN(ciHigh);
    }
}
