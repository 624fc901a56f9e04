package io.ctkit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.ctkit.model.inference.Activation;
import io.ctkit.model.preprocess.ArrayRef;
import io.ctkit.model.preprocess.InputSpec;
import io.ctkit.model.preprocess.InvalidInputException;
import io.ctkit.model.preprocess.PreprocessingOp;
import io.ctkit.npy.NpyArray;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelTest {

    private static final List<InputSpec> TWO_NUMBERS = List.of(InputSpec.number("a"), InputSpec.number("b"));

    @Test
    void refusesFirstKernelThatDoesNotTakeTheFeatureVector() {
        Map<String, NpyArray> arrays = arrays(3, 4, 1);
        arrays.put("w0.npy", matrix(3, 4));

        assertRefused(regression(TWO_NUMBERS, 2), arrays, "model.json: layers[0].weights: w0.npy has shape [3, 4],"
                + " but the feature vector has 2 features; a dense kernel has shape [inputs, units] = [2, units]");
    }

    @Test
    void refusesLayersThatDoNotChain() {
        Map<String, NpyArray> arrays = arrays(2, 4, 1);
        arrays.put("w1.npy", matrix(5, 1));

        assertRefused(regression(TWO_NUMBERS, 2), arrays, "model.json: layers[1].weights: w1.npy has shape [5, 1],"
                + " but layers[0] has 4 units; a dense kernel has shape [inputs, units] = [4, units]");
    }

    @Test
    void refusesBiasOfTheWrongShape() {
        Map<String, NpyArray> arrays = arrays(2, 4, 1);
        arrays.put("b0.npy", NpyArray.ofDoubles(new int[] {1, 4}, new double[4]));

        assertRefused(regression(TWO_NUMBERS, 2), arrays, "model.json: layers[0].bias: b0.npy has shape [1, 4],"
                + " but the layer has 4 units; a bias has shape [4]");
    }

    @Test
    void refusesMissingWeightFile() {
        Map<String, NpyArray> arrays = arrays(2, 4, 1);
        arrays.remove("w1.npy");

        assertRefused(regression(TWO_NUMBERS, 2), arrays, "model.json: layers[1].weights: file w1.npy is not in the bundle");
    }

    @Test
    void refusesNonFiniteWeightsNamingTheElement() {
        Map<String, NpyArray> arrays = arrays(2, 4, 1);
        double[] w = new double[8];
        w[6] = Double.NaN;
        arrays.put("w0.npy", NpyArray.ofDoubles(new int[] {2, 4}, w));

        assertRefused(regression(TWO_NUMBERS, 2), arrays,
                "model.json: layers[0].weights: w0.npy holds NaN at [1, 2]; refusing weights that are not finite");
    }

    @Test
    void refusesANonFiniteFloat32BiasNamingTheElement() {
        Map<String, NpyArray> arrays = arrays(2, 4, 1);
        arrays.put("b1.npy", NpyArray.ofFloats(new int[] {1}, new float[] {Float.NEGATIVE_INFINITY}));

        assertRefused(regression(TWO_NUMBERS, 2), arrays,
                "model.json: layers[1].bias: b1.npy holds -Infinity at [0]; refusing weights that are not finite");
    }

    @Test
    void refusesIntegerArrays() {
        Map<String, NpyArray> arrays = arrays(2, 4, 1);
        arrays.put("w1.npy", NpyArray.ofLongs(new int[] {4, 1}, new long[4]));

        assertRefused(regression(TWO_NUMBERS, 2), arrays,
                "model.json: layers[1].weights: w1.npy has dtype i8; model arrays must be float32 (f4) or float64 (f8)");
    }

    static Stream<Arguments> refusesOutputLayerThatDoesNotFitTheTask() {
        return Stream.of(
                arguments(regression(TWO_NUMBERS, 2), arrays(2, 4, 2),
                        "model.json: layers[1]: a regression model ends in 1 unit (not softmax); this layer has 2 units"
                                + " with activation linear"),
                arguments(classifier(Task.BINARY_CLASSIFICATION, Activation.SOFTMAX, "n", "y"), arrays(2, 4, 3),
                        "model.json: layers[1]: a binary classifier ends in 1 sigmoid unit or 2 softmax units; this"
                                + " layer has 3 units with activation softmax"),
                arguments(classifier(Task.BINARY_CLASSIFICATION, Activation.LINEAR, "n", "y"), arrays(2, 4, 1),
                        "model.json: layers[1]: a binary classifier ends in 1 sigmoid unit or 2 softmax units; this"
                                + " layer has 1 unit with activation linear"),
                arguments(classifier(Task.MULTICLASS_CLASSIFICATION, Activation.SOFTMAX, "a", "b", "c"), arrays(2, 4, 4),
                        "model.json: layers[1]: a multiclass classifier ends in a softmax over its 3 labels; this layer"
                                + " has 4 units with activation softmax"),
                arguments(classifier(Task.MULTICLASS_CLASSIFICATION, Activation.SIGMOID, "a", "b", "c"), arrays(2, 4, 3),
                        "model.json: layers[1]: a multiclass classifier ends in a softmax over its 3 labels; this layer"
                                + " has 3 units with activation sigmoid"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource
    void refusesOutputLayerThatDoesNotFitTheTask(ModelDefinition definition, Map<String, NpyArray> arrays,
            String message) {
        assertRefused(definition, arrays, message);
    }

    private static final ModelDefinition STANDARDIZED_FROM_FILE = new ModelDefinition("m", Task.REGRESSION, TWO_NUMBERS,
            List.of(new PreprocessingOp.Standardize(List.of("a", "b"), ArrayRef.file("mean.npy"), ArrayRef.inline(1, 1))),
            layers(2), null);

    static Stream<Arguments> refusesBadPreprocessingArrays() {
        return Stream.of(
                arguments(named("no mean.npy", null),
                        "model.json: preprocessing[0].mean: file mean.npy is not in the bundle"),
                arguments(named("2-d", NpyArray.ofDoubles(new int[] {1, 2}, new double[2])),
                        "model.json: preprocessing[0].mean: mean.npy has shape [1, 2]; a preprocessing parameter is 1-d"
                                + " with one value per feature"),
                arguments(named("3 values", NpyArray.ofDoubles(new int[] {3}, new double[3])),
                        "model.json: preprocessing[0].mean (mean.npy): has 3 values but the op has 2 features; give one"
                                + " value per feature"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refusesBadPreprocessingArrays(NpyArray mean, String message) {
        Map<String, NpyArray> arrays = arrays(2, 4, 1);
        if (mean != null) {
            arrays.put("mean.npy", mean);
        }

        assertRefused(STANDARDIZED_FROM_FILE, arrays, message);
    }

    @Test
    void readsAPreprocessingArrayFromItsFile() {
        Map<String, NpyArray> arrays = arrays(2, 4, 1);
        arrays.put("mean.npy", NpyArray.ofFloats(new int[] {2}, new float[] {1, 2}));

        assertThat(score(STANDARDIZED_FROM_FILE, arrays, Map.of("a", 1, "b", 2)).value()).isFinite();
    }

    @Test
    void computesInFloat64WithFloat64LayerArrays() throws ModelException {
        Map<String, NpyArray> arrays = arrays(2, 4, 1);
        assertThat(Model.of(regression(TWO_NUMBERS, 2), arrays).network().precision().name()).isEqualTo("FLOAT64");
    }

    @Test
    void computesInFloat32OnlyWhenEveryLayerArrayIsFloat32() throws ModelException {
        Map<String, NpyArray> arrays = arrays(2, 4, 1);
        arrays.replaceAll((path, array) -> NpyArray.ofFloats(array.shape(), array.toFloatArray()));
        assertThat(Model.of(regression(TWO_NUMBERS, 2), arrays).network().precision().name()).isEqualTo("FLOAT32");
    }

    @Test
    void computesInFloat64WhenOneLayerArrayIsFloat64() throws ModelException {
        Map<String, NpyArray> arrays = arrays(2, 4, 1);
        arrays.replaceAll((path, array) -> NpyArray.ofFloats(array.shape(), array.toFloatArray()));
        arrays.put("b1.npy", NpyArray.ofDoubles(new int[] {1}, new double[1]));
        assertThat(Model.of(regression(TWO_NUMBERS, 2), arrays).network().precision().name()).isEqualTo("FLOAT64");
    }

    @Test
    void binaryScoreAtExactlyOneHalfIsThePositiveLabel() throws ModelException {
        // One sigmoid unit over a zero kernel: the score is sigmoid(bias).
        Model model = singleLayer(Task.BINARY_CLASSIFICATION, Activation.SIGMOID, new double[] {0}, "no", "yes");

        Prediction prediction = model.predict(Map.of("a", 3, "b", 4));

        assertThat(prediction.value()).isEqualTo(0.5);
        assertThat(prediction.label()).isEqualTo("yes");
        assertThat(prediction.probabilities()).containsExactly(0.5, 0.5);
    }

    @Test
    void binarySoftmaxReadsTheSecondUnitAsTheScore() throws ModelException {
        Model model = singleLayer(Task.BINARY_CLASSIFICATION, Activation.SOFTMAX, new double[] {Math.log(3), 0},
                "no", "yes");

        Prediction prediction = model.predict(Map.of("a", 0, "b", 0));

        assertThat(prediction.value()).isEqualTo(0.25);
        assertThat(prediction.label()).isEqualTo("no");
        assertThat(prediction.probabilities()).containsExactly(0.75, 0.25);
    }

    @Test
    void multiclassTakesTheFirstLabelOnTies() throws ModelException {
        Model model = singleLayer(Task.MULTICLASS_CLASSIFICATION, Activation.SOFTMAX, new double[] {0, 1, 1},
                "x", "y", "z");

        PredictionBatch predictions = model.predict(List.of(Map.of("a", 0, "b", 0)));

        assertThat(predictions.label(0)).isEqualTo("y");
        assertThat(predictions.labelIndex(0)).isEqualTo(1);
        assertThat(predictions.value(0)).isEqualTo(predictions.probability(0, 2));
    }

    @Test
    void numericRowsScoreLikeMaps() throws ModelException {
        Model model = Model.of(regression(TWO_NUMBERS, 2), arrays(2, 4, 1));

        PredictionBatch numeric = model.predictNumeric(new double[] {1, 2, -3, 0.5}, 2);

        assertThat(numeric).containsExactly(model.predict(Map.of("a", 1, "b", 2)),
                model.predict(Map.of("a", -3, "b", 0.5)));
        assertThat(model.predictNumeric(new float[] {1, 2, -3, 0.5f}, 2)).isEqualTo(numeric);
        assertThat(numeric.label(0)).isNull();
        assertThat(numeric.labelIndex(0)).isEqualTo(-1);
        assertThat(numeric.probabilities()).isEmpty();
    }

    @Test
    void reportsBadRowsAsInvalidInput() throws ModelException {
        Model model = Model.of(regression(TWO_NUMBERS, 2), arrays(2, 4, 1));

        assertThatThrownBy(() -> model.predict(List.of(Map.of("a", 1, "b", 2), Map.of("a", 1))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("row 1: input \"b\" is missing; send a number or add an impute op for it to the model");
    }

    private static Prediction score(ModelDefinition definition, Map<String, NpyArray> arrays, Map<String, ?> row) {
        try {
            return Model.of(definition, arrays).predict(row);
        } catch (ModelException e) {
            throw new AssertionError(e);
        }
    }

    private static Model singleLayer(Task task, Activation activation, double[] bias, String... labels)
            throws ModelException {
        ModelDefinition definition = new ModelDefinition("m", task, TWO_NUMBERS, List.of(),
                List.of(LayerSpec.dense("w0.npy", "b0.npy", activation)), List.of(labels));
        return Model.of(definition, Map.of("w0.npy", NpyArray.ofDoubles(new int[] {2, bias.length},
                new double[2 * bias.length]), "b0.npy", NpyArray.ofDoubles(new int[] {bias.length}, bias)));
    }

    private static ModelDefinition regression(List<InputSpec> inputs, int layers) {
        return new ModelDefinition("m", Task.REGRESSION, inputs, List.of(), layers(layers), null);
    }

    private static ModelDefinition classifier(Task task, Activation last, String... labels) {
        return new ModelDefinition("m", task, TWO_NUMBERS, List.of(), List.of(
                LayerSpec.dense("w0.npy", "b0.npy", Activation.RELU), LayerSpec.dense("w1.npy", "b1.npy", last)),
                List.of(labels));
    }

    private static List<LayerSpec> layers(int count) {
        return count == 1 ? List.of(LayerSpec.dense("w0.npy", "b0.npy", Activation.LINEAR)) : List.of(
                LayerSpec.dense("w0.npy", "b0.npy", Activation.TANH), LayerSpec.dense("w1.npy", "b1.npy", Activation.LINEAR));
    }

    /** w0 [in, hidden], b0 [hidden], w1 [hidden, out], b1 [out]. */
    private static Map<String, NpyArray> arrays(int in, int hidden, int out) {
        Map<String, NpyArray> arrays = new HashMap<>();
        arrays.put("w0.npy", matrix(in, hidden));
        arrays.put("b0.npy", NpyArray.ofDoubles(new int[] {hidden}, new double[hidden]));
        arrays.put("w1.npy", matrix(hidden, out));
        arrays.put("b1.npy", NpyArray.ofDoubles(new int[] {out}, new double[out]));
        return arrays;
    }

    private static NpyArray matrix(int rows, int cols) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.sin(i + 1);
        }
        return NpyArray.ofDoubles(new int[] {rows, cols}, values);
    }

    private static void assertRefused(ModelDefinition definition, Map<String, NpyArray> arrays, String message) {
        assertThatThrownBy(() -> Model.of(definition, arrays))
                .isInstanceOf(ModelException.class)
                .hasMessage(message);
    }
}
