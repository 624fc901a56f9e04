package io.ctkit.project;

/**
 * {@code evaluate:}: how the holdout metrics are computed.
 *
 * @param bootstrap resamples for the confidence intervals (0: none)
 * @param confidence level of the intervals
 * @param threshold binary classifiers: class 1 when its probability is at least this
 */
public record EvaluateSection(int bootstrap, double confidence, double threshold) {
    public static EvaluateSection defaults() {
        return new EvaluateSection(1000, 0.95, 0.5);
    }
}
