package io.ctkit.metrics;

import io.ctkit.model.Task;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.assertj.core.data.Offset;

/** Invariants every metric must keep, on generated predictions with ties and imbalance. */
class MetricPropertiesTest {

    private static final Evaluator EVALUATOR = Evaluator.create();

    @Property(tries = 300)
    void boundedMetricsStayInTheirRange(@ForAll("classification") Predictions predictions) {
        Evaluation e = EVALUATOR.evaluate(predictions);
        for (Metric metric : Metric.values()) {
            if (!e.has(metric) || metric == Metric.MCC || metric == Metric.LOG_LOSS || metric == Metric.BRIER) {
                continue;
            }
            double value = e.get(metric);
            if (metric == Metric.ROC_AUC && Double.isNaN(value)) {
                continue;
            }
            assertThat(value).as(metric.key()).isBetween(0.0, 1.0);
        }
        assertThat(e.mcc()).isBetween(-1.0, 1.0);
        assertThat(e.logLoss()).isGreaterThanOrEqualTo(0.0);
        assertThat(e.brier()).isBetween(0.0, predictions.task() == Task.BINARY_CLASSIFICATION ? 1.0 : 2.0);
    }

    @Property(tries = 300)
    void confusionMatrixCountsEveryRowOnceUnderItsTrueClass(@ForAll("classification") Predictions predictions) {
        ConfusionMatrix matrix = EVALUATOR.evaluate(predictions).confusionMatrix().orElseThrow();
        assertThat(matrix.total()).isEqualTo(predictions.rows());
        for (int c = 0; c < predictions.classes(); c++) {
            int cls = c;
            assertThat(matrix.trueCount(c)).isEqualTo(Arrays.stream(predictions.labels()).filter(l -> l == cls).count());
        }
    }

    @Property(tries = 300)
    void permutingRowsChangesNoMetric(@ForAll("anyTask") Predictions predictions, @ForAll Random random) {
        int[] permutation = shuffled(predictions.rows(), random);
        assertSameMetrics(EVALUATOR.evaluate(predictions.subset(permutation)), EVALUATOR.evaluate(predictions));
    }

    @Property(tries = 300)
    void rankingMetricsIgnoreStrictlyMonotoneScoreTransforms(@ForAll("binary") Predictions predictions) {
        double[] squared = Arrays.stream(predictions.scores()).map(s -> s * s).toArray();
        Evaluation original = EVALUATOR.evaluate(predictions);
        Evaluation transformed = EVALUATOR.evaluate(Predictions.binary(predictions.labels(), squared));
        assertSame(transformed.rocAuc(), original.rocAuc());
        assertSame(transformed.averagePrecision(), original.averagePrecision());
    }

    @Property(tries = 300)
    void reversingScoresMirrorsRocAuc(@ForAll("binary") Predictions predictions) {
        double[] reversed = Arrays.stream(predictions.scores()).map(s -> 1 - s).toArray();
        double auc = EVALUATOR.evaluate(predictions).rocAuc();
        double mirrored = EVALUATOR.evaluate(Predictions.binary(predictions.labels(), reversed)).rocAuc();
        assertSame(mirrored, 1 - auc);
    }

    @Property(tries = 300)
    void swappingTruthAndHardPredictionsKeepsF1AndMcc(@ForAll("binary") Predictions predictions) {
        Evaluation forward = EVALUATOR.evaluate(hard(predictions.labels(), predictions.scores()));
        int[] predicted = Arrays.stream(predictions.scores()).mapToInt(s -> s >= 0.5 ? 1 : 0).toArray();
        double[] truthAsScore = Arrays.stream(predictions.labels()).asDoubleStream().toArray();
        Evaluation backward = EVALUATOR.evaluate(Predictions.binary(predicted, truthAsScore));
        assertSame(backward.f1(), forward.f1());
        assertSame(backward.precision(), forward.recall());
        assertSame(backward.mcc(), forward.mcc());
        assertSame(backward.f1Macro(), forward.f1Macro());
    }

    @Property(tries = 200)
    void perfectClassifierScoresOne(@ForAll("binary") Predictions predictions) {
        double[] perfect = Arrays.stream(predictions.labels()).asDoubleStream().toArray();
        Evaluation e = EVALUATOR.evaluate(Predictions.binary(predictions.labels(), perfect));
        assertThat(e.accuracy()).isEqualTo(1.0);
        assertThat(e.balancedAccuracy()).isEqualTo(1.0);
        assertThat(e.f1Macro()).isEqualTo(1.0);
        assertThat(e.brier()).isEqualTo(0.0);
        if (!Double.isNaN(e.rocAuc())) {
            assertThat(e.rocAuc()).isEqualTo(1.0);
            assertThat(e.mcc()).isCloseTo(1.0, Offset.offset(1e-12));
        }
    }

    @Property(tries = 300)
    void rmseIsNeverBelowMaeAndMedianNeverAboveTheLargestError(@ForAll("regression") Predictions predictions) {
        Evaluation e = EVALUATOR.evaluate(predictions);
        assertThat(e.rmse()).isGreaterThanOrEqualTo(e.mae() * (1 - 1e-12));
        double largest = 0;
        for (int i = 0; i < predictions.rows(); i++) {
            largest = Math.max(largest, Math.abs(predictions.actual()[i] - predictions.predicted()[i]));
        }
        assertThat(e.medianAe()).isBetween(0.0, largest);
    }

    @Property(tries = 200)
    void perfectRegressionHasNoErrorAndR2One(@ForAll("regression") Predictions predictions) {
        Evaluation e = EVALUATOR.evaluate(Predictions.regression(predictions.actual(), predictions.actual()));
        assertThat(e.rmse()).isZero();
        assertThat(e.mae()).isZero();
        assertThat(e.mape()).isZero();
        assertThat(e.medianAe()).isZero();
        if (predictions.rows() >= 2) {
            assertThat(e.r2()).isEqualTo(1.0);
        }
    }

    @Property(tries = 300)
    void rowMultiplicitiesEqualRepeatingRows(@ForAll("anyTask") Predictions predictions, @ForAll Random random) {
        int[] weights = new int[predictions.rows()];
        int total = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = random.nextInt(4);
            total += weights[i];
        }
        if (total == 0) {
            weights[0] = 1;
            total = 1;
        }
        int[] expanded = new int[total];
        for (int i = 0, j = 0; i < weights.length; i++) {
            for (int w = 0; w < weights[i]; w++) {
                expanded[j++] = i;
            }
        }
        Evaluation repeated = EVALUATOR.evaluate(predictions.subset(expanded));
        byte[] byRow = new byte[weights.length];
        for (int i = 0; i < weights.length; i++) {
            byRow[i] = (byte) weights[i];
        }
        PreparedRows prepared = PreparedRows.of(predictions, Evaluator.DEFAULT_THRESHOLD);
        Sample weighted = Sample.of(prepared, prepared.fromRowOrder(byRow, new byte[weights.length]));
        for (Metric metric : Metric.forTask(predictions.task())) {
            assertSame(metric.compute(weighted), repeated.get(metric));
        }
    }

    @Provide
    Arbitrary<Predictions> binary() {
        return Arbitraries.integers().between(1, 40).flatMap(n -> Combinators.combine(
                Arbitraries.doubles().between(0.05, 0.95),
                Arbitraries.integers().between(0, 20).map(k -> k / 20.0).array(double[].class).ofSize(n),
                Arbitraries.randoms())
                .as((positiveRate, scores, random) -> {
                    int[] labels = new int[n];
                    for (int i = 0; i < n; i++) {
                        labels[i] = random.nextDouble() < positiveRate ? 1 : 0;
                    }
                    return Predictions.binary(labels, scores);
                }));
    }

    @Provide
    Arbitrary<Predictions> multiclass() {
        return Combinators.combine(Arbitraries.integers().between(1, 40), Arbitraries.integers().between(2, 5),
                Arbitraries.randoms()).as((n, k, random) -> {
                    int[] labels = new int[n];
                    double[][] p = new double[n][k];
                    for (int i = 0; i < n; i++) {
                        labels[i] = random.nextInt(k) * random.nextInt(2); // class 0 is more frequent
                        int sum = 0;
                        int[] mass = new int[k];
                        for (int c = 0; c < k; c++) {
                            mass[c] = random.nextInt(4) + (c == labels[i] ? random.nextInt(4) : 0);
                            sum += mass[c];
                        }
                        for (int c = 0; c < k; c++) {
                            p[i][c] = sum == 0 ? 1.0 / k : (double) mass[c] / sum;
                        }
                    }
                    return Predictions.multiclass(labels, p);
                });
    }

    @Provide
    Arbitrary<Predictions> regression() {
        return Arbitraries.integers().between(1, 40).flatMap(n -> Combinators.combine(
                Arbitraries.integers().between(-50, 50).map(k -> k / 4.0).array(double[].class).ofSize(n),
                Arbitraries.doubles().between(-30, 30).array(double[].class).ofSize(n))
                .as(Predictions::regression));
    }

    @Provide
    Arbitrary<Predictions> classification() {
        return Arbitraries.oneOf(binary(), multiclass());
    }

    @Provide
    Arbitrary<Predictions> anyTask() {
        return Arbitraries.oneOf(binary(), multiclass(), regression());
    }

    private static Predictions hard(int[] labels, double[] scores) {
        return Predictions.binary(labels, Arrays.stream(scores).map(s -> s >= 0.5 ? 1.0 : 0.0).toArray());
    }

    private static int[] shuffled(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static void assertSameMetrics(Evaluation actual, Evaluation expected) {
        assertThat(actual.values().keySet()).isEqualTo(expected.values().keySet());
        for (Map.Entry<Metric, Double> e : expected.asMap().entrySet()) {
            assertSame(actual.get(e.getKey()), e.getValue());
        }
    }

    /** Equal up to summation-order rounding; NaN only where NaN is expected. */
    private static void assertSame(double actual, double expected) {
        if (Double.isNaN(expected)) {
            assertThat(actual).isNaN();
        } else {
            assertThat(actual).isCloseTo(expected, Offset.offset(1e-12 * Math.max(1, Math.abs(expected))));
        }
    }
}
