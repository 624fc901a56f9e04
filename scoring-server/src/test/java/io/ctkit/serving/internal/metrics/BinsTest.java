package io.ctkit.serving.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The drift bins' look-up: the bin of a value is the number of edges below it, as the metric's "upper" tags say. */
class BinsTest {

    private static int edgesBelow(double v) {
        int below = 0;
        for (double edge : ModelMetrics.EDGES) {
            below += edge < v ? 1 : 0;
        }
        return below;
    }

    @Test
    void everyValueFallsInTheBinWhoseUpperEdgeIsTheFirstNotBelowIt() {
        Random random = new Random(17);
        for (int k = 0; k < 200_000; k++) {
            double v = random.nextGaussian() * Math.pow(10, random.nextInt(9) - 2);
            assertThat(ModelMetrics.bin(v)).as("%s", v).isEqualTo(edgesBelow(v));
        }
        for (double edge : ModelMetrics.EDGES) {
            for (double v : new double[] {edge, Math.nextDown(edge), Math.nextUp(edge)}) {
                assertThat(ModelMetrics.bin(v)).as("at the edge %s: %s", edge, v).isEqualTo(edgesBelow(v));
            }
        }
        assertThat(ModelMetrics.bin(0.0)).isEqualTo(ModelMetrics.bin(-0.0)).isEqualTo(edgesBelow(0.0));
        assertThat(ModelMetrics.bin(-Double.MAX_VALUE)).isZero();
        assertThat(ModelMetrics.bin(Double.MAX_VALUE)).as("the open last bin").isEqualTo(ModelMetrics.EDGES.length);
    }
}
