package io.ctkit.metrics;

import io.ctkit.model.Task;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Immutable evaluation settings, and the entry point for evaluating predictions, per-slice
 * evaluation and paired champion/challenger comparison. Each {@code with...} returns a copy.
 *
 * <pre>{@code
 * Evaluation e = Evaluator.create()
 *         .withBootstrap(BootstrapConfig.defaults().withSeed(7))
 *         .evaluate(Predictions.binary(labels, scores));
 * double auc = e.rocAuc();
 * }</pre>
 */
public final class Evaluator {

    /** A binary prediction is class 1 when its score is at least this. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    private final double threshold;
    private final Set<Metric> metrics;
    private final BootstrapConfig bootstrap;
    private final int threads;

    private Evaluator(double threshold, Set<Metric> metrics, BootstrapConfig bootstrap, int threads) {
        this.threshold = threshold;
        this.metrics = metrics;
        this.bootstrap = bootstrap;
        this.threads = threads;
    }

    /**
     * Threshold 0.5, every metric of the task, no bootstrap intervals; resamples, when added, are
     * spread over as many threads as the JVM has processors.
     */
    public static Evaluator create() {
        return new Evaluator(DEFAULT_THRESHOLD, Collections.emptySet(), null, Runtime.getRuntime().availableProcessors());
    }

    /** Binary decision threshold in [0, 1]: predicted class 1 when score &gt;= threshold. */
    public Evaluator withThreshold(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1]: " + threshold);
        }
        return new Evaluator(threshold, metrics, bootstrap, threads);
    }

    /** Compute only these metrics; each must be defined for the task evaluated. None means all. */
    public Evaluator withMetrics(Metric... metrics) {
        return withMetrics(List.of(metrics));
    }

    /** Compute only these metrics; each must be defined for the task evaluated. Empty means all. */
    public Evaluator withMetrics(Collection<Metric> metrics) {
        Set<Metric> set = metrics.isEmpty() ? EnumSet.noneOf(Metric.class) : EnumSet.copyOf(metrics);
        return new Evaluator(threshold, Collections.unmodifiableSet(set), bootstrap, threads);
    }

    /** Add bootstrap intervals to every metric. */
    public Evaluator withBootstrap(BootstrapConfig bootstrap) {
        return new Evaluator(threshold, metrics, Objects.requireNonNull(bootstrap, "bootstrap"), threads);
    }

    /** No bootstrap intervals. */
    public Evaluator withoutBootstrap() {
        return new Evaluator(threshold, metrics, null, threads);
    }

    /**
     * Spread bootstrap resamples over up to {@code threads} threads: the caller's plus helpers
     * from the common ForkJoin pool. Every resample has its own seed derived from the bootstrap
     * seed, so intervals and comparisons are identical for any number of threads; 1 computes
     * everything on the calling thread.
     */
    public Evaluator withThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        return new Evaluator(threshold, metrics, bootstrap, threads);
    }

    public double threshold() {
        return threshold;
    }

    /** The metrics asked for; empty means every metric of the task. */
    public Set<Metric> metrics() {
        return metrics;
    }

    public Optional<BootstrapConfig> bootstrap() {
        return Optional.ofNullable(bootstrap);
    }

    /** The most threads resamples are spread over. */
    public int threads() {
        return threads;
    }

    /** Metrics (and intervals, when configured) of {@code predictions}. */
    public Evaluation evaluate(Predictions predictions) {
        List<Metric> selected = selected(predictions.task());
        PreparedRows rows = PreparedRows.of(predictions, threshold);
        Sample all = Sample.of(rows, Sample.ones(predictions.rows()));
        ConfidenceInterval[] intervals = bootstrap == null ? null
                : Bootstrap.intervals(rows, selected, bootstrap, threads);
        Map<Metric, MetricValue> values = new EnumMap<>(Metric.class);
        for (int m = 0; m < selected.size(); m++) {
            Metric metric = selected.get(m);
            values.put(metric, new MetricValue(metric.compute(all), intervals == null ? null : intervals[m]));
        }
        ConfusionMatrix confusion = predictions.task().isClassification()
                ? ConfusionMatrix.ofFlat(predictions.classes(), all.confusion()) : null;
        return new Evaluation(predictions.task(), predictions.rows(), threshold, values, bootstrap, confusion);
    }

    /**
     * Evaluates each slice of rows sharing a key ({@code sliceKeys[i]} is row i's slice).
     * Slices with fewer than {@code minSliceSize} rows are not evaluated, only counted.
     */
    public SlicedEvaluation evaluateSlices(Predictions predictions, String[] sliceKeys, int minSliceSize) {
        return Slicing.evaluate(this, predictions, sliceKeys, minSliceSize);
    }

    /**
     * Compares a challenger with a champion evaluated on the same rows (same labels or targets),
     * for each metric: challenger minus champion, with a paired bootstrap interval (the
     * configured bootstrap, or {@link BootstrapConfig#defaults()}).
     */
    public Map<Metric, Comparison> compare(Predictions champion, Predictions challenger) {
        checkSameRows(champion, challenger);
        List<Metric> selected = selected(champion.task());
        BootstrapConfig config = bootstrap == null ? BootstrapConfig.defaults() : bootstrap;
        PreparedRows championRows = PreparedRows.of(champion, threshold);
        PreparedRows challengerRows = PreparedRows.of(challenger, threshold);
        byte[] ones = Sample.ones(champion.rows());
        Sample championAll = Sample.of(championRows, ones);
        Sample challengerAll = Sample.of(challengerRows, ones);
        double[][] differences = Bootstrap.pairedDifferences(championRows, challengerRows, selected, config,
                threads);
        Map<Metric, Comparison> out = new EnumMap<>(Metric.class);
        for (int m = 0; m < selected.size(); m++) {
            Metric metric = selected.get(m);
            double before = metric.compute(championAll);
            double after = metric.compute(challengerAll);
            out.put(metric, Comparison.fromDifferences(metric, before, after, differences[m], config));
        }
        return Collections.unmodifiableMap(out);
    }

    List<Metric> selected(Task task) {
        if (metrics.isEmpty()) {
            return Metric.forTask(task);
        }
        for (Metric metric : metrics) {
            if (!metric.supports(task)) {
                throw new IllegalArgumentException("metric " + metric.key() + " is not defined for " + task.shortName()
                        + " predictions; metrics for " + task.shortName() + ": "
                        + Metric.forTask(task).stream().map(Metric::key).collect(Collectors.joining(", ")));
            }
        }
        return List.copyOf(metrics);
    }

    private static void checkSameRows(Predictions champion, Predictions challenger) {
        if (champion.task() != challenger.task()) {
            throw new IllegalArgumentException("champion is " + champion.task().shortName() + " but challenger is "
                    + challenger.task().shortName() + ": compare models of the same task");
        }
        if (champion.rows() != challenger.rows()) {
            throw new IllegalArgumentException("champion has " + champion.rows() + " rows but challenger has "
                    + challenger.rows() + ": a paired comparison needs both models scored on the same rows");
        }
        if (champion.classes() != challenger.classes()) {
            throw new IllegalArgumentException("champion has " + champion.classes() + " classes but challenger has "
                    + challenger.classes());
        }
        for (int i = 0; i < champion.rows(); i++) {
            boolean same = champion.task().isClassification()
                    ? champion.labels()[i] == challenger.labels()[i]
                    : Double.compare(champion.actual()[i], challenger.actual()[i]) == 0;
            if (!same) {
                String a = champion.task().isClassification() ? "label " + champion.labels()[i]
                        : "target " + champion.actual()[i];
                String b = champion.task().isClassification() ? "label " + challenger.labels()[i]
                        : "target " + challenger.actual()[i];
                throw new IllegalArgumentException("row " + i + " has " + a + " for the champion but " + b
                        + " for the challenger: a paired comparison needs both models scored on the same rows");
            }
        }
    }
}
