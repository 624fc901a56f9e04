package io.ctkit.gate;

import io.ctkit.gate.GateCheck.Kind;
import io.ctkit.gate.GatePolicy.ComparisonRule;
import io.ctkit.gate.GatePolicy.ThresholdRule;
import io.ctkit.metrics.Comparison;
import io.ctkit.metrics.ConfidenceInterval;
import io.ctkit.metrics.Evaluation;
import io.ctkit.metrics.Evaluator;
import io.ctkit.metrics.Metric;
import io.ctkit.metrics.MetricValue;
import io.ctkit.metrics.SlicedEvaluation;
import io.ctkit.model.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Judges a challenger against absolute thresholds and, on the same rows, against the champion
 * with a paired bootstrap. A no-regression rule fails only when the drop is significant (the
 * whole interval of the difference lies beyond the tolerated margin); an improvement rule passes
 * only when the gain is significant (the whole interval lies beyond the required gain).
 *
 * <pre>{@code
 * GateVerdict v = new Gate(GatePolicy.fromMap(map, "ctkit.yaml: gate")).judge(challenger, champion);
 * }</pre>
 */
public final class Gate {
    private final GatePolicy policy;

    public Gate(GatePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * The verdict for {@code challenger}; {@code champion} may be {@code null} (first run).
     *
     * @throws IllegalArgumentException when the inputs do not fit the policy (a metric of another
     *                                  task, a slice column not given) or the two models were not
     *                                  scored on the same rows
     */
    public GateVerdict judge(GateInput challenger, GateInput champion) {
        Objects.requireNonNull(challenger, "challenger");
        Task task = challenger.predictions().task();
        List<ComparisonRule> noRegression = policy.hasNoRules()
                ? List.of(new ComparisonRule(mainMetric(task), 0)) : policy.noRegression();
        checkMetrics(task, noRegression);
        if (champion != null) {
            SameRows.check(challenger, champion);
        }
        Evaluator evaluator = Evaluator.create().withThreshold(policy.decisionThreshold())
                .withBootstrap(policy.bootstrap());
        List<GateCheck> checks = new ArrayList<>();
        thresholds(evaluator, challenger, checks);
        comparisons(evaluator, challenger, champion, noRegression, checks);
        boolean passed = checks.stream().allMatch(GateCheck::passed);
        return new GateVerdict(passed, champion == null, checks, challenger.description(),
                champion == null ? null : champion.description());
    }

    /** The metric a policy without rules guards against regression. */
    static Metric mainMetric(Task task) {
        return switch (task) {
            case BINARY_CLASSIFICATION -> Metric.ROC_AUC;
            case MULTICLASS_CLASSIFICATION -> Metric.F1_MACRO;
            case REGRESSION -> Metric.RMSE;
        };
    }

    private void thresholds(Evaluator evaluator, GateInput challenger, List<GateCheck> checks) {
        List<ThresholdRule> overall = policy.thresholds().stream().filter(r -> r.slice() == null).toList();
        if (!overall.isEmpty()) {
            Evaluation e = evaluator.withMetrics(overall.stream().map(ThresholdRule::metric).toList())
                    .evaluate(challenger.predictions());
            for (ThresholdRule rule : overall) {
                checks.add(threshold(rule, null, e.value(rule.metric())));
            }
        }
        // One sliced evaluation per (column, minimum size), shared by the rules that agree on both.
        Map<List<Object>, List<ThresholdRule>> groups = new LinkedHashMap<>();
        for (ThresholdRule rule : policy.thresholds()) {
            if (rule.slice() != null) {
                groups.computeIfAbsent(List.of(rule.slice(), minSliceSize(rule)), k -> new ArrayList<>()).add(rule);
            }
        }
        groups.forEach((group, rules) -> {
            String column = (String) group.get(0);
            int minSize = (Integer) group.get(1);
            String[] keys = challenger.slices().get(column);
            if (keys == null) {
                throw new IllegalArgumentException("a threshold is per slice of \"" + column
                        + "\" but the challenger's rows have no such column; slice columns given: "
                        + challenger.slices().keySet());
            }
            SlicedEvaluation sliced = evaluator.withMetrics(rules.stream().map(ThresholdRule::metric).distinct().toList())
                    .evaluateSlices(challenger.predictions(), keys, minSize);
            for (ThresholdRule rule : rules) {
                sliced.slices().forEach((key, e) -> checks.add(threshold(rule, column + "=" + key, e.value(rule.metric()))));
                sliced.tooSmall().forEach((key, rows) -> checks.add(new GateCheck(name(Kind.THRESHOLD, rule.metric(),
                        column + "=" + key), Kind.THRESHOLD, rule.metric().key(), column + "=" + key, Double.NaN,
                        Double.NaN, Double.NaN, bound(rule), null, null, true, "slice " + column + "=" + key + ": "
                        + rule.metric().key() + " not judged: " + rows + " rows, fewer than min_slice_size "
                        + minSize)));
            }
        });
    }

    private int minSliceSize(ThresholdRule rule) {
        return rule.minSliceSize() != null ? rule.minSliceSize() : policy.minSliceSize();
    }

    private GateCheck threshold(ThresholdRule rule, String slice, MetricValue value) {
        String key = rule.metric().key();
        ConfidenceInterval ci = value.interval();
        double bound = bound(rule);
        boolean min = rule.min() != null;
        boolean passed = value.isDefined() && (min ? value.value() >= bound : value.value() <= bound);
        String prefix = slice == null ? "" : "slice " + slice + ": ";
        String message;
        if (!value.isDefined()) {
            message = prefix + key + " is undefined on these rows (" + rule.metric().undefinedReason()
                    + "), so it cannot be shown to be " + (min ? "at least the minimum " : "at most the maximum ")
                    + Numbers.format(bound);
        } else {
            message = prefix + key + " = " + Numbers.format(value.value()) + Numbers.interval(ci) + " is "
                    + (min ? (passed ? "at least the minimum " : "below the minimum ")
                            : (passed ? "at most the maximum " : "above the maximum ")) + Numbers.format(bound);
        }
        return new GateCheck(name(Kind.THRESHOLD, rule.metric(), slice), Kind.THRESHOLD, key, slice, value.value(),
                ci == null ? Double.NaN : ci.low(), ci == null ? Double.NaN : ci.high(), bound, null, null, passed,
                message);
    }

    private void comparisons(Evaluator evaluator, GateInput challenger, GateInput champion,
            List<ComparisonRule> noRegression, List<GateCheck> checks) {
        List<ComparisonRule> improvement = policy.improvement();
        checkMetrics(challenger.predictions().task(), improvement);
        if (noRegression.isEmpty() && improvement.isEmpty()) {
            return;
        }
        if (champion == null) {
            firstRun(challenger, Kind.NO_REGRESSION, noRegression, checks);
            firstRun(challenger, Kind.IMPROVEMENT, improvement, checks);
            return;
        }
        Set<Metric> metrics = new LinkedHashSet<>();
        noRegression.forEach(r -> metrics.add(r.metric()));
        improvement.forEach(r -> metrics.add(r.metric()));
        Map<Metric, Comparison> compared = evaluator.withMetrics(List.copyOf(metrics))
                .compare(champion.predictions(), challenger.predictions());
        for (ComparisonRule rule : noRegression) {
            checks.add(Comparisons.noRegression(rule, compared.get(rule.metric()), name(Kind.NO_REGRESSION, rule.metric(), null)));
        }
        for (ComparisonRule rule : improvement) {
            checks.add(Comparisons.improvement(rule, compared.get(rule.metric()), name(Kind.IMPROVEMENT, rule.metric(), null)));
        }
    }

    private void firstRun(GateInput challenger, Kind kind, List<ComparisonRule> rules, List<GateCheck> checks) {
        if (rules.isEmpty()) {
            return;
        }
        Evaluation e = Evaluator.create().withThreshold(policy.decisionThreshold()).withBootstrap(policy.bootstrap())
                .withMetrics(rules.stream().map(ComparisonRule::metric).distinct().toList())
                .evaluate(challenger.predictions());
        boolean passed = policy.firstRun() == GatePolicy.FirstRun.PASS;
        for (ComparisonRule rule : rules) {
            MetricValue v = e.value(rule.metric());
            ConfidenceInterval ci = v.interval();
            String message = rule.metric().key() + " = " + Numbers.format(v.value()) + Numbers.interval(ci)
                    + ": no champion to compare with (first run); " + (passed
                    ? "passes by the rule first_run: pass"
                    : "fails by the rule first_run: fail (register a champion or set first_run: pass)");
            checks.add(new GateCheck(name(kind, rule.metric(), null), kind, rule.metric().key(), null, v.value(),
                    ci == null ? Double.NaN : ci.low(), ci == null ? Double.NaN : ci.high(),
                    Comparisons.bound(kind, rule), null, null, passed, message));
        }
    }

    private static double bound(ThresholdRule rule) {
        return rule.min() != null ? rule.min() : rule.max();
    }

    private static String name(Kind kind, Metric metric, String slice) {
        return kind.key() + ":" + metric.key() + (slice == null ? "" : "[" + slice + "]");
    }

    private void checkMetrics(Task task, List<ComparisonRule> rules) {
        List<Metric> all = new ArrayList<>(rules.stream().map(ComparisonRule::metric).toList());
        policy.thresholds().forEach(r -> all.add(r.metric()));
        for (Metric m : all) {
            if (!m.supports(task)) {
                throw new IllegalArgumentException("the gate policy names " + m.key() + ", which is not defined for "
                        + task.shortName() + " predictions; metrics for " + task.shortName() + ": "
                        + String.join(", ", Metric.forTask(task).stream().map(Metric::key).toList()));
            }
        }
    }
}
