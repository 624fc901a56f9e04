package io.ctkit.metrics;

import io.ctkit.model.Task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private static final Evaluator EVALUATOR = Evaluator.create()
            .withBootstrap(BootstrapConfig.defaults().withResamples(500).withSeed(3));

    @Test
    void comparingAModelWithItselfGivesExactlyZero() {
        Predictions model = SyntheticData.binary(300, 0.3, 1.0, 1);

        Map<Metric, Comparison> comparisons = EVALUATOR.compare(model, model);

        assertThat(comparisons.keySet()).containsExactlyElementsOf(Metric.forTask(Task.BINARY_CLASSIFICATION));
        comparisons.values().forEach(c -> {
            assertThat(c.difference()).as(c.metric().key()).isZero();
            assertThat(c.interval().low()).as(c.metric().key()).isZero();
            assertThat(c.interval().high()).as(c.metric().key()).isZero();
            assertThat(c.challengerBetter()).isFalse();
            assertThat(c.challengerWorse()).isFalse();
            assertThat(c.pValueGreater()).isEqualTo(1.0);
            assertThat(c.pValueLess()).isEqualTo(1.0);
        });
    }

    @Test
    void clearlyBetterChallengerIsSignificantlyBetter() {
        Predictions champion = SyntheticData.binary(600, 0.3, 0.5, 1);
        Predictions challenger = sharpened(champion);

        Map<Metric, Comparison> comparisons = EVALUATOR.withMetrics(Metric.ROC_AUC, Metric.LOG_LOSS, Metric.ACCURACY)
                .compare(champion, challenger);

        Comparison auc = comparisons.get(Metric.ROC_AUC);
        Comparison logLoss = comparisons.get(Metric.LOG_LOSS);
        assertSoftly(softly -> {
            softly.assertThat(auc.difference()).isEqualTo(auc.challenger() - auc.champion()).isPositive();
            softly.assertThat(auc.significantlyGreater()).isTrue();
            softly.assertThat(auc.challengerBetter()).isTrue();
            softly.assertThat(auc.pValueGreater()).isLessThan(0.01);
            softly.assertThat(auc.pValueLess()).isGreaterThan(0.99);
            softly.assertThat(logLoss.significantlyLess()).isTrue();
            softly.assertThat(logLoss.challengerBetter()).isTrue();
            softly.assertThat(logLoss.challengerWorse()).isFalse();
        });
    }

    @Test
    void pairingMakesTheDifferenceIntervalFarNarrowerThanEitherModelsOwn() {
        Predictions champion = SyntheticData.binary(400, 0.3, 1.0, 8);
        Predictions challenger = SyntheticData.perturbed(champion, 0.05, 9);

        Comparison auc = EVALUATOR.compare(champion, challenger).get(Metric.ROC_AUC);
        ConfidenceInterval own = EVALUATOR.evaluate(champion).value(Metric.ROC_AUC).interval();

        assertThat(auc.interval().high() - auc.interval().low()).isLessThan((own.high() - own.low()) / 5);
        assertThat(auc.interval().contains(auc.difference())).isTrue();
    }

    @Test
    void worseRegressionChallengerIsFlaggedWorse() {
        Predictions champion = SyntheticData.regression(300, 1.0, 5);
        double[] worse = champion.predicted().clone();
        for (int i = 0; i < worse.length; i++) {
            worse[i] += 0.8 * (i % 2 == 0 ? 1 : -1);
        }
        Predictions challenger = Predictions.regression(champion.actual(), worse);

        Map<Metric, Comparison> comparisons = EVALUATOR.compare(champion, challenger);

        assertSoftly(softly -> {
            for (Metric metric : List.of(Metric.RMSE, Metric.MAE, Metric.R2)) {
                softly.assertThat(comparisons.get(metric).challengerWorse()).as(metric.key()).isTrue();
            }
            softly.assertThat(comparisons.get(Metric.RMSE).significantlyGreater()).isTrue();
            softly.assertThat(comparisons.get(Metric.R2).significantlyLess()).isTrue();
        });
    }

    @Test
    void comparisonIsDeterministicForASeed() {
        Predictions champion = SyntheticData.multiclass(200, 3, 1.0, 1);
        Predictions challenger = SyntheticData.multiclass(200, 3, 1.2, 1);

        assertThat(EVALUATOR.compare(champion, challenger)).isEqualTo(EVALUATOR.compare(champion, challenger));
    }

    private static final Predictions SMALL_CHAMPION = Predictions.binary(new int[] {0, 1, 1},
            new double[] {0.1, 0.8, 0.6});

    @Test
    void modelsMustBeScoredOnTheSameRows() {
        assertThatThrownBy(() -> EVALUATOR.compare(SMALL_CHAMPION,
                Predictions.binary(new int[] {0, 1, 0}, new double[] {0.1, 0.8, 0.6})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 2 has label 1 for the champion but label 0 for the challenger: a paired comparison"
                        + " needs both models scored on the same rows");
    }

    @Test
    void modelsMustBeScoredOnAsManyRows() {
        assertThatThrownBy(() -> EVALUATOR.compare(SMALL_CHAMPION,
                Predictions.binary(new int[] {0, 1}, new double[] {0.1, 0.8})))
                .hasMessageStartingWith("champion has 3 rows but challenger has 2");
    }

    @Test
    void modelsMustBeOfTheSameTask() {
        assertThatThrownBy(() -> EVALUATOR.compare(SMALL_CHAMPION,
                Predictions.regression(new double[] {0, 1, 1}, new double[] {0, 1, 1})))
                .hasMessage("champion is binary but challenger is regression: compare models of the same task");
    }

    private static Predictions sharpened(Predictions base) {
        double[] scores = base.scores().clone();
        for (int i = 0; i < scores.length; i++) {
            scores[i] = base.labels()[i] == 1 ? 0.5 + scores[i] / 2 : scores[i] / 2;
        }
        return Predictions.binary(base.labels(), scores);
    }
}
