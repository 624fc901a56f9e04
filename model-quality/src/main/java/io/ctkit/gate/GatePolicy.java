package io.ctkit.gate;

import io.ctkit.metrics.BootstrapConfig;
import io.ctkit.metrics.Metric;
import io.ctkit.config.ConfigException;
import io.ctkit.config.ConfigNode;
import io.ctkit.model.Task;
import java.util.ArrayList;
import java.util.Set;
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
 * tests: required           # required | advisory: the model's own tests (the test stage's JUnit XML)
 * }</pre>
 *
 * @param bootstrap         resamples, confidence level and seed of intervals and paired tests
 * @param decisionThreshold binary decision threshold
 * @param minSliceSize      fewest rows a slice needs to be judged
 * @param firstRun          what no-regression and improvement rules do without a champion
 * @param thresholds        absolute bounds
 * @param noRegression      metrics that must not get significantly worse than the champion's
 * @param improvement       metrics that must get significantly better than the champion's
 * @param tests             what failing model tests do to the verdict, when the gate is given test results
 */
public record GatePolicy(BootstrapConfig bootstrap, double decisionThreshold, int minSliceSize, FirstRun firstRun,
        List<ThresholdRule> thresholds, List<ComparisonRule> noRegression, List<ComparisonRule> improvement,
        Tests tests) {

    /** What the model's own tests (e.g. {@code @ModelQualityTest}s) count for, when the gate is given their results. */
    public enum Tests {
        /** A failed or erroneous test fails the gate. */
        REQUIRED,
        /** Failures are reported in the verdict but do not fail it. */
        ADVISORY
    }

    /** The policy of the rules before the {@code tests} rule: tests required. */
    public GatePolicy(BootstrapConfig bootstrap, double decisionThreshold, int minSliceSize, FirstRun firstRun,
            List<ThresholdRule> thresholds, List<ComparisonRule> noRegression, List<ComparisonRule> improvement) {
        this(bootstrap, decisionThreshold, minSliceSize, firstRun, thresholds, noRegression, improvement,
                Tests.REQUIRED);
    }

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
        Objects.requireNonNull(tests, "tests");
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
     * Reads the map form at a place in a settings document (ctkit.yaml's {@code gate:}, or a
     * policy file's root). Unknown keys, bad values and unknown metrics are errors naming the path.
     */
    public static GatePolicy read(ConfigNode node) {
        node.requireObject(KEYS);
        BootstrapConfig bootstrap = new BootstrapConfig(
                node.optional("bootstrap").map(ConfigNode::positiveInt).orElse(BootstrapConfig.DEFAULT_RESAMPLES),
                node.optional("confidence").map(ConfigNode::openFraction).orElse(BootstrapConfig.DEFAULT_LEVEL),
                node.optional("seed").map(ConfigNode::anyLong).orElse(BootstrapConfig.DEFAULT_SEED));
        double threshold = node.optional("decision_threshold").map(ConfigNode::fraction).orElse(0.5);
        int minSlice = node.optional("min_slice_size").map(ConfigNode::positiveInt).orElse(30);
        FirstRun firstRun = FirstRun.valueOf(node.optional("first_run").map(n -> n.choice(List.of("pass", "fail")))
                .orElse("pass").toUpperCase(Locale.ROOT));
        List<ThresholdRule> thresholds = new ArrayList<>();
        for (ConfigNode r : node.optional("thresholds").map(ConfigNode::list).orElse(List.of())) {
            r.requireObject(THRESHOLD_KEYS);
            Metric metric = metric(r);
            Double min = r.optional("min").map(ConfigNode::number).orElse(null);
            Double max = r.optional("max").map(ConfigNode::number).orElse(null);
            String slice = r.optional("slice").map(ConfigNode::string).orElse(null);
            Integer minSize = r.optional("min_slice_size").map(ConfigNode::positiveInt).orElse(null);
            if ((min == null) == (max == null)) {
                throw r.error("give exactly one of min and max for " + metric.key());
            }
            if (minSize != null && slice == null) {
                throw r.error("min_slice_size", "applies only with a slice column (slice: ...)");
            }
            thresholds.add(new ThresholdRule(metric, min, max, slice, minSize));
        }
        List<ComparisonRule> noRegression = comparisons(node, "no_regression", "margin");
        List<ComparisonRule> improvement = comparisons(node, "improvement", "min_gain");
        Tests tests = Tests.valueOf(node.optional("tests").map(n -> n.choice(List.of("required", "advisory")))
                .orElse("required").toUpperCase(Locale.ROOT));
        return new GatePolicy(bootstrap, threshold, minSlice, firstRun, thresholds, noRegression, improvement, tests);
    }

    private static final Set<String> KEYS = Set.of("confidence", "bootstrap", "seed", "decision_threshold",
            "min_slice_size", "first_run", "thresholds", "no_regression", "improvement", "tests");
    private static final Set<String> THRESHOLD_KEYS = Set.of("metric", "min", "max", "slice", "min_slice_size");

    private static List<ComparisonRule> comparisons(ConfigNode node, String list, String marginKey) {
        List<ComparisonRule> rules = new ArrayList<>();
        for (ConfigNode r : node.optional(list).map(ConfigNode::list).orElse(List.of())) {
            r.requireObject(Set.of("metric", marginKey));
            Metric metric = metric(r);
            double margin = r.optional(marginKey).map(n -> n.numberIn(0, true, Double.POSITIVE_INFINITY, false)).orElse(0.0);
            rules.add(new ComparisonRule(metric, margin));
        }
        return rules;
    }

    private static Metric metric(ConfigNode r) {
        String key = r.required("metric").string();
        try {
            return Metric.fromKey(key);
        } catch (IllegalArgumentException e) {
            throw r.get("metric").error(e.getMessage()
                    + ConfigNode.suggestion(key, java.util.Arrays.stream(Metric.values()).map(Metric::key).toList()));
        }
    }

    /**
     * Refuses a rule whose metric is not defined for {@code task}, naming the rule's path under
     * {@code node} (e.g. {@code ctkit.yaml: gate.thresholds[0].metric}); called before anything
     * is trained, so a policy that can never be judged fails at once.
     */
    public void checkTask(Task task, ConfigNode node) {
        check(task, node, "thresholds", thresholds.stream().map(ThresholdRule::metric).toList());
        check(task, node, "no_regression", noRegression.stream().map(ComparisonRule::metric).toList());
        check(task, node, "improvement", improvement.stream().map(ComparisonRule::metric).toList());
    }

    private static void check(Task task, ConfigNode node, String list, List<Metric> metrics) {
        for (int i = 0; i < metrics.size(); i++) {
            Metric m = metrics.get(i);
            if (!m.supports(task)) {
                String problem = m.key() + " is not defined for " + task.shortName() + " models; choose one of "
                        + String.join(", ", Metric.forTask(task).stream().map(Metric::key).toList());
                ConfigNode rules = node.get(list);
                if (rules.raw().isArray() && rules.raw().size() > i) {
                    throw rules.list().get(i).get("metric").error(problem); // names the line too
                }
                throw new ConfigException(node.source(), (node.path().isEmpty() ? "" : node.path() + ".") + list + "["
                        + i + "].metric", problem);
            }
        }
    }
}
