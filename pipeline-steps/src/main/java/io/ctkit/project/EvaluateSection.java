package io.ctkit.project;

/**
 * {@code evaluate:}: how the holdout metrics are computed.
 *
 * @param bootstrap resamples for the confidence intervals (0: none)
 * @param confidence level of the intervals
 * @param threshold binary classifiers: class 1 when its probability is at least this
 * @param slices columns of the holdout to compute metrics per value of
 * @param minSliceSize slices with fewer rows are listed but not evaluated
 * @param plots whether to draw the task's PNG plots next to the metrics
 */
public record EvaluateSection(int bootstrap, double confidence, double threshold, java.util.List<String> slices,
        int minSliceSize, boolean plots) {
    public EvaluateSection {
        slices = java.util.List.copyOf(slices);
    }

    public static EvaluateSection defaults() {
        return new EvaluateSection(1000, 0.95, 0.5, java.util.List.of(), 30, true);
    }
}
