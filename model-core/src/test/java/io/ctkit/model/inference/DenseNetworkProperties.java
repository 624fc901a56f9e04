package io.ctkit.model.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class DenseNetworkProperties {

    @Property(tries = 300)
    void batchPredictionEqualsRowByRowPrediction(
            @ForAll @IntRange(min = 1, max = 40) int inputs,
            @ForAll @IntRange(min = 1, max = 70) int hidden,
            @ForAll @IntRange(min = 1, max = 9) int outputs,
            @ForAll @IntRange(min = 0, max = 70) int rows,
            @ForAll boolean float32,
            @ForAll long seed) {
        Random random = new Random(seed);
        Precision precision = float32 ? Precision.FLOAT32 : Precision.FLOAT64;
        DenseNetwork network = DenseNetworkTest.randomNetwork(random, precision, inputs, hidden, outputs);
        double[] x = DenseNetworkTest.randomRows(random, rows, inputs);
        double[] batch = new double[rows * outputs];

        network.forward(x, rows, batch);

        for (int r = 0; r < rows; r++) {
            double[] row = new double[inputs];
            System.arraycopy(x, r * inputs, row, 0, inputs);
            double[] single = network.forward(row);
            for (int j = 0; j < outputs; j++) {
                // + 0.0 folds -0.0 into 0.0: skipped zero terms may leave either sign of zero.
                assertThat(batch[r * outputs + j] + 0.0).isEqualTo(single[j] + 0.0);
            }
        }
    }
}
