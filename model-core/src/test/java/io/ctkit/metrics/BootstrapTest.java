package io.ctkit.metrics;

import io.ctkit.model.Task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.junit.jupiter.api.Named.named;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BootstrapTest {

    private static final BootstrapConfig CONFIG = BootstrapConfig.defaults().withResamples(400).withSeed(11);

    static Stream<Named<Predictions>> intervalsEqualPercentilesOfMetricsRecomputedOnExplicitlyResampledRows() {
        return Stream.of(named("binary", SyntheticData.binary(60, 0.3, 0.8, 5)),
                named("binary with tied scores", tied(SyntheticData.binary(70, 0.4, 0.8, 6))),
                named("multiclass", SyntheticData.multiclass(60, 3, 1.0, 7)),
                named("regression", SyntheticData.regression(60, 1.0, 8)));
    }

    /**
     * The weighted engine against the straightforward computation: each resample's rows copied out
     * explicitly and evaluated from scratch (sorted again), with the same generator and draw order.
     */
    @ParameterizedTest
    @MethodSource
    void intervalsEqualPercentilesOfMetricsRecomputedOnExplicitlyResampledRows(Predictions predictions) {
        BootstrapConfig config = CONFIG.withResamples(150);
        Evaluation evaluation = Evaluator.create().withBootstrap(config).evaluate(predictions);

        // The engine draws positions of its prepared rows (binary: in score order); a drawn
        // position stands for the row there.
        int[] rowAt = PreparedRows.of(predictions, Evaluator.DEFAULT_THRESHOLD).rowOrder();
        List<Metric> metrics = Metric.forTask(predictions.task());
        double[][] values = new double[metrics.size()][config.resamples()];
        for (int b = 0; b < config.resamples(); b++) {
            int[] rows = Bootstrap.positions(Bootstrap.random(config.seed(), b), predictions.rows());
            for (int i = 0; i < rows.length; i++) {
                rows[i] = rowAt == null ? rows[i] : rowAt[rows[i]];
            }
            Evaluation resample = Evaluator.create().evaluate(predictions.subset(rows));
            for (int m = 0; m < metrics.size(); m++) {
                values[m][b] = resample.get(metrics.get(m));
            }
        }
        for (int m = 0; m < metrics.size(); m++) {
            double[] defined = Arrays.stream(values[m]).filter(v -> !Double.isNaN(v)).sorted().toArray();
            ConfidenceInterval interval = evaluation.value(metrics.get(m)).interval();
            assertThat(interval.skipped()).as(metrics.get(m).key()).isEqualTo(config.resamples() - defined.length);
            assertThat(interval.low()).as(metrics.get(m).key())
                    .isCloseTo(Quantiles.linear(defined, defined.length, 0.025), offset(1e-12));
            assertThat(interval.high()).as(metrics.get(m).key())
                    .isCloseTo(Quantiles.linear(defined, defined.length, 0.975), offset(1e-12));
        }
    }

    @Test
    void intervalsAndComparisonsAreTheSameForAnyNumberOfThreads() {
        Predictions binary = SyntheticData.binary(3000, 0.3, 1.0, 31);
        Predictions challenger = SyntheticData.perturbed(binary, 0.5, 32);
        List<Predictions> all = List.of(binary, SyntheticData.multiclass(1500, 4, 1.5, 33),
                SyntheticData.regression(1500, 1.0, 34));
        Evaluator one = Evaluator.create().withBootstrap(CONFIG.withResamples(200)).withThreads(1);

        for (int threads : new int[] {2, 3, 8}) {
            Evaluator many = one.withThreads(threads);
            for (Predictions predictions : all) {
                assertThat(many.evaluate(predictions)).as("%s, %d threads", predictions.task(), threads)
                        .isEqualTo(one.evaluate(predictions));
            }
            assertThat(many.compare(binary, challenger)).as("comparison, %d threads", threads)
                    .isEqualTo(one.compare(binary, challenger));
        }
    }

    @Test
    void drawCountsExactlyThePositionsOfItsSequence() {
        // A million rows: about 230 draws rejected and drawn anew, which the sequences must agree on too.
        for (int n : new int[] {1, 2, 7, 1000, 1_000_000}) {
            byte[] weights = new byte[n];
            Bootstrap.draw(5, 3, weights);
            int[] counts = new int[n];
            for (int position : Bootstrap.positions(Bootstrap.random(5, 3), n)) {
                counts[position]++;
            }
            int[] drawn = new int[n];
            for (int i = 0; i < n; i++) {
                drawn[i] = weights[i] & 0xFF;
            }
            assertThat(drawn).as("%d rows", n).isEqualTo(counts);
            assertThat(Arrays.stream(counts).sum()).isEqualTo(n);
        }
    }

    @Test
    void unsignedSumCountsEveryByteAsUnsigned() {
        SplittableRandom random = new SplittableRandom(11);
        for (int n : new int[] {0, 1, 7, 8, 9, 1023, 8 * 128 * 3 + 5}) {
            byte[] bytes = new byte[n];
            long expected = 0;
            for (int i = 0; i < n; i++) {
                bytes[i] = (byte) (i % 5 == 0 ? 255 : random.nextInt(256));
                expected += bytes[i] & 0xFF;
            }
            assertThat(Bootstrap.unsignedSum(bytes)).as("%d bytes", n).isEqualTo(expected);
        }
    }

    @Test
    void resamplesHaveUnrelatedGenerators() {
        // Neighbouring resamples and seeds must not share draws (as seed + b would with one gamma).
        int[] first = Bootstrap.positions(Bootstrap.random(42, 0), 1000);
        int[] next = Bootstrap.positions(Bootstrap.random(42, 1), 1000);
        int[] otherSeed = Bootstrap.positions(Bootstrap.random(43, 0), 1000);
        assertThat(matches(first, next)).isLessThan(10);
        assertThat(matches(first, otherSeed)).isLessThan(10);
        assertThat(matches(Arrays.copyOfRange(first, 1, 1000), Arrays.copyOf(next, 999))).isLessThan(10);
    }

    private static int matches(int[] a, int[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += a[i] == b[i] ? 1 : 0;
        }
        return same;
    }

    /** The same rows with scores rounded to tenths, so that ties span both classes. */
    private static Predictions tied(Predictions predictions) {
        double[] scores = Arrays.stream(predictions.scores()).map(s -> Math.round(s * 10) / 10.0).toArray();
        return Predictions.binary(predictions.labels(), scores);
    }

    static Stream<Named<Predictions>> intervalContainsThePointEstimateOnReasonableData() {
        return Stream.of(named("binary", SyntheticData.binary(800, 0.3, 1.0, 1)),
                named("multiclass", SyntheticData.multiclass(800, 4, 1.5, 2)),
                named("regression", SyntheticData.regression(800, 1.0, 3)));
    }

    @ParameterizedTest
    @MethodSource
    void intervalContainsThePointEstimateOnReasonableData(Predictions predictions) {
        Evaluation evaluation = Evaluator.create().withBootstrap(CONFIG).evaluate(predictions);

        assertSoftly(softly -> evaluation.values().forEach((metric, value) -> {
            softly.assertThat(value.interval().contains(value.value()))
                    .as("%s %s = %s in %s", predictions.task().shortName(), metric.key(), value.value(), value.interval())
                    .isTrue();
            softly.assertThat(value.interval().skipped()).as(metric.key()).isZero();
            softly.assertThat(value.interval().high()).as(metric.key()).isGreaterThan(value.interval().low());
        }));
    }

    @Test
    void sameSeedGivesIdenticalIntervalsAndAnotherSeedDifferentOnes() {
        Predictions predictions = SyntheticData.binary(300, 0.4, 1.0, 7);
        Evaluation first = Evaluator.create().withBootstrap(CONFIG).evaluate(predictions);
        Evaluation again = Evaluator.create().withBootstrap(CONFIG).evaluate(predictions);
        Evaluation otherSeed = Evaluator.create().withBootstrap(CONFIG.withSeed(12)).evaluate(predictions);

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed.value(Metric.ROC_AUC).interval()).isNotEqualTo(first.value(Metric.ROC_AUC).interval());
        assertThat(otherSeed.rocAuc()).isEqualTo(first.rocAuc());
    }

    @Test
    void intervalsNarrowWithMoreRows() {
        Evaluator evaluator = Evaluator.create().withBootstrap(CONFIG);
        Evaluation small = evaluator.evaluate(SyntheticData.binary(200, 0.3, 1.0, 21));
        Evaluation large = evaluator.evaluate(SyntheticData.binary(5000, 0.3, 1.0, 21));
        Evaluation smallRegression = evaluator.evaluate(SyntheticData.regression(200, 1.0, 22));
        Evaluation largeRegression = evaluator.evaluate(SyntheticData.regression(5000, 1.0, 22));

        assertSoftly(softly -> {
            for (Metric metric : List.of(Metric.ROC_AUC, Metric.ACCURACY, Metric.F1, Metric.LOG_LOSS)) {
                softly.assertThat(width(large, metric)).as(metric.key()).isLessThan(width(small, metric) / 2);
            }
            for (Metric metric : List.of(Metric.RMSE, Metric.R2, Metric.MEDIAN_AE)) {
                softly.assertThat(width(largeRegression, metric)).as(metric.key())
                        .isLessThan(width(smallRegression, metric) / 2);
            }
        });
    }

    @Test
    void higherLevelGivesWiderInterval() {
        Predictions predictions = SyntheticData.regression(300, 1.0, 4);
        Evaluation narrow = Evaluator.create().withBootstrap(CONFIG.withLevel(0.8)).evaluate(predictions);
        Evaluation wide = Evaluator.create().withBootstrap(CONFIG.withLevel(0.99)).evaluate(predictions);

        assertThat(wide.value(Metric.MAE).interval().level()).isEqualTo(0.99);
        assertThat(width(wide, Metric.MAE)).isGreaterThan(width(narrow, Metric.MAE));
    }

    @Test
    void resamplesWhereTheMetricIsUndefinedAreSkippedAndCounted() {
        int[] labels = new int[20];
        double[] scores = new double[20];
        labels[3] = 1;
        for (int i = 0; i < scores.length; i++) {
            scores[i] = i / 20.0;
        }
        Evaluation evaluation = Evaluator.create().withBootstrap(CONFIG.withResamples(1000))
                .evaluate(Predictions.binary(labels, scores));

        ConfidenceInterval auc = evaluation.value(Metric.ROC_AUC).interval();
        // P(the single positive row is never drawn) = (19/20)^20, about 0.358.
        assertThat(auc.skipped()).isBetween(300, 420);
        assertThat(auc.used()).isEqualTo(1000 - auc.skipped());
        assertThat(evaluation.value(Metric.ACCURACY).interval().skipped()).isZero();
    }

    @Test
    void metricUndefinedOnEveryResampleHasNoBounds() {
        Evaluation evaluation = Evaluator.create().withBootstrap(CONFIG)
                .evaluate(Predictions.binary(new int[] {1, 1, 1}, new double[] {0.2, 0.5, 0.9}));

        MetricValue auc = evaluation.value(Metric.ROC_AUC);
        assertThat(auc.value()).isNaN();
        assertThat(auc.interval().low()).isNaN();
        assertThat(auc.interval().high()).isNaN();
        assertThat(auc.interval().skipped()).isEqualTo(CONFIG.resamples());
    }

    @Test
    void indexDrawsAreUniformOverRows() {
        SplittableRandom random = new SplittableRandom(3);
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) {
            counts[Bootstrap.index(random.nextInt(), random, 7)]++;
        }
        assertThat(Arrays.stream(counts).boxed()).allSatisfy(c -> assertThat(c).isBetween(9_600, 10_400));
    }

    @Test
    void configRejectsSettingsThatCannotWork() {
        assertThatThrownBy(() -> BootstrapConfig.defaults().withResamples(0))
                .hasMessage("bootstrap resamples must be at least 1: 0");
    }

    @Test
    void configRejectsALevelOfOne() {
        assertThatThrownBy(() -> BootstrapConfig.defaults().withLevel(1.0))
                .hasMessage("confidence level must be strictly between 0 and 1, e.g. 0.95: 1.0");
    }

    @Test
    void defaultsAreAThousandResamplesAt95PercentWithSeed42() {
        assertThat(BootstrapConfig.defaults()).isEqualTo(new BootstrapConfig(1000, 0.95, 42));
    }

    private static double width(Evaluation evaluation, Metric metric) {
        ConfidenceInterval interval = evaluation.value(metric).interval();
        return interval.high() - interval.low();
    }
}
