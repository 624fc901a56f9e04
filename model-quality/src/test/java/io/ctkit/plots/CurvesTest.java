package io.ctkit.plots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ctkit.metrics.Evaluator;
import io.ctkit.metrics.Metric;
import io.ctkit.metrics.Predictions;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class CurvesTest {

    @RepeatedTest(5)
    void theDrawnCurvesHaveTheAreasTheMetricsReport(RepetitionInfo rep) {
        SplittableRandom r = new SplittableRandom(rep.getCurrentRepetition());
        int n = 200;
        int[] y = new int[n];
        boolean[] positive = new boolean[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(2);
            positive[i] = y[i] == 1;
            s[i] = Math.round((0.3 * y[i] + 0.7 * r.nextDouble()) * 20) / 20.0; // ties on purpose
        }
        var e = Evaluator.create().withMetrics(Metric.ROC_AUC, Metric.AVERAGE_PRECISION).evaluate(Predictions.binary(y, s));

        assertThat(Curves.area(Curves.roc(positive, s))).isCloseTo(e.rocAuc(), within(1e-12));
        assertThat(Curves.stepArea(Curves.precisionRecallSteps(positive, s))).isCloseTo(e.averagePrecision(), within(1e-12));
    }

    @Test
    void rocRunsFromTheOriginToTheTopRight() {
        double[][] roc = Curves.roc(new boolean[] {true, false, true, false}, new double[] {0.9, 0.8, 0.4, 0.1});

        assertThat(roc[0]).containsExactly(0, 0, 0.5, 0.5, 1);
        assertThat(roc[1]).containsExactly(0, 0.5, 0.5, 1, 1);
    }

    @Test
    void niceTicksAreRoundNumbers() {
        assertThat(Ticks.of(0, 1)).containsExactly(0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0);
        assertThat(Ticks.label(0.6000000000000001)).isEqualTo("0.6");
        assertThat(Ticks.of(-27, 212)).containsExactly(0.0, 50.0, 100.0, 150.0, 200.0);
    }
}
