package io.ctkit.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctkit.model.Task;
import io.ctkit.model.inference.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * SameDiff's automatic differentiation of {@link MlpGraph} is the oracle for {@link DirectMlp}'s
 * hand-written backward pass: the same network, loss and class weights, in float64, on random rows.
 */
class DirectMlpGradientTest {
    private static final int WIDTH = 4;
    private static final int ROWS = 7;

    static Stream<Arguments> activationsAndTasks() {
        List<Arguments> cases = new ArrayList<>();
        for (Task task : Task.values()) {
            for (Activation a : List.of(Activation.LINEAR, Activation.RELU, Activation.LEAKY_RELU, Activation.ELU,
                    Activation.SIGMOID, Activation.TANH)) {
                double alpha = a == Activation.LEAKY_RELU ? 0.1 : a == Activation.ELU ? 0.7 : 0;
                cases.add(Arguments.of(task, a, alpha, false));
                if (task != Task.REGRESSION) {
                    cases.add(Arguments.of(task, a, alpha, true));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} class weights {3}")
    @MethodSource("activationsAndTasks")
    void handWrittenGradientsEqualSameDiffsAutodiff(Task task, Activation activation, double alpha, boolean weighted) {
        int outputs = task == Task.MULTICLASS_CLASSIFICATION ? 3 : 1;
        List<MlpGraph.LayerShape> shapes = shapes(task, activation, alpha, outputs);
        SplittableRandom random = new SplittableRandom(17 + task.ordinal() * 31L + activation.ordinal());
        float[][] weights = randomWeights(shapes, random);
        float[] classWeights = weighted ? (outputs == 1 ? new float[] {0.5f, 2.5f} : new float[] {1.5f, 0.25f, 3f}) : null;
        EncodedRows rows = randomRows(task, outputs, random);
        DirectMlp direct = new DirectMlp(task, shapes, weights, classWeights, 0, 8, new Sgd(0.1), DataType.DOUBLE);
        MlpGraph graph = new MlpGraph(task, shapes, weights, classWeights, 0, 8, new Sgd(0.1), DataType.DOUBLE);

        double[][] ours = direct.gradients(rows);
        double[][] oracle = graph.gradients(rows);

        assertThat(ours).hasSameDimensionsAs(oracle);
        for (int p = 0; p < ours.length; p++) {
            double scale = 0;
            for (double v : oracle[p]) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertThat(scale).as("gradient %d is not all zero", p).isGreaterThan(1e-6);
            for (int i = 0; i < ours[p].length; i++) {
                assertThat(Math.abs(ours[p][i] - oracle[p][i]))
                        .as("parameter array %d element %d: %s vs SameDiff %s", p, i, ours[p][i], oracle[p][i])
                        .isLessThanOrEqualTo(1e-6 * Math.abs(oracle[p][i]) + 1e-9 * scale);
            }
        }
        assertThat(direct.dataLoss(rows)).isCloseTo(graph.dataLoss(rows), org.assertj.core.data.Offset.offset(1e-9));
    }

    static Stream<Arguments> updaters() {
        return Stream.of(Arguments.of(new Adam(0.01), 1e-3), Arguments.of(new Sgd(0.05), 1e-3),
                Arguments.of(new Nesterovs(0.05, 0.9), 1e-3), Arguments.of(new Adam(0.01), 0.0));
    }

    @ParameterizedTest(name = "{0} l2 {1}")
    @MethodSource("updaters")
    void trainingStepsFollowSameDiffsUpdaterAndL2(IUpdater updater, double l2) {
        Task task = Task.MULTICLASS_CLASSIFICATION;
        List<MlpGraph.LayerShape> shapes = shapes(task, Activation.TANH, 0, 3);
        SplittableRandom random = new SplittableRandom(5);
        float[][] weights = randomWeights(shapes, random);
        EncodedRows rows = randomRows(task, 3, random, 23);
        int[] order = {3, 0, 7, 1, 22, 5, 9, 2, 4, 6, 8, 10, 21, 11, 20, 12, 19, 13, 18, 14, 17, 15, 16};
        // batches of 5: the last one has 3 rows, and L2 still divides by the configured batch size
        DirectMlp direct = new DirectMlp(task, shapes, weights, null, l2, 5, updater.clone(), DataType.FLOAT);
        MlpGraph graph = new MlpGraph(task, shapes, weights, null, l2, 5, updater.clone());
        for (int epoch = 0; epoch < 3; epoch++) {
            direct.fitEpoch(rows, order, 5);
            graph.fitEpoch(rows, order, 5);
        }

        float[][] ours = direct.weights();
        float[][] theirs = graph.weights();
        for (int p = 0; p < ours.length; p++) {
            for (int i = 0; i < ours[p].length; i++) {
                assertThat((double) ours[p][i]).as("parameter array %d element %d", p, i)
                        .isCloseTo(theirs[p][i], org.assertj.core.data.Offset.offset(1e-5 + 1e-4 * Math.abs(theirs[p][i])));
            }
            assertThat(ours[p]).as("parameter array %d moved", p).isNotEqualTo(weights[p]);
        }
        float[] pd = direct.predict(rows.x(), rows.rows(), WIDTH);
        float[] pg = graph.predict(rows.x(), rows.rows(), WIDTH);
        for (int i = 0; i < pd.length; i++) {
            assertThat((double) pd[i]).isCloseTo(pg[i], org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void theEpochLossIsEachRowsLossInTheForwardPassOfItsBatch(Task task) {
        int outputs = task == Task.MULTICLASS_CLASSIFICATION ? 3 : 1;
        List<MlpGraph.LayerShape> shapes = shapes(task, Activation.RELU, 0, outputs);
        SplittableRandom random = new SplittableRandom(9);
        float[][] weights = randomWeights(shapes, random);
        float[] classWeights = task == Task.REGRESSION ? null : outputs == 1 ? new float[] {1f, 3f} : new float[] {1f, 2f, 0.5f};
        EncodedRows rows = randomRows(task, outputs, random, 12);
        int[] order = {4, 1, 7, 0, 11, 2, 9, 3, 10, 5, 8, 6};
        DirectMlp direct = new DirectMlp(task, shapes, weights, classWeights, 1e-2, 12, new Adam(0.05), DataType.DOUBLE);
        double before = direct.dataLoss(rows);

        // one batch of all rows: the epoch's loss is the loss before its single step, then the step lowers it
        assertThat(direct.fitEpoch(rows, order, 12)).isCloseTo(before, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(direct.dataLoss(rows)).isLessThan(before);
    }

    static Stream<Task> tasks() {
        return Stream.of(Task.values());
    }

    private static List<MlpGraph.LayerShape> shapes(Task task, Activation activation, double alpha, int outputs) {
        Activation last = switch (task) {
            case REGRESSION -> Activation.LINEAR;
            case BINARY_CLASSIFICATION -> Activation.SIGMOID;
            case MULTICLASS_CLASSIFICATION -> Activation.SOFTMAX;
        };
        return List.of(new MlpGraph.LayerShape(WIDTH, 5, activation, alpha), new MlpGraph.LayerShape(5, 3, activation, alpha),
                new MlpGraph.LayerShape(3, outputs, last, 0));
    }

    private static float[][] randomWeights(List<MlpGraph.LayerShape> shapes, SplittableRandom random) {
        float[][] w = new float[2 * shapes.size()][];
        for (int l = 0; l < shapes.size(); l++) {
            MlpGraph.LayerShape s = shapes.get(l);
            w[2 * l] = uniform(random, s.inputs() * s.units(), 0.9);
            w[2 * l + 1] = uniform(random, s.units(), 0.3);
        }
        return w;
    }

    private static EncodedRows randomRows(Task task, int outputs, SplittableRandom random) {
        return randomRows(task, outputs, random, ROWS);
    }

    private static EncodedRows randomRows(Task task, int outputs, SplittableRandom random, int n) {
        float[] x = uniform(random, n * WIDTH, 2);
        float[] y = new float[n * outputs];
        for (int r = 0; r < n; r++) {
            switch (task) {
                case REGRESSION -> y[r] = (float) (random.nextDouble() * 4 - 2);
                case BINARY_CLASSIFICATION -> y[r] = r % 2;
                case MULTICLASS_CLASSIFICATION -> y[r * outputs + r % outputs] = 1;
            }
        }
        return new EncodedRows(x, y, n, WIDTH, outputs);
    }

    private static float[] uniform(SplittableRandom random, int n, double bound) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return v;
    }
}
