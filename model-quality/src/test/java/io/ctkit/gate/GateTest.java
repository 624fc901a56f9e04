package io.ctkit.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.ctkit.metrics.Predictions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GateTest {

    static final int[] Y = Synthetic.labels(600, 1);
    static final double[] GOOD = Synthetic.scores(Y, 2.5, 2);
    static final double[] BAD = Synthetic.scores(Y, 1.0, 3);

    static GatePolicy policy(String yaml) {
        return GatePolicy.read(Yaml.node(yaml, "test", ""));
    }

    @Test
    void aWorseChallengerFailsNamingTheMetricTheValuesAndTheInterval() {
        GateVerdict v = new Gate(policy("no_regression: [{metric: roc_auc}]"))
                .judge(Synthetic.input(Y, BAD, "challenger"), Synthetic.input(Y, GOOD, "champion"));

        GateCheck c = v.checks().get(0);
        assertSoftly(softly -> {
            softly.assertThat(v.passed()).isFalse();
            softly.assertThat(v.firstRun()).isFalse();
            softly.assertThat(c.kind()).isEqualTo(GateCheck.Kind.NO_REGRESSION);
            softly.assertThat(c.delta()).isNegative();
            softly.assertThat(c.ciHigh()).isLessThan(0);
            softly.assertThat(c.observed()).isLessThan(c.champion());
            softly.assertThat(c.message()).startsWith("roc_auc = " + Numbers.format(c.observed()) + " vs the champion's "
                    + Numbers.format(c.champion()) + ": delta \u2212").contains("95% CI", "significant drop", "worse");
        });
    }

    @Test
    void anInsignificantDifferencePasses() {
        double[] almost = Synthetic.nudged(GOOD, 40, 0.01);

        GateVerdict v = new Gate(policy("no_regression: [{metric: roc_auc}, {metric: accuracy}, {metric: log_loss}]"))
                .judge(Synthetic.input(Y, almost, "challenger"), Synthetic.input(Y, GOOD, "champion"));

        assertThat(v.checks()).hasSize(3).allSatisfy(c -> {
            assertThat(c.passed()).as(c.message()).isTrue();
            assertThat(c.ciLow()).isLessThanOrEqualTo(0);
            assertThat(c.ciHigh()).isGreaterThanOrEqualTo(0);
        });
        assertThat(v.passed()).isTrue();
    }

    /** Slightly worse than GOOD, but significantly so on 600 rows. */
    static final double[] SLIGHTLY_WORSE = Synthetic.scores(Y, 2.2, 2);

    @Test
    void aSignificantDropFailsWithoutAMargin() {
        GateVerdict s = new Gate(policy("no_regression: [{metric: roc_auc}]"))
                .judge(Synthetic.input(Y, SLIGHTLY_WORSE, "c"), Synthetic.input(Y, GOOD, "p"));

        assertThat(s.passed()).as(s.summary()).isFalse();
    }

    @Test
    void aSignificantDropWithinTheToleratedMarginPasses() {
        GateVerdict t = new Gate(policy("no_regression: [{metric: roc_auc, margin: 0.05}]"))
                .judge(Synthetic.input(Y, SLIGHTLY_WORSE, "c"), Synthetic.input(Y, GOOD, "p"));

        assertThat(t.passed()).as(t.summary()).isTrue();
        assertThat(t.checks().get(0).bound()).isEqualTo(-0.05);
    }

    @Test
    void anImprovementRequirementPassesOnASignificantGain() {
        GateVerdict better = new Gate(policy("improvement: [{metric: roc_auc}]"))
                .judge(Synthetic.input(Y, GOOD, "c"), Synthetic.input(Y, BAD, "p"));

        assertThat(better.passed()).as(better.summary()).isTrue();
        assertThat(better.checks().get(0).ciLow()).isPositive();
    }

    @Test
    void anImprovementRequirementFailsWithoutASignificantGain() {
        GateVerdict same = new Gate(policy("improvement: [{metric: roc_auc}]"))
                .judge(Synthetic.input(Y, Synthetic.nudged(GOOD, 40, 0.01), "c"), Synthetic.input(Y, GOOD, "p"));

        assertThat(same.passed()).isFalse();
        assertThat(same.checks().get(0).message()).contains("not significantly above 0", "no significant improvement");
    }

    @Test
    void forALossLowerIsBetter() {
        GateVerdict v = new Gate(policy("no_regression: [{metric: log_loss}]"))
                .judge(Synthetic.input(Y, BAD, "c"), Synthetic.input(Y, GOOD, "p"));

        GateCheck c = v.checks().get(0);
        assertThat(c.delta()).isPositive();
        assertThat(c.passed()).isFalse();
        assertThat(c.message()).contains("significant rise");
    }

    /** Regression targets with predictions of small ({@code [1]}) and larger ({@code [2]}) errors. */
    private static double[][] regression() {
        SplittableRandom r = new SplittableRandom(9);
        int n = 300;
        double[] y = new double[n];
        double[] close = new double[n];
        double[] far = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = 100 + 20 * r.nextDouble();
            close[i] = y[i] + r.nextDouble(-2, 2);
            far[i] = y[i] + r.nextDouble(-6, 6);
        }
        return new double[][] {y, close, far};
    }

    private static final String RMSE_GAIN = "{improvement: [{metric: rmse, min_gain: 0.5}], no_regression: [{metric: mae}]}";

    @Test
    void aRegressionModelWithSmallerErrorsIsASignificantImprovementInRmse() {
        double[][] d = regression();

        GateVerdict v = new Gate(policy(RMSE_GAIN)).judge(GateInput.of(Predictions.regression(d[0], d[1]), Map.of()),
                GateInput.of(Predictions.regression(d[0], d[2]), Map.of()));

        GateCheck rmse = v.checks().get(1); // no_regression checks come before improvement checks
        assertSoftly(softly -> {
            softly.assertThat(rmse.passed()).as(rmse.message()).isTrue();
            softly.assertThat(rmse.bound()).isEqualTo(-0.5);
            softly.assertThat(rmse.ciHigh()).isLessThan(-0.5);
            softly.assertThat(rmse.message()).contains("is significantly below −0.5: the challenger is better");
            softly.assertThat(v.passed()).isTrue();
            softly.assertThat(v.checks().get(0).name()).isEqualTo("no_regression:mae");
        });
    }

    @Test
    void aRegressionModelWithLargerErrorsFailsBothTheImprovementAndTheNoRegressionRule() {
        double[][] d = regression();

        GateVerdict back = new Gate(policy(RMSE_GAIN)).judge(GateInput.of(Predictions.regression(d[0], d[2]), Map.of()),
                GateInput.of(Predictions.regression(d[0], d[1]), Map.of()));

        assertThat(back.checks()).extracting(GateCheck::passed).containsExactly(false, false);
    }

    @Test
    void aThresholdFailureReadsLikeAnAssertion() {
        GateVerdict v = new Gate(policy("thresholds: [{metric: accuracy, min: 0.99}, {metric: brier, max: 0.5}]"))
                .judge(Synthetic.input(Y, GOOD, "c"), null);

        GateCheck accuracy = v.checks().get(0);
        assertSoftly(softly -> {
            softly.assertThat(v.passed()).isFalse();
            softly.assertThat(accuracy.message())
                    .matches("accuracy = 0\\.\\d+ \\(95% CI 0\\.\\d+\u20130\\.\\d+\\) is below the minimum 0\\.99");
            softly.assertThat(accuracy.ciLow()).isLessThan(accuracy.observed()).isLessThan(accuracy.ciHigh());
            softly.assertThat(v.checks().get(1).passed()).isTrue();
            softly.assertThat(v.checks().get(1).message()).contains("is at most the maximum 0.5");
        });
    }

    @Test
    void withoutAChampionTheFirstRunPassesByDefault() {
        GateVerdict pass = new Gate(policy("no_regression: [{metric: roc_auc}]")).judge(Synthetic.input(Y, GOOD, "c"), null);

        assertSoftly(softly -> {
            softly.assertThat(pass.firstRun()).isTrue();
            softly.assertThat(pass.passed()).isTrue();
            softly.assertThat(pass.checks().get(0).message()).contains("no champion", "first_run: pass");
            softly.assertThat(pass.checks().get(0).champion()).isNull();
            softly.assertThat(pass.toJson().get("champion").isNull()).isTrue();
        });
    }

    @Test
    void withoutAChampionTheFirstRunFailsUnderTheRuleFirstRunFail() {
        GateVerdict fail = new Gate(policy("{first_run: fail, no_regression: [{metric: roc_auc}]}"))
                .judge(Synthetic.input(Y, GOOD, "c"), null);

        assertThat(fail.passed()).isFalse();
        assertThat(fail.checks().get(0).message()).contains("fails by the rule first_run: fail");
    }

    @Test
    void aPolicyWithoutRulesGuardsTheMainMetric() {
        GateVerdict v = new Gate(GatePolicy.defaults())
                .judge(Synthetic.input(Y, BAD, "c"), Synthetic.input(Y, GOOD, "p"));

        assertThat(v.checks()).extracting(GateCheck::name).containsExactly("no_regression:roc_auc");
        assertThat(v.passed()).isFalse();
    }

    @Test
    void sliceThresholdsJudgeEveryLargeEnoughSlice() {
        String[] keys = new String[Y.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i < 10 ? "tiny" : i % 2 == 0 ? "email" : "search";
        }
        GateInput in = new GateInput(Predictions.binary(Y, GOOD), Map.of("channel", keys), null, Map.of());

        GateVerdict v = new Gate(policy("{min_slice_size: 20, thresholds: [{metric: roc_auc, min: 0.5, slice: channel}]}"))
                .judge(in, null);

        assertThat(v.checks()).extracting(GateCheck::slice).containsExactly("channel=email", "channel=search", "channel=tiny");
        assertSoftly(softly -> {
            softly.assertThat(v.checks().get(0).message()).startsWith("slice channel=email: roc_auc = ");
            softly.assertThat(v.checks().get(2).observed()).isNaN();
            softly.assertThat(v.checks().get(2).message()).contains("not judged", "10 rows", "min_slice_size 20");
            softly.assertThat(v.passed()).isTrue();
        });
    }

    @Test
    void aRuleMayRequireLargerSlicesThanThePolicy() {
        String[] keys = new String[Y.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i < 100 ? "small" : "large";
        }
        GateInput in = new GateInput(Predictions.binary(Y, GOOD), Map.of("segment", keys), null, Map.of());

        GateVerdict v = new Gate(policy("{min_slice_size: 20, thresholds: [{metric: accuracy, min: 0.5, slice: segment},"
                + " {metric: roc_auc, min: 0.5, slice: segment, min_slice_size: 200}]}")).judge(in, null);

        assertThat(v.checks()).extracting(c -> c.metric() + " " + c.slice() + " " + Double.isNaN(c.observed()))
                .containsExactly("accuracy segment=large false", "accuracy segment=small false",
                        "roc_auc segment=large false", "roc_auc segment=small true");
        assertThat(v.checks().get(3).message()).contains("100 rows, fewer than min_slice_size 200");
    }

    @Test
    void differentRowsAreRefused() {
        GateInput a = new GateInput(Predictions.binary(Y, GOOD), Map.of(), ids("r", Y.length), Map.of());
        String[] shifted = ids("r", Y.length);
        shifted[7] = "x";
        GateInput b = new GateInput(Predictions.binary(Y, BAD), Map.of(), shifted, Map.of());

        assertThatThrownBy(() -> new Gate(GatePolicy.defaults()).judge(a, b))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 8 has id \"r7\" for the challenger but \"x\" for the champion");
    }

    @Test
    void aMetricOfAnotherTaskIsRefused() {
        assertThatThrownBy(() -> new Gate(policy("thresholds: [{metric: rmse, max: 1}]"))
                .judge(Synthetic.input(Y, GOOD, "c"), null))
                .hasMessageContaining("rmse, which is not defined for binary predictions");
    }

    @Test
    void theVerdictJsonHasTheContractShape() {
        GateVerdict v = new Gate(policy("{thresholds: [{metric: accuracy, min: 0.5}], no_regression: [{metric: roc_auc}]}"))
                .judge(Synthetic.input(Y, GOOD, "c"), Synthetic.input(Y, GOOD, "p"));

        var json = v.toJson();
        assertSoftly(softly -> {
            softly.assertThat(List.copyOf(iterable(json.fieldNames())))
                    .containsExactly("format", "passed", "first_run", "checks", "challenger", "champion");
            softly.assertThat(json.get("format").asText()).isEqualTo("ctkit-gate/1");
            softly.assertThat(List.copyOf(iterable(json.get("checks").get(0).fieldNames()))).containsExactly("name", "kind",
                    "metric", "slice", "observed", "ci_low", "ci_high", "bound", "champion", "delta", "passed", "message");
            softly.assertThat(json.get("checks").get(0).get("champion").isNull()).isTrue();
            softly.assertThat(json.get("checks").get(1).get("delta").asDouble()).isZero();
            softly.assertThat(json.get("challenger").get("source").asText()).isEqualTo("c");
        });
    }

    private static String[] ids(String prefix, int n) {
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = prefix + i;
        }
        return ids;
    }

    private static <T> List<T> iterable(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
