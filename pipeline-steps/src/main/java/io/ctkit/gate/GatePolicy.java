package io.ctkit.gate;

import io.ctkit.metrics.BootstrapConfig;
import io.ctkit.metrics.Metric;
import io.ctkit.policy.PolicyException;
import io.ctkit.policy.StrictMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a challenger model must satisfy to pass the gate. Map form (YAML/JSON; see docs/gate.md):
 * <pre>{@code
 * confidence: 0.95          # level of every interval and of the paired tests
 * bootstrap: 1000           # resamples
 * seed: 42
 * decision_threshold: 0.5   # binary: class 1 when score >= this
 * min_slice_size: 30        # per-slice thresholds skip smaller slices
 * first_run: pass           # pass | fail, when there is no champion
 * thresholds:
 *   - {metric: f1_macro, min: 0.85}
 *   - {metric: rmse, max: 12.5, slice: channel, min_slice_size: 100}
 * no_regression:
 *   - {metric: f1_macro, margin: 0.01}
 * improvement:
 *   - {metric: roc_auc, min_gain: 0.0}
 * }</pre>
 *
 * @param bootstrap         resamples, confidence level and seed of intervals and paired tests
 * @param decisionThreshold binary decision threshold
 * @param minSliceSize      fewest rows a slice needs to be judged
 * @param firstRun          what no-regression and improvement rules do without a champion
 * @param thresholds        absolute bounds
 * @param noRegression      metrics that must not get significantly worse than the champion's
 * @param improvement       metrics that must get significantly better than the champion's
 */
public record GatePolicy(BootstrapConfig bootstrap, double decisionThreshold, int minSliceSize, FirstRun firstRun,
        List<ThresholdRule> thresholds, List<ComparisonRule> noRegression, List<ComparisonRule> improvement) {

    /** The rule for a gate run without a champion (the first model of a project). */
    public enum FirstRun {
        /** Comparison rules pass, with a note that there was nothing to compare with. */
        PASS,
        /** Comparison rules fail: a champion is required. */
        FAIL
    }

    /**
     * An absolute bound on a metric, overall ({@code slice == null}) or in every slice of a column
     * with at least {@code minSliceSize} rows ({@code null}: the policy's {@code min_slice_size}).
     */
    public record ThresholdRule(Metric metric, Double min, Double max, String slice, Integer minSliceSize) {
        public ThresholdRule {
            Objects.requireNonNull(metric, "metric");
            if ((min == null) == (max == null)) {
                throw new IllegalArgumentException("threshold on " + metric.key() + " needs exactly one of min and max");
            }
            if (minSliceSize != null && (slice == null || minSliceSize < 1)) {
                throw new IllegalArgumentException("threshold on " + metric.key()
                        + ": min_slice_size needs a slice column and must be at least 1");
            }
        }

        /** An overall bound, or one per slice of {@code slice} with the policy's minimum slice size. */
        public ThresholdRule(Metric metric, Double min, Double max, String slice) {
            this(metric, min, max, slice, null);
        }
    }

    /**
     * A comparison with the champion. For no-regression, {@code margin} is the drop tolerated even
     * when significant; for improvement, the gain the challenger must significantly exceed.
     */
    public record ComparisonRule(Metric metric, double margin) {
        public ComparisonRule {
            Objects.requireNonNull(metric, "metric");
            if (!(margin >= 0) || Double.isInfinite(margin)) {
                throw new IllegalArgumentException("margin of " + metric.key() + " must be a number >= 0: " + margin);
            }
        }
    }

    public GatePolicy {
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(firstRun, "firstRun");
        thresholds = List.copyOf(thresholds);
        noRegression = List.copyOf(noRegression);
        improvement = List.copyOf(improvement);
        if (!(decisionThreshold >= 0 && decisionThreshold <= 1)) {
            throw new IllegalArgumentException("decision threshold must be in [0, 1]: " + decisionThreshold);
        }
        if (minSliceSize < 1) {
            throw new IllegalArgumentException("min slice size must be at least 1: " + minSliceSize);
        }
    }

    /**
     * 1000 resamples at 0.95, seed 42, threshold 0.5, slices of at least 30 rows, first run passes,
     * no explicit rules (the gate then checks no regression of the task's main metric).
     */
    public static GatePolicy defaults() {
        return new GatePolicy(BootstrapConfig.defaults(), 0.5, 30, FirstRun.PASS, List.of(), List.of(), List.of());
    }

    /** Whether no rule is configured. */
    public boolean hasNoRules() {
        return thresholds.isEmpty() && noRegression.isEmpty() && improvement.isEmpty();
    }

    /**
     * Reads the map form; {@code where} is the map's path ({@code "ctkit.yaml: gate"}, or a file
     * name with a colon, {@code "gate.yaml:"}). Unknown keys, bad values and unknown metrics are
     * errors naming the path.
     */
    public static GatePolicy fromMap(Map<String, ?> map, String where) {
        StrictMap m = StrictMap.of(map, where);
        BootstrapConfig bootstrap = new BootstrapConfig(
                m.integer("bootstrap", BootstrapConfig.DEFAULT_RESAMPLES, 1),
                m.openFraction("confidence", BootstrapConfig.DEFAULT_LEVEL),
                m.longValue("seed", BootstrapConfig.DEFAULT_SEED));
        double threshold = m.fraction("decision_threshold", 0.5);
        int minSlice = m.integer("min_slice_size", 30, 1);
        FirstRun firstRun = FirstRun.valueOf(m.string("first_run", "pass", "pass", "fail").toUpperCase(Locale.ROOT));
        List<ThresholdRule> thresholds = m.list("thresholds", e -> {
            StrictMap r = e.asMap();
            Metric metric = metric(r);
            Double min = r.has("min") ? r.number("min", 0) : null;
            Double max = r.has("max") ? r.number("max", 0) : null;
            String slice = r.string("slice", null);
            Integer minSize = r.has("min_slice_size") ? r.integer("min_slice_size", 1, 1) : null;
            r.finish();
            if ((min == null) == (max == null)) {
                throw new PolicyException(e.path() + ": give exactly one of min and max for " + metric.key());
            }
            if (minSize != null && slice == null) {
                throw new PolicyException(r.path("min_slice_size") + ": applies only with a slice column (slice: ...)");
            }
            return new ThresholdRule(metric, min, max, slice, minSize);
        });
        List<ComparisonRule> noRegression = m.list("no_regression", e -> comparison(e, "margin"));
        List<ComparisonRule> improvement = m.list("improvement", e -> comparison(e, "min_gain"));
        m.finish();
        return new GatePolicy(bootstrap, threshold, minSlice, firstRun, thresholds, noRegression, improvement);
    }

    private static ComparisonRule comparison(StrictMap.Element e, String marginKey) {
        StrictMap r = e.asMap();
        Metric metric = metric(r);
        double margin = r.number(marginKey, 0);
        if (margin < 0) {
            throw r.error(marginKey, "must be 0 or more", margin);
        }
        r.finish();
        return new ComparisonRule(metric, margin);
    }

    private static Metric metric(StrictMap r) {
        if (!r.has("metric")) {
            throw new PolicyException(r.path("metric") + ": required (a metric name such as f1_macro or rmse)");
        }
        String key = r.string("metric", null);
        try {
            return Metric.fromKey(key);
        } catch (IllegalArgumentException e) {
            throw new PolicyException(r.path("metric") + ": " + e.getMessage());
        }
    }

    /**
     * Refuses a rule whose metric is not defined for {@code task}, naming the rule's path under
     * {@code where} (e.g. {@code ctkit.yaml: gate.thresholds[0].metric}); called before anything
     * is trained, so a policy that can never be judged fails at once.
     */
    public void checkTask(io.ctkit.metrics.Task task, String where) {
        check(task, where, "thresholds", thresholds.stream().map(ThresholdRule::metric).toList());
        check(task, where, "no_regression", noRegression.stream().map(ComparisonRule::metric).toList());
        check(task, where, "improvement", improvement.stream().map(ComparisonRule::metric).toList());
    }

    private static void check(io.ctkit.metrics.Task task, String where, String list, List<Metric> metrics) {
        for (int i = 0; i < metrics.size(); i++) {
            Metric m = metrics.get(i);
            if (!m.supports(task)) {
                String path = (where.endsWith(":") ? where + " " : where + ".") + list + "[" + i + "].metric";
                throw new PolicyException(path + ": " + m.key() + " is not defined for "
                        + task.key() + " models; choose one of "
                        + String.join(", ", Metric.forTask(task).stream().map(Metric::key).toList()));
            }
        }
    }
}
