package io.ctkit.model.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.InstanceOfAssertFactories.DOUBLE_ARRAY;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DenseNetworkTest {

    @Test
    void computesAffineTransformWithKerasKernelLayout() {
        // W = [[1, 2, 3], [4, 5, 6]] has shape [inputs=2, units=3].
        DenseLayer layer = new DenseLayer(2, 3, new double[] {1, 2, 3, 4, 5, 6}, new double[] {0.5, -1, 0},
                Activation.LINEAR);
        DenseNetwork network = DenseNetwork.of(List.of(layer), Precision.FLOAT64);

        double[] y = network.forward(new double[] {1, 10});

        assertThat(y).containsExactly(41.5, 51, 63);
    }

    @Test
    void chainsLayersAndAppliesActivations() {
        DenseLayer hidden = new DenseLayer(2, 2, new double[] {1, -1, 1, -1}, new double[] {0, 0}, Activation.RELU);
        DenseLayer out = new DenseLayer(2, 1, new double[] {2, 3}, new double[] {1}, Activation.LINEAR);
        DenseNetwork network = DenseNetwork.of(List.of(hidden, out), Precision.FLOAT64);

        assertThat(network.forward(new double[] {1, 2})).containsExactly(2 * 3 + 1);
        assertThat(network.forward(new double[] {-1, -2})).containsExactly(3 * 3 + 1);
    }

    private static final double[] X = {-2, -0.5, 0, 0.5, 3};

    static Stream<Arguments> appliesEachActivationAsDocumented() {
        return Stream.of(
                arguments(Activation.LINEAR, 0, X),
                arguments(Activation.RELU, 0, new double[] {0, 0, 0, 0.5, 3}),
                arguments(Activation.LEAKY_RELU, 0.2, new double[] {-0.4, -0.1, 0, 0.5, 3}),
                arguments(Activation.ELU, 1.5, new double[] {1.5 * Math.expm1(-2), 1.5 * Math.expm1(-0.5), 0, 0.5, 3}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void appliesEachActivationAsDocumented(Activation activation, double alpha, double[] expected) {
        assertThat(activate(activation, alpha, X)).containsExactly(expected);
    }

    @Test
    void tanhIsMathTanh() {
        assertThat(activate(Activation.TANH, 0, X)[4]).isEqualTo(Math.tanh(3));
    }

    @Test
    void sigmoidIsOneOverOnePlusExpOfMinusX() {
        assertThat(activate(Activation.SIGMOID, 0, X)[2]).isEqualTo(0.5);
        assertThat(activate(Activation.SIGMOID, 0, X)[0]).isCloseTo(1 / (1 + Math.exp(2)), within(1e-16));
    }

    @Test
    void softmaxIsExpNormalisedToSumOne() {
        double[] softmax = activate(Activation.SOFTMAX, 0, X);
        assertThat(softmax[4] / softmax[3]).isCloseTo(Math.exp(2.5), within(1e-12));
        assertThat(sum(softmax)).isCloseTo(1.0, within(1e-15));
    }

    @Test
    void sigmoidAndSoftmaxDoNotOverflow() {
        double[] big = {-1000, 1000, 999};
        assertThat(activate(Activation.SIGMOID, 0, big)).containsExactly(0.0, 1.0, 1.0);
        double[] softmax = activate(Activation.SOFTMAX, 0, big);
        assertThat(softmax[0]).isZero();
        assertThat(softmax[1]).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-15));
        assertThat(sum(softmax)).isCloseTo(1.0, within(1e-15));
    }

    @Test
    void leakyReluDefaultsToKerasAlphaOfPointTwo() {
        DenseLayer layer = new DenseLayer(1, 1, new double[] {1}, new double[] {0}, Activation.LEAKY_RELU);
        assertThat(layer.alpha()).isEqualTo(0.2);
        assertThat(new DenseLayer(1, 1, new double[] {1}, new double[] {0}, Activation.ELU).alpha()).isEqualTo(1.0);
    }

    @Test
    void float32NetworkRoundsLikeFloatArithmetic() {
        double w = 0.1;
        DenseLayer layer = new DenseLayer(3, 1, new double[] {w, w, w}, new double[] {0}, Activation.LINEAR);

        double f32 = DenseNetwork.of(List.of(layer), Precision.FLOAT32).forward(new double[] {1, 1, 1})[0];
        double f64 = DenseNetwork.of(List.of(layer), Precision.FLOAT64).forward(new double[] {1, 1, 1})[0];

        assertThat(f32).isEqualTo((double) (0.1f + 0.1f + 0.1f));
        assertThat(f64).isEqualTo(0.1 + 0.1 + 0.1);
    }

    @Test
    void floatAndDoubleEntryPointsAgreeForFloat32Network() {
        DenseNetwork network = randomNetwork(new Random(3), Precision.FLOAT32, 7, 9, 4);
        double[] x = randomRows(new Random(4), 5, 7);
        float[] xf = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            xf[i] = (float) x[i];
        }
        double[] viaDouble = new double[5 * 4];
        float[] viaFloat = new float[5 * 4];

        network.forward(x, 5, viaDouble);
        network.forward(xf, 5, viaFloat);

        for (int i = 0; i < viaDouble.length; i++) {
            assertThat(viaDouble[i]).isEqualTo((double) viaFloat[i]);
        }
    }

    @Test
    void refusesLayersThatDoNotChain() {
        DenseLayer a = new DenseLayer(2, 3, new double[6], new double[3], Activation.RELU);
        DenseLayer b = new DenseLayer(4, 1, new double[4], new double[1], Activation.LINEAR);

        assertThatThrownBy(() -> DenseNetwork.of(List.of(a, b), Precision.FLOAT64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer 1 takes 4 inputs but layer 0 produces 3");
    }

    @Test
    void refusesNonFiniteWeightsNamingTheIndex() {
        double[] kernel = {1, 2, 3, Double.NaN};
        assertThatThrownBy(() -> new DenseLayer(2, 2, kernel, new double[2], Activation.LINEAR))
                .hasMessage("kernel[1, 1] is NaN; weights must be finite");
    }

    @Test
    void refusesANonFiniteBiasNamingTheIndex() {
        assertThatThrownBy(() -> new DenseLayer(1, 2, new double[2], new double[] {0, Double.POSITIVE_INFINITY},
                Activation.LINEAR)).hasMessage("bias[1] is Infinity; weights must be finite");
    }

    private static final DenseNetwork THREE_TO_TWO = randomNetwork(new Random(1), Precision.FLOAT64, 3, 2);

    @Test
    void refusesInputsOfTheWrongWidth() {
        assertThatThrownBy(() -> THREE_TO_TWO.forward(new double[4]))
                .hasMessage("features has 4 values but the network takes 3 (inputWidth())");
    }

    @Test
    void refusesABatchWhoseFeaturesAreNotWholeRows() {
        assertThatThrownBy(() -> THREE_TO_TWO.forward(new double[5], 2, new double[4]))
                .hasMessage("features has 5 values; 2 rows of 3 need 6");
    }

    @Test
    void refusesABatchWithoutRoomForItsOutputs() {
        assertThatThrownBy(() -> THREE_TO_TWO.forward(new double[6], 2, new double[3]))
                .hasMessage("outputs has room for 3 values; 2 rows of 2 need 4");
    }

    static Stream<Arguments> largeBatchesOfWideAndNarrowNetworksEqualRowByRow() {
        return Stream.of(new int[] {96, 128, 64, 3}, new int[] {24, 16, 16, 3}).flatMap(shape ->
                Stream.of(Precision.values()).map(precision -> arguments(named(Arrays.toString(shape), shape), precision)));
    }

    @ParameterizedTest
    @MethodSource
    void largeBatchesOfWideAndNarrowNetworksEqualRowByRow(int[] shape, Precision precision) {
        Random random = new Random(11);
        DenseNetwork network = randomNetwork(random, precision, shape);
        int rows = 1000;
        int in = shape[0];
        double[] x = randomRows(random, rows, in);
        double[] batch = new double[rows * 3];

        network.forward(x, rows, batch);

        for (int r = 0; r < rows; r++) {
            double[] row = new double[in];
            System.arraycopy(x, r * in, row, 0, in);
            double[] single = network.forward(row);
            for (int j = 0; j < 3; j++) {
                assertThat(batch[r * 3 + j] + 0.0).as("%s %s row %d unit %d", network, precision, r, j)
                        .isEqualTo(single[j] + 0.0);
            }
        }
    }

    @Test
    void manyThreadsGetTheSameResultsAsOneThread() throws Exception {
        Random random = new Random(5);
        DenseNetwork network = randomNetwork(random, Precision.FLOAT32, 20, 64, 32, 4);
        int rows = 200;
        double[] x = randomRows(random, rows, 20);
        double[] expected = new double[rows * 4];
        network.forward(x, rows, expected);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<double[]>> jobs = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                int variant = t;
                jobs.add(() -> {
                    double[] out = new double[rows * 4];
                    if (variant % 2 == 0) {
                        network.forward(x, rows, out);
                    } else {
                        for (int r = 0; r < rows; r++) {
                            double[] row = new double[20];
                            System.arraycopy(x, r * 20, row, 0, 20);
                            System.arraycopy(network.forward(row), 0, out, r * 4, 4);
                        }
                    }
                    return out;
                });
            }
            // invokeAll cancels what has not finished by the deadline; a cancelled job fails below.
            for (Future<double[]> result : pool.invokeAll(jobs, 60, TimeUnit.SECONDS)) {
                assertThat(result).succeedsWithin(Duration.ZERO, DOUBLE_ARRAY).containsExactly(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void emptyBatchIsAllowed() {
        DenseNetwork network = randomNetwork(new Random(2), Precision.FLOAT64, 3, 2);
        double[] out = new double[0];
        network.forward(new double[0], 0, out);
        assertThat(out).isEmpty();
    }

    static Stream<Arguments> batchesThroughAHeavyNetworkGiveEachRowsOwnBits() {
        return Stream.of(Precision.values()).flatMap(precision ->
                IntStream.of(1, 2, 3, 4, 7, 33, 40).mapToObj(rows -> arguments(precision, rows)));
    }

    @ParameterizedTest(name = "{0}, {1} rows")
    @MethodSource
    void batchesThroughAHeavyNetworkGiveEachRowsOwnBits(Precision precision, int rows) {
        // about 1.2M multiply-adds per row through wide layers: row pairs in the kernel, and from
        // 32 rows on a split across the pool's threads
        DenseNetwork network = HeavyNetworks.OF_PRECISION.get(precision);
        double[] x = randomRows(new Random(rows), rows, 300);
        double[] batch = new double[rows * 7];
        network.forward(x, rows, batch);
        for (int r = 0; r < rows; r++) {
            double[] single = network.forward(Arrays.copyOfRange(x, r * 300, (r + 1) * 300));
            for (int j = 0; j < 7; j++) {
                assertThat(batch[r * 7 + j] + 0.0).as("%s, %d rows, row %d, output %d", precision, rows, r, j)
                        .isEqualTo(single[j] + 0.0);
            }
        }
    }

    /** Built once, on first use: building one takes longer than batching rows through it. */
    private static final class HeavyNetworks {
        static final Map<Precision, DenseNetwork> OF_PRECISION = Stream.of(Precision.values()).collect(
                Collectors.toUnmodifiableMap(p -> p, p -> randomNetwork(new Random(42), p, 300, 1024, 900, 7)));
    }

    static DenseNetwork randomNetwork(Random random, Precision precision, int... widths) {
        List<DenseLayer> layers = new ArrayList<>();
        Activation[] cycle = {Activation.RELU, Activation.TANH, Activation.ELU, Activation.LEAKY_RELU};
        for (int l = 0; l + 1 < widths.length; l++) {
            double[] kernel = new double[widths[l] * widths[l + 1]];
            double[] bias = new double[widths[l + 1]];
            double scale = 1 / Math.sqrt(widths[l]);
            for (int i = 0; i < kernel.length; i++) {
                kernel[i] = round(random.nextGaussian() * scale, precision);
            }
            for (int i = 0; i < bias.length; i++) {
                bias[i] = round(random.nextGaussian() * 0.1, precision);
            }
            boolean last = l + 2 == widths.length;
            Activation activation = last ? Activation.SOFTMAX : cycle[l % cycle.length];
            layers.add(new DenseLayer(widths[l], widths[l + 1], kernel, bias, activation));
        }
        return DenseNetwork.of(layers, precision);
    }

    static double[] randomRows(Random random, int rows, int width) {
        double[] x = new double[rows * width];
        for (int i = 0; i < x.length; i++) {
            // Some exact zeros, as one-hot and hashed features have.
            x[i] = random.nextInt(4) == 0 ? 0 : random.nextGaussian() * 2;
        }
        return x;
    }

    private static double round(double value, Precision precision) {
        return precision == Precision.FLOAT32 ? (float) value : value;
    }

    private static double[] activate(Activation activation, double alpha, double[] x) {
        int n = x.length;
        double[] identity = new double[n * n];
        for (int i = 0; i < n; i++) {
            identity[i * n + i] = 1;
        }
        DenseLayer layer = new DenseLayer(n, n, identity, new double[n], activation,
                activation.takesAlpha() ? alpha : 0);
        return DenseNetwork.of(List.of(layer), Precision.FLOAT64).forward(x);
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }
}
