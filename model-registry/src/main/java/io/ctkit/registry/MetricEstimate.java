package io.ctkit.registry;

import java.util.Locale;

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

    /** For people: {@code 0.8100 [0.7800, 0.8400]}, or {@code undefined}. */
    public String display() {
        String v = Double.isNaN(value) ? "undefined" : String.format(Locale.ROOT, "%.4f", value);
        return hasInterval() ? v + String.format(Locale.ROOT, " [%.4f, %.4f]", ciLow, ciHigh) : v;
    }
}
