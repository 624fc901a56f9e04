package io.ctkit.testkit.internal.quality;

import io.ctkit.gate.GateCheck;
import io.ctkit.gate.Numbers;
import io.ctkit.metrics.ConfidenceInterval;
import io.ctkit.metrics.Evaluation;
import io.ctkit.metrics.Metric;
import io.ctkit.metrics.MetricValue;
import io.ctkit.metrics.SlicedEvaluation;
import io.ctkit.testkit.ModelEvaluation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The failure messages of the quality assertions, one factory per kind of failure. Each says what
 * was expected, what was found with its interval and row count, where (the slice), and which model:
 * what a reader needs to act without re-running the test.
 */
public final class QualityMessages {

    private QualityMessages() {
    }

    /** Which number of a metric an assertion is about. */
    public enum Statistic {
        VALUE, LOWER_BOUND, UPPER_BOUND
    }

    /**
     * {@code expected the lower 95% bound of r2 on slice channel=video to be at least 0.7, but it was
     * 0.69 (r2 0.74, 95% CI 0.69–0.78) on 61 rows; model forecast sha256:9a1c…}.
     */
    public static String bound(Statistic statistic, Metric metric, MetricValue value, int rows, String slice,
            String comparison, double threshold, double actual, String model) {
        String what = statistic == Statistic.VALUE ? metric.key()
                : "the " + (statistic == Statistic.LOWER_BOUND ? "lower " : "upper ") + level(value.interval())
                        + "% bound of " + metric.key();
        String detail = statistic == Statistic.VALUE ? Numbers.interval(value.interval())
                : " (" + metric.key() + " " + Numbers.format(value.value()) + ", " + Numbers.interval(value.interval())
                        .substring(2);
        return "expected " + what + on(slice) + " to be " + comparison + " " + Numbers.format(threshold)
                + ", but it was " + Numbers.format(actual) + detail + " on " + rows + " rows; model " + model;
    }

    /** {@code expected r2 on slice channel=x to be at least 0.7, but r2 is undefined on these 1 rows (...)}. */
    public static String undefined(Metric metric, int rows, String slice, String comparison, double threshold,
            String model) {
        return "expected " + metric.key() + on(slice) + " to be " + comparison + " " + Numbers.format(threshold)
                + ", but " + metric.key() + " is undefined on these " + rows + " rows (" + metric.undefinedReason()
                + "); model " + model;
    }

    /** A bound was asked of an evaluation computed without intervals. */
    public static String noInterval(Statistic statistic, Metric metric, String slice, String model) {
        return "expected the " + (statistic == Statistic.LOWER_BOUND ? "lower" : "upper") + " bound of " + metric.key()
                + on(slice) + ", but the evaluation has no confidence intervals (resamples = 0 in @ModelQualityTest);"
                + " set resamples, e.g. 1000, or assert on the value; model " + model;
    }

    /** {@code expected a slice channel=radio, but no row has that value; the slices of channel: search (120 rows), ...}. */
    public static String missingSlice(String column, String value, SlicedEvaluation slices, String model) {
        List<String> known = new ArrayList<>();
        slices.slices().forEach((key, e) -> known.add(key + " (" + e.rows() + " rows)"));
        return "expected a slice " + column + "=" + value + ", but no row has that value; the slices of " + column
                + ": " + String.join(", ", known) + "; model " + model;
    }

    /** {@code expected at least 300 rows, but the evaluation has 200 rows of holdout.csv sha256:…; model …}. */
    public static String rows(long minimum, ModelEvaluation evaluation, String slice) {
        return "expected at least " + minimum + " rows" + on(slice) + ", but the evaluation has " + evaluation.rows()
                + " rows of " + data(evaluation) + "; model " + evaluation.description();
    }

    /**
     * {@code expected the calibration error (10 equal-width bins of the probability of class 1) to be at
     * most 0.05, but it was 0.07123 on 72 rows; model …}.
     */
    public static String calibration(String of, int bins, double maximum, double actual, ModelEvaluation evaluation) {
        return "expected the calibration error (" + bins + " equal-width bins of " + of + ") to be at most "
                + Numbers.format(maximum) + ", but it was " + Numbers.format(actual) + " on " + evaluation.rows()
                + " rows; model " + evaluation.description();
    }

    /** The slice had fewer rows than asked. */
    public static String sliceRows(long minimum, Evaluation slice, String sliceName, ModelEvaluation evaluation) {
        return "expected at least " + minimum + " rows" + on(sliceName) + ", but the slice has " + slice.rows()
                + " rows of " + data(evaluation) + "; model " + evaluation.description();
    }

    /**
     * {@code expected rmse to be no worse than the champion's within a margin of 0.05, but it is significantly
     * worse: 1.2 vs the champion's 0.5, difference +0.7 (95% CI +0.6 to +0.8) beyond +0.05 on 200 rows; ...}.
     */
    public static String worseThanChampion(GateCheck check, double margin, ModelEvaluation candidate,
            ModelEvaluation champion) {
        return "expected " + check.metric() + " to be no worse than the champion's within a margin of "
                + Numbers.format(margin) + ", but it is significantly worse: " + Numbers.format(check.observed())
                + " vs the champion's " + Numbers.format(check.champion()) + ", difference "
                + Numbers.signed(check.delta()) + deltaInterval(check, candidate) + " beyond "
                + Numbers.signed(check.bound()) + " on " + candidate.rows() + " rows; candidate "
                + candidate.description() + "; champion " + champion.description();
    }

    /** The metric could not be compared (undefined on the rows or on every resample). */
    public static String notComparable(GateCheck check, ModelEvaluation candidate, ModelEvaluation champion) {
        return "expected " + check.metric() + " to be no worse than the champion's, but " + check.metric()
                + " cannot be compared: it is undefined on these " + candidate.rows() + " rows or on every resample;"
                + " candidate " + candidate.description() + "; champion " + champion.description();
    }

    /** No champion, and the assertion requires one (the gate's {@code first_run: fail}). */
    public static String noChampion(Metric metric, ModelEvaluation candidate, ModelEvaluation champion) {
        return "expected " + metric.key() + " to be no worse than the champion's, but there is " + champion.description()
                + "; with requiringChampion() this fails, as the gate's first_run: fail does: register and promote a"
                + " champion, or drop requiringChampion() to pass on a first run as the gate's default first_run: pass"
                + " does; candidate " + candidate.description();
    }

    /** The two evaluations were not made on the same rows. */
    public static String differentRows(ModelEvaluation candidate, ModelEvaluation champion) {
        return "expected the candidate and the champion scored on the same rows for a paired comparison, but the"
                + " candidate was scored on " + data(candidate) + " and the champion on " + data(champion)
                + "; give both the same data and settings (a @Champion parameter of the same test always is)";
    }

    private static String deltaInterval(GateCheck check, ModelEvaluation candidate) {
        if (!Double.isFinite(check.ciLow())) {
            return "";
        }
        double level = candidate.settings().confidence();
        return Numbers.deltaInterval(new ConfidenceInterval(check.ciLow(), check.ciHigh(), level, 1, 0));
    }

    private static String data(ModelEvaluation evaluation) {
        Path source = Path.of(evaluation.data().source());
        String name = source.getFileName() == null ? evaluation.data().source() : source.getFileName().toString();
        return name + " " + io.ctkit.testkit.internal.ModelLocator.shortDigest(evaluation.dataFingerprint());
    }

    private static String on(String slice) {
        return slice == null ? "" : " on slice " + slice;
    }

    private static String level(ConfidenceInterval ci) {
        double pct = ci.level() * 100;
        return pct == Math.rint(pct) ? Long.toString((long) pct) : Double.toString(pct);
    }
}
