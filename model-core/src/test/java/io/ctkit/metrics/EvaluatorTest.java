package io.ctkit.metrics;

import io.ctkit.model.Task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private static final Predictions BINARY = Predictions.binary(new int[] {0, 0, 1, 1, 1},
            new double[] {0.1, 0.6, 0.55, 0.8, 0.3});

    @Test
    void binaryPredictionIsClassOneAtOrAboveTheThreshold() {
        ConfusionMatrix atDefault = Evaluator.create().evaluate(BINARY).confusionMatrix().orElseThrow();
        ConfusionMatrix at06 = Evaluator.create().withThreshold(0.6).evaluate(BINARY).confusionMatrix().orElseThrow();

        assertThat(atDefault.toArray()).isDeepEqualTo(new long[][] {{1, 1}, {1, 2}});
        assertThat(at06.toArray()).isDeepEqualTo(new long[][] {{1, 1}, {2, 1}});
        assertThat(Evaluator.create().withThreshold(0.6).evaluate(BINARY).threshold()).hasValue(0.6);
    }

    @Test
    void thresholdMustBeAProbability() {
        assertThatThrownBy(() -> Evaluator.create().withThreshold(1.2))
                .hasMessage("threshold must be in [0, 1]: 1.2");
    }

    @Test
    void multiclassPredictionIsTheFirstArgMax() {
        Predictions tied = Predictions.multiclass(new int[] {1, 2},
                new double[][] {{0.4, 0.4, 0.2}, {0.25, 0.375, 0.375}});

        ConfusionMatrix matrix = Evaluator.create().evaluate(tied).confusionMatrix().orElseThrow();

        assertThat(matrix.count(1, 0)).isEqualTo(1);
        assertThat(matrix.count(2, 1)).isEqualTo(1);
    }

    @Test
    void everyTaskGetsItsOwnMetrics() {
        Evaluation multiclass = Evaluator.create().evaluate(Predictions.multiclass(new int[] {0, 1, 2},
                new double[][] {{0.8, 0.1, 0.1}, {0.1, 0.8, 0.1}, {0.3, 0.3, 0.4}}));
        Evaluation regression = Evaluator.create().evaluate(Predictions.regression(new double[] {1, 2},
                new double[] {1, 3}));

        assertThat(Evaluator.create().evaluate(BINARY).values().keySet())
                .containsExactlyElementsOf(Metric.forTask(Task.BINARY_CLASSIFICATION));
        assertThat(multiclass.has(Metric.F1)).isFalse();
        assertThat(multiclass.has(Metric.F1_MACRO)).isTrue();
        assertThat(regression.values().keySet()).containsExactly(Metric.RMSE, Metric.MAE, Metric.R2, Metric.MAPE,
                Metric.MEDIAN_AE);
        assertThat(regression.confusionMatrix()).isEmpty();
        assertThat(regression.threshold()).isEmpty();
    }

    @Test
    void typedGetterOfAMetricNotComputedSaysWhichWere() {
        Evaluation regression = Evaluator.create().withMetrics(Metric.RMSE, Metric.MAE)
                .evaluate(Predictions.regression(new double[] {1, 2}, new double[] {1, 3}));

        assertThat(regression.asMap()).containsOnlyKeys(Metric.RMSE, Metric.MAE);
        assertThatThrownBy(regression::f1).isInstanceOf(IllegalStateException.class)
                .hasMessage("metric f1 was not computed for this regression evaluation; computed: rmse, mae");
    }

    @Test
    void askingForAMetricOfAnotherTaskIsAnError() {
        assertThatThrownBy(() -> Evaluator.create().withMetrics(Metric.F1).evaluate(
                Predictions.regression(new double[] {1}, new double[] {1})))
                .hasMessage("metric f1 is not defined for regression predictions; metrics for regression: rmse, mae, r2,"
                        + " mape, median_ae");
    }

    @Test
    void typedGettersReadTheirMetric() {
        Evaluation e = Evaluator.create().evaluate(BINARY);

        assertThat(e.accuracy()).isEqualTo(0.6);
        assertThat(e.precision()).isEqualTo(2.0 / 3);
        assertThat(e.recall()).isEqualTo(2.0 / 3);
        assertThat(e.rocAuc()).isEqualTo(e.asMap().get(Metric.ROC_AUC));
        assertThat(e.rows()).isEqualTo(5);
    }

    @Test
    void zeroDivisionGivesZeroLikeScikitLearn() {
        Evaluation nothingPredictedPositive = Evaluator.create()
                .evaluate(Predictions.binary(new int[] {0, 1, 1}, new double[] {0.1, 0.2, 0.3}));

        assertThat(nothingPredictedPositive.precision()).isZero();
        assertThat(nothingPredictedPositive.f1()).isZero();
        assertThat(nothingPredictedPositive.mcc()).isZero();
    }

    @Test
    void r2TreatsExactlyConstantTargetsAsZeroVariance() {
        // The rounded mean of three 0.1s is not 0.1: numpy then sees a tiny variance and
        // returns about -1.7e31 for the imperfect case.
        double[] actual = {0.1, 0.1, 0.1};
        double[] off = {0.1, 0.2, 0.1};

        assertThat(Evaluator.create().evaluate(Predictions.regression(actual, actual)).r2()).isEqualTo(1.0);
        assertThat(Evaluator.create().evaluate(Predictions.regression(actual, off)).r2()).isEqualTo(0.0);
    }

    @Test
    void metricKeysAndTasksRoundTrip() {
        for (Metric metric : Metric.values()) {
            assertThat(Metric.fromKey(metric.key())).isSameAs(metric);
        }
        for (Task task : Task.values()) {
            assertThat(Task.parse(task.shortName())).isSameAs(task);
            assertThat(Task.parse(task.jsonName())).isSameAs(task);
        }
        assertThatThrownBy(() -> Metric.fromKey("f2")).hasMessageStartingWith("unknown metric 'f2': known metrics are"
                + " accuracy, balanced_accuracy, precision");
        assertThatThrownBy(() -> Task.parse("ranking"))
                .hasMessage("unknown task \"ranking\"; expected regression, binary-classification (or binary),"
                        + " multiclass-classification (or multiclass)");
        assertThat(Metric.LOG_LOSS.higherIsBetter()).isFalse();
        assertThat(Metric.ROC_AUC.higherIsBetter()).isTrue();
    }
}
