package io.ctkit.testkit;

import io.ctkit.gate.Gate;
import io.ctkit.gate.GateCheck;
import io.ctkit.gate.GateInput;
import io.ctkit.gate.GatePolicy;
import io.ctkit.gate.GateVerdict;
import io.ctkit.metrics.BootstrapConfig;
import io.ctkit.metrics.Metric;
import io.ctkit.testkit.internal.Evidence;
import io.ctkit.testkit.internal.quality.QualityMessages;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractAssert;

/**
 * A candidate against its champion on the same rows, judged exactly as the gate's
 * {@code no_regression} rule judges it ({@link Gate}): the difference candidate − champion gets a
 * paired bootstrap interval (both models on the same resampled rows, the candidate's resamples,
 * confidence and seed; 1000 resamples when the test asked for none), and the assertion fails only
 * when the whole interval lies on the worse side of the margin. A difference that may be noise passes.
 *
 * <p><b>No champion</b> (the alias points at no version): the gate's first-run rule, whose default
 * {@code first_run: pass} passes the comparison, saying so in the test's evidence;
 * {@link #requiringChampion()} makes it fail instead, as {@code first_run: fail} does.
 */
public class ChampionComparisonAssert extends AbstractAssert<ChampionComparisonAssert, ModelEvaluation> {

    private final ModelEvaluation champion;
    private final boolean championRequired;

    ChampionComparisonAssert(ModelEvaluation candidate, ModelEvaluation champion, boolean championRequired) {
        super(candidate, ChampionComparisonAssert.class);
        this.champion = champion;
        this.championRequired = championRequired;
    }

    /** Fail when there is no champion, as the gate's {@code first_run: fail}; by default a first run passes. */
    public ChampionComparisonAssert requiringChampion() {
        return new ChampionComparisonAssert(actual, champion, true);
    }

    /** The metric compared, by its report name; the direction (rmse down is better) is the metric's. */
    public Margin on(String metric) {
        Metric m = Metric.fromKey(metric);
        if (!m.supports(actual.task())) {
            throw new IllegalArgumentException("metric " + metric + " is not defined for " + actual.task().shortName()
                    + " models; metrics for " + actual.task().shortName() + ": " + String.join(", ",
                            Metric.forTask(actual.task()).stream().map(Metric::key).toList()));
        }
        return new Margin(m);
    }

    /** The last step of a comparison: how much worse the candidate may be. */
    public final class Margin {
        private final Metric metric;

        private Margin(Metric metric) {
            this.metric = metric;
        }

        /**
         * Passes unless the candidate is significantly worse than the champion by more than
         * {@code margin} (in the metric's units, e.g. 0.05 of r2); 0 tolerates no significant drop.
         */
        public ChampionComparisonAssert withinMargin(double margin) {
            judge(metric, new GatePolicy.ComparisonRule(metric, margin));
            return ChampionComparisonAssert.this;
        }
    }

    private void judge(Metric metric, GatePolicy.ComparisonRule rule) {
        if (champion.exists() && !champion.dataFingerprint().equals(actual.dataFingerprint())) {
            failWithMessage("%s", QualityMessages.differentRows(actual, champion));
        }
        var settings = actual.settings();
        BootstrapConfig bootstrap = new BootstrapConfig(settings.bootstrap() == 0 ? BootstrapConfig.DEFAULT_RESAMPLES
                : settings.bootstrap(), settings.confidence(), settings.seed());
        GatePolicy policy = new GatePolicy(bootstrap, settings.threshold(), 1,
                championRequired ? GatePolicy.FirstRun.FAIL : GatePolicy.FirstRun.PASS, List.of(), List.of(rule), List.of());
        GateVerdict verdict = new Gate(policy).judge(GateInput.of(actual.predictions(), Map.of()),
                champion.exists() ? GateInput.of(champion.predictions(), Map.of()) : null);
        GateCheck check = verdict.checks().get(0);
        Evidence.text("no regression of " + metric.key(), "text/plain", "txt", check.message());
        if (check.passed()) {
            return;
        }
        if (!champion.exists()) {
            failWithMessage("%s", QualityMessages.noChampion(metric, actual, champion));
        } else if (check.delta() == null || !Double.isFinite(check.delta()) || !Double.isFinite(check.ciLow())) {
            failWithMessage("%s", QualityMessages.notComparable(check, actual, champion));
        } else {
            failWithMessage("%s", QualityMessages.worseThanChampion(check, rule.margin(), actual, champion));
        }
    }
}
