package io.ctkit.bench.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ctkit.model.inference.DenseNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The benchmark compares like with like: both engines compute the same outputs. */
class EnginesAgreeTest {

    @ParameterizedTest
    @CsvSource({"16,1", "64,64", "256,33"})
    void ctkitAndNd4jComputeTheSameNetwork(int width, int batch) {
        Networks networks = new Networks(width, 42);
        DenseNetwork ctkit = networks.ctkit();
        float[] input = Networks.input(batch, width, 7);
        float[] ours = new float[batch * Networks.CLASSES];
        ctkit.forward(input, batch, ours);

        float[] theirs = networks.nd4j().predict(input, batch);

        assertThat(theirs).hasSameSizeAs(ours);
        for (int i = 0; i < ours.length; i++) {
            assertThat(ours[i]).as("output %d", i).isCloseTo(theirs[i], within(1e-5f));
        }
        for (int r = 0; r < batch; r++) {
            float sum = 0;
            for (int c = 0; c < Networks.CLASSES; c++) {
                sum += ours[r * Networks.CLASSES + c];
            }
            assertThat(sum).as("softmax row %d sums to 1", r).isCloseTo(1f, within(1e-5f));
        }
    }
}
