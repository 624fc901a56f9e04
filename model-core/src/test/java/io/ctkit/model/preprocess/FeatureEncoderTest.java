package io.ctkit.model.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FeatureEncoderTest {

    private static final List<InputSpec> MIXED = List.of(
            InputSpec.number("amount"),
            InputSpec.category("channel", List.of("email", "search", "social")),
            InputSpec.text("text", 8),
            InputSpec.number("age"));

    private static final List<PreprocessingOp> MIXED_OPS = List.of(
            PreprocessingOp.Impute.constant(List.of("amount"), 10),
            new PreprocessingOp.Standardize(List.of("amount"), ArrayRef.inline(4), ArrayRef.inline(2)),
            PreprocessingOp.OneHot.of("channel"),
            PreprocessingOp.HashText.of("text"),
            new PreprocessingOp.MinMax(List.of("age"), ArrayRef.inline(20), ArrayRef.inline(70)));

    @Test
    void withoutPreprocessingTheFeatureVectorIsTheNumericInputsInOrder() {
        FeatureEncoder encoder = FeatureEncoder.of(List.of(InputSpec.number("b"), InputSpec.number("a")), List.of());

        assertThat(encoder.encode(Map.of("a", 1.5, "b", -2))).containsExactly(-2, 1.5);
        assertThat(encoder.featureNames()).containsExactly("b", "a");
        assertThat(encoder.ops()).isEmpty();
    }

    @Test
    void concatenatesOpOutputsInOpOrder() {
        FeatureEncoder encoder = FeatureEncoder.of(MIXED, MIXED_OPS);
        Map<String, Object> row = Map.of("amount", 8, "channel", "search", "text", "taxi taxi hotel", "age", 45.0);

        double[] features = encoder.encode(row);

        double[] buckets = new double[8];
        buckets[TextHashing.bucket("taxi", 8)] += 2;
        buckets[TextHashing.bucket("hotel", 8)] += 1;
        assertSoftly(softly -> {
            softly.assertThat(encoder.width()).isEqualTo(1 + 3 + 8 + 1);
            softly.assertThat(features[0]).isEqualTo((8 - 4) / 2.0);
            softly.assertThat(Arrays.copyOfRange(features, 1, 4)).containsExactly(0, 1, 0);
            softly.assertThat(Arrays.copyOfRange(features, 4, 12)).containsExactly(buckets);
            softly.assertThat(features[12]).isEqualTo((45.0 - 20) / 50);
            softly.assertThat(encoder.featureNames()).startsWith("amount", "channel=email", "channel=search",
                    "channel=social", "text#0").endsWith("text#7", "age");
        });
    }

    @Test
    void imputesMissingNumbersBeforeLaterOps() {
        FeatureEncoder encoder = FeatureEncoder.of(MIXED, MIXED_OPS);
        Map<String, Object> row = new HashMap<>();
        row.put("amount", null);
        row.put("age", 20);

        assertThat(encoder.encode(row)[0]).isEqualTo((10 - 4) / 2.0);
        row.put("amount", Double.NaN);
        assertThat(encoder.encode(row)[0]).isEqualTo((10 - 4) / 2.0);
    }

    @Test
    void unknownOrMissingCategoryAndMissingTextAreAllZeros() {
        FeatureEncoder encoder = FeatureEncoder.of(MIXED, MIXED_OPS);

        double[] unknown = encoder.encode(Map.of("amount", 1, "channel", "print", "age", 30));
        double[] missing = encoder.encode(Map.of("amount", 1, "age", 30));

        assertThat(Arrays.copyOfRange(unknown, 1, 12)).containsOnly(0);
        assertThat(Arrays.copyOfRange(missing, 1, 12)).containsOnly(0);
    }

    private static final FeatureEncoder TEXT_CATEGORIES = FeatureEncoder.of(
            List.of(InputSpec.category("c", List.of("1", "true", "x"))), List.of(PreprocessingOp.OneHot.of("c")));

    @Test
    void categoriesAcceptIntegersAndBooleansByTheirText() {
        assertThat(TEXT_CATEGORIES.encode(Map.of("c", 1))).containsExactly(1, 0, 0);
        assertThat(TEXT_CATEGORIES.encode(Map.of("c", 1L))).containsExactly(1, 0, 0);
        assertThat(TEXT_CATEGORIES.encode(Map.of("c", true))).containsExactly(0, 1, 0);
    }

    @Test
    void categoriesRefuseFractionalNumbers() {
        assertThatThrownBy(() -> TEXT_CATEGORIES.encode(Map.of("c", 1.0)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("input \"c\" must be a string, got number 1.0");
    }

    @Test
    void binaryHashingMarksPresence() {
        FeatureEncoder encoder = FeatureEncoder.of(List.of(InputSpec.text("t", 4)),
                List.of(new PreprocessingOp.HashText(List.of("t"), PreprocessingOp.HashText.Mode.BINARY)));

        double[] features = encoder.encode(Map.of("t", "a a a"));

        assertThat(features[TextHashing.bucket("a", 4)]).isEqualTo(1);
        assertThat(Arrays.stream(features).sum()).isEqualTo(1);
    }

    @Test
    void zeroSpreadLeavesValuesUnscaled() {
        FeatureEncoder encoder = FeatureEncoder.of(List.of(InputSpec.number("a"), InputSpec.number("b")), List.of(
                new PreprocessingOp.Standardize(List.of("a"), ArrayRef.inline(3), ArrayRef.inline(0)),
                new PreprocessingOp.MinMax(List.of("b"), ArrayRef.inline(5), ArrayRef.inline(5))));

        assertThat(encoder.encode(Map.of("a", 4.5, "b", 7))).containsExactly(1.5, 2);
    }

    @Test
    void numericRowsEncodeLikeMaps() {
        List<InputSpec> inputs = List.of(InputSpec.number("x"), InputSpec.number("y"), InputSpec.number("z"));
        FeatureEncoder encoder = FeatureEncoder.of(inputs, List.of(
                PreprocessingOp.Impute.constant(List.of("y"), 7),
                PreprocessingOp.Passthrough.of("z"),
                new PreprocessingOp.Standardize(List.of("y", "x"), ArrayRef.inline(1, 2), ArrayRef.inline(2, 4))));
        double[] rows = {1, Double.NaN, 3, 4, 5, 6};
        double[] out = new double[6];

        encoder.encodeNumeric(rows, 2, out);

        assertThat(out).containsExactly(3, 3, -0.25, 6, 2, 0.5);
        assertThat(rows[1]).isNaN();
        Map<String, Object> second = Map.of("x", 4, "y", 5, "z", 6);
        assertThat(Arrays.copyOfRange(out, 3, 6)).containsExactly(encoder.encode(second));
    }

    private static final FeatureEncoder ONE_NUMBER = FeatureEncoder.of(List.of(InputSpec.number("x")), List.of());

    @Test
    void refusesMissingNumberWithoutImputeNamingRowAndInput() {
        Map<String, Object> empty = Map.of();

        assertThatThrownBy(() -> ONE_NUMBER.encode(List.of(Map.of("x", 1), empty), new double[2]))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("row 1: input \"x\" is missing; send a number or add an impute op for it to the model");
    }

    @Test
    void refusesANonFiniteNumericRowNamingRowAndInput() {
        assertThatThrownBy(() -> ONE_NUMBER.encodeNumeric(new double[] {Double.POSITIVE_INFINITY}, 1, new double[1]))
                .hasMessage("row 0: input \"x\" must be finite, got Infinity");
    }

    static Stream<Arguments> refusesUnknownKeysAndWrongTypes() {
        return Stream.of(
                arguments(Map.of("amout", 3, "age", 3),
                        "unknown input \"amout\"; the model's inputs are amount, channel, text, age"),
                arguments(Map.of("amount", "3.5", "age", 3), "input \"amount\" must be a number, got string \"3.5\""),
                arguments(Map.of("text", 12, "age", 3), "input \"text\" must be a string, got number 12"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void refusesUnknownKeysAndWrongTypes(Map<String, Object> row, String message) {
        FeatureEncoder encoder = FeatureEncoder.of(MIXED, MIXED_OPS);

        assertThatThrownBy(() -> encoder.encode(row))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(message);
    }

    @Test
    void numericRowsAreRefusedWhenAnInputIsNotANumber() {
        FeatureEncoder encoder = FeatureEncoder.of(MIXED, MIXED_OPS);

        assertThatThrownBy(() -> encoder.encodeNumeric(new double[4], 1, new double[13]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"channel\" is a category");
    }

    private static final List<InputSpec> NUMBER_AND_CATEGORY = List.of(InputSpec.number("a"),
            InputSpec.category("c", List.of("x")));
    private static final PreprocessingOp ONE_HOT = PreprocessingOp.OneHot.of("c");

    static Stream<Arguments> refusesStructuralMistakesNamingTheJsonPath() {
        List<InputSpec> two = NUMBER_AND_CATEGORY;
        PreprocessingOp oneHot = ONE_HOT;
        return Stream.of(
                arguments(two, List.of(PreprocessingOp.Passthrough.of("a", "b"), oneHot),
                        "preprocessing[0].features[1]: unknown input \"b\"; inputs are a, c"),
                arguments(two, List.of(PreprocessingOp.Passthrough.of("a"), oneHot, PreprocessingOp.Passthrough.of("a")),
                        "preprocessing[2].features[0]: input \"a\" is already consumed by preprocessing[0]"
                                + " (passthrough); each input must be consumed by exactly one op"),
                arguments(two, List.of(oneHot),
                        "preprocessing: input \"a\" (number) is not consumed by any op; every input must be consumed"
                                + " exactly once (e.g. by standardize, min_max or passthrough)"),
                arguments(two, List.of(PreprocessingOp.Passthrough.of("a", "c")),
                        "preprocessing[0].features[1]: passthrough applies to number inputs, but \"c\" is a category"
                                + " input"),
                arguments(two, List.of(PreprocessingOp.Passthrough.of("a"), oneHot,
                                PreprocessingOp.Impute.constant(List.of("a"), 1)),
                        "preprocessing[2].features[0]: input \"a\" is imputed after preprocessing[0] (passthrough)"
                                + " consumed it; move the impute op before it"),
                arguments(two, List.of(PreprocessingOp.Impute.constant(List.of("a"), 1),
                                PreprocessingOp.Impute.constant(List.of("a"), 2), PreprocessingOp.Passthrough.of("a"), oneHot),
                        "preprocessing[1].features[0]: input \"a\" is already imputed by preprocessing[0] (impute)"),
                arguments(two, List.of(),
                        "inputs[1]: \"c\" is a category input, so the model needs a preprocessing list that consumes"
                                + " it (e.g. one_hot); without preprocessing every input must be a number"),
                arguments(List.of(InputSpec.number("a"), InputSpec.number("a")), List.of(),
                        "inputs[1].name: \"a\" is already the name of inputs[0]"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource
    void refusesStructuralMistakesNamingTheJsonPath(List<InputSpec> inputs, List<PreprocessingOp> ops, String message) {
        assertRefused(inputs, ops, message);
    }

    static Stream<Arguments> refusesBadParametersNamingTheJsonPath() {
        return Stream.of(
                arguments(new PreprocessingOp.Standardize(List.of("a", "b"), ArrayRef.inline(1), ArrayRef.inline(1, 1)),
                        "preprocessing[0].mean: has 1 values but the op has 2 features; give one value per feature"),
                arguments(new PreprocessingOp.Standardize(List.of("a", "b"), ArrayRef.inline(1, 1),
                                ArrayRef.inline(1, -1)),
                        "preprocessing[0].std[1]: must not be negative, got -1.0"),
                arguments(new PreprocessingOp.MinMax(List.of("a", "b"), ArrayRef.inline(0, 5), ArrayRef.inline(1, 4)),
                        "preprocessing[0].max[1]: 4.0 is less than min[1] 5.0"),
                arguments(new PreprocessingOp.MinMax(List.of("a", "b"), ArrayRef.inline(0, Double.NaN),
                                ArrayRef.inline(1, 4)),
                        "preprocessing[0].min[1]: must be finite, got NaN"),
                arguments(PreprocessingOp.Standardize.of("a", "b"),
                        "preprocessing[0].mean: missing; fit the op first (FeatureEncoder.fit) or give one value per"
                                + " feature"),
                arguments(new PreprocessingOp.Standardize(List.of("a", "b"), ArrayRef.file("weights/m.npy"),
                                ArrayRef.inline(1, 1)),
                        "preprocessing[0].mean: refers to file weights/m.npy, but no array resolver was given to read"
                                + " it"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void refusesBadParametersNamingTheJsonPath(PreprocessingOp op, String message) {
        assertRefused(List.of(InputSpec.number("a"), InputSpec.number("b")), List.of(op), message);
    }

    private static final List<InputSpec> ONE_INPUT = List.of(InputSpec.number("a"));
    private static final List<PreprocessingOp> FILE_PARAMETERS = List.of(new PreprocessingOp.Standardize(List.of("a"),
            ArrayRef.file("weights/mean.npy"), ArrayRef.file("weights/std.npy")));

    @Test
    void readsFileParametersThroughTheResolver() {
        Map<String, double[]> files = Map.of("weights/mean.npy", new double[] {1}, "weights/std.npy", new double[] {4});

        FeatureEncoder encoder = FeatureEncoder.of(ONE_INPUT, FILE_PARAMETERS, (path, location) -> files.get(path));

        assertThat(encoder.encode(Map.of("a", 3))).containsExactly(0.5);
    }

    @Test
    void refusesFileParametersOfTheWrongLengthNamingTheFile() {
        assertThatThrownBy(() -> FeatureEncoder.of(ONE_INPUT, FILE_PARAMETERS, (path, location) -> new double[2]))
                .hasMessage("preprocessing[0].mean (weights/mean.npy): has 2 values but the op has 1 features;"
                        + " give one value per feature");
    }

    private static void assertRefused(List<InputSpec> inputs, List<PreprocessingOp> ops, String message) {
        assertThatThrownBy(() -> FeatureEncoder.of(inputs, ops))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
