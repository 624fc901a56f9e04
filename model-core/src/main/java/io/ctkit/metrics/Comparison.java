package io.ctkit.metrics;

/**
 * A paired comparison of two models on the same rows: {@code challenger - champion} for one
 * metric, with a bootstrap interval computed from the same resampled rows for both models.
 *
 * @param metric        the metric compared
 * @param champion      the metric of the champion (current) model on all rows
 * @param challenger    the metric of the challenger (candidate) model on all rows
 * @param difference    {@code challenger - champion}; NaN when either is undefined
 * @param interval      percentile interval of the resampled differences
 * @param pValueGreater one-sided bootstrap p-value for "difference &gt; 0":
 *                      (1 + resamples with difference &lt;= 0) / (1 + used resamples)
 * @param pValueLess    one-sided bootstrap p-value for "difference &lt; 0":
 *                      (1 + resamples with difference &gt;= 0) / (1 + used resamples)
 */
public record Comparison(Metric metric, double champion, double challenger, double difference,
        ConfidenceInterval interval, double pValueGreater, double pValueLess) {

    public Comparison {
        java.util.Objects.requireNonNull(metric, "metric");
        java.util.Objects.requireNonNull(interval, "interval");
    }

    /** Builds the comparison from resampled differences (NaN = undefined); reorders the array. */
    static Comparison fromDifferences(Metric metric, double champion, double challenger, double[] differences,
            BootstrapConfig config) {
        ConfidenceInterval interval = Bootstrap.percentile(differences, config);
        int used = interval.used();
        int notAbove = 0;
        int notBelow = 0;
        for (int b = 0; b < used; b++) {
            if (differences[b] <= 0) {
                notAbove++;
            }
            if (differences[b] >= 0) {
                notBelow++;
            }
        }
        return new Comparison(metric, champion, challenger, challenger - champion, interval,
                (1.0 + notAbove) / (1.0 + used), (1.0 + notBelow) / (1.0 + used));
    }

    /** The whole interval lies above 0: the challenger's metric is higher at the interval's level. */
    public boolean significantlyGreater() {
        return interval.low() > 0;
    }

    /** The whole interval lies below 0: the challenger's metric is lower at the interval's level. */
    public boolean significantlyLess() {
        return interval.high() < 0;
    }

    /** Significantly better, taking into account whether higher is better for this metric. */
    public boolean challengerBetter() {
        return metric.higherIsBetter() ? significantlyGreater() : significantlyLess();
    }

    /** Significantly worse, taking into account whether higher is better for this metric. */
    public boolean challengerWorse() {
        return metric.higherIsBetter() ? significantlyLess() : significantlyGreater();
    }
}
