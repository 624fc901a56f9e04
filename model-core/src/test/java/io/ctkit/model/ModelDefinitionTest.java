package io.ctkit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.ctkit.model.inference.Activation;
import io.ctkit.model.preprocess.ArrayRef;
import io.ctkit.model.preprocess.InputSpec;
import io.ctkit.model.preprocess.PreprocessingOp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ModelDefinitionTest {

    static final String VALID = """
            {"format": "ctkit-model/1", "name": "receipts", "task": "multiclass-classification",
             "inputs": [{"name": "amount", "type": "number"},
                        {"name": "channel", "type": "category", "values": ["email", "search"]},
                        {"name": "text", "type": "text", "buckets": 16}],
             "preprocessing": [{"op": "standardize", "features": ["amount"], "mean": "weights/mean.npy", "std": [2.0]},
                               {"op": "one_hot", "features": ["channel"]},
                               {"op": "hash", "features": ["text"]}],
             "layers": [{"type": "dense", "weights": "weights/w0.npy", "bias": "weights/b0.npy", "activation": "relu"},
                        {"type": "dense", "weights": "weights/w1.npy", "bias": "weights/b1.npy", "activation": "softmax"}],
             "labels": ["food", "travel", "lodging"]}
            """;

    @Test
    void parsesEveryFieldOfTheContract() throws ModelException {
        ModelDefinition definition = parse(VALID);

        assertThat(definition.name()).isEqualTo("receipts");
        assertThat(definition.task()).isEqualTo(Task.MULTICLASS_CLASSIFICATION);
        assertThat(definition.inputs()).containsExactly(InputSpec.number("amount"),
                InputSpec.category("channel", List.of("email", "search")), InputSpec.text("text", 16));
        assertThat(definition.preprocessing()).containsExactly(
                new PreprocessingOp.Standardize(List.of("amount"), ArrayRef.file("weights/mean.npy"),
                        ArrayRef.inline(2.0)),
                PreprocessingOp.OneHot.of("channel"),
                PreprocessingOp.HashText.of("text"));
        assertThat(definition.layers()).containsExactly(
                LayerSpec.dense("weights/w0.npy", "weights/b0.npy", Activation.RELU),
                LayerSpec.dense("weights/w1.npy", "weights/b1.npy", Activation.SOFTMAX));
        assertThat(definition.labels()).containsExactly("food", "travel", "lodging");
    }

    @Test
    void fillsDefaultAlphaAndOptionalFields() throws ModelException {
        ModelDefinition definition = parse("""
                {"format": "ctkit-model/1", "name": "r", "task": "regression",
                 "inputs": [{"name": "x", "type": "number"}],
                 "layers": [{"type": "dense", "weights": "w.npy", "activation": "leaky_relu"},
                            {"type": "dense", "weights": "v.npy", "activation": "elu", "alpha": 0.5}]}
                """);

        assertSoftly(softly -> {
            softly.assertThat(definition.preprocessing()).isEmpty();
            softly.assertThat(definition.labels()).isEmpty();
            softly.assertThat(definition.layers().get(0).bias()).isNull();
            softly.assertThat(definition.layers().get(0).alpha()).isEqualTo(0.2);
            softly.assertThat(definition.layers().get(1).alpha()).isEqualTo(0.5);
        });
    }

    static List<Path> fixtureBundles() throws IOException {
        try (Stream<Path> bundles = Files.list(BundleFixtures.root())) {
            return bundles.filter(Files::isDirectory).sorted().toList();
        }
    }

    @Test
    void thereAreAtLeastSixGeneratedFixtureBundles() throws IOException {
        assertThat(fixtureBundles()).hasSizeGreaterThanOrEqualTo(6);
    }

    @ParameterizedTest
    @MethodSource("fixtureBundles")
    void parsesTheGeneratedFixtureBundles(Path dir) throws IOException {
        ModelDefinition definition = ModelDefinition.parse(Files.readAllBytes(dir.resolve("model.json")), "model.json");
        assertThat(definition.name()).isEqualTo(dir.getFileName().toString());
    }

    @Test
    void writesCanonicalJson() throws ModelException {
        ModelDefinition definition = new ModelDefinition("m", Task.BINARY_CLASSIFICATION,
                List.of(InputSpec.number("x"), InputSpec.text("t", 4)),
                List.of(new PreprocessingOp.Standardize(List.of("x"), ArrayRef.inline(0.1), ArrayRef.file("w/s.npy")),
                        PreprocessingOp.HashText.of("t")),
                List.of(LayerSpec.dense("w/k.npy", null, Activation.LEAKY_RELU),
                        LayerSpec.dense("w/k2.npy", "w/b2.npy", Activation.SIGMOID)),
                List.of("no", "yes \"quoted\""));

        String json = new String(definition.toJson(), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("""
                {
                  "format": "ctkit-model/1",
                  "name": "m",
                  "task": "binary-classification",
                  "inputs": [
                    {
                      "name": "x",
                      "type": "number"
                    },
                    {
                      "name": "t",
                      "type": "text",
                      "buckets": 4
                    }
                  ],
                  "preprocessing": [
                    {
                      "op": "standardize",
                      "features": ["x"],
                      "mean": [0.1],
                      "std": "w/s.npy"
                    },
                    {
                      "op": "hash",
                      "features": ["t"],
                      "mode": "count"
                    }
                  ],
                  "layers": [
                    {
                      "type": "dense",
                      "weights": "w/k.npy",
                      "activation": "leaky_relu",
                      "alpha": 0.2
                    },
                    {
                      "type": "dense",
                      "weights": "w/k2.npy",
                      "bias": "w/b2.npy",
                      "activation": "sigmoid"
                    }
                  ],
                  "labels": ["no", "yes \\"quoted\\""]
                }
                """);
        assertThat(ModelDefinition.parse(definition.toJson(), "model.json")).isEqualTo(definition);
    }

    @Test
    void writingIsStableAcrossParseRoundTrips() throws ModelException {
        ModelDefinition definition = parse(VALID);
        byte[] once = definition.toJson();
        ModelDefinition again = ModelDefinition.parse(once, "model.json");

        assertThat(again).isEqualTo(definition);
        assertThat(again.toJson()).isEqualTo(once);
    }

    static Stream<Arguments> invalidDefinitions() {
        return Stream.of(
                edit("\"activation\": \"relu\"", "\"activation\": \"relux\"",
                        "layers[0].activation: unknown activation \"relux\"; expected one of linear, relu, leaky_relu,"
                                + " elu, sigmoid, tanh, softmax"),
                edit("ctkit-model/1", "ctkit-model/2",
                        "format: expected \"ctkit-model/1\", got \"ctkit-model/2\"; this reader understands"
                                + " ctkit-model/1 only"),
                edit("\"name\": \"receipts\",", "\"name\": \"receipts\", \"extra\": 1,",
                        "extra: unknown field; expected one of format, inputs, labels, layers, name, preprocessing,"
                                + " task"),
                edit("\"name\": \"receipts\",", "", "name: missing; this field is required"),
                edit("\"name\": \"receipts\"", "\"name\": \"my model\"",
                        "name: \"my model\" must start with a letter or digit and contain only letters, digits, '.',"
                                + " '_' and '-' (at most 128 characters); it is used in URLs"),
                edit("multiclass-classification", "classification",
                        "task: unknown task \"classification\"; expected one of regression, binary-classification,"
                                + " multiclass-classification"),
                edit("\"buckets\": 16", "\"buckets\": \"16\"", "inputs[2].buckets: must be a positive integer, got \"16\""),
                edit("\"buckets\": 16", "\"buckets\": 0", "inputs[2].buckets: must be a positive integer, got 0"),
                edit("\"buckets\": 16", "\"buckets\": 16777217",
                        "inputs[2]: text input \"text\" buckets must be between 1 and 16777216: 16777217"),
                edit("\"type\": \"number\"}", "\"type\": \"number\", \"values\": [\"a\"]}",
                        "inputs[0].values: unknown field for a number input; expected one of name, type"),
                edit("\"type\": \"number\"}", "\"type\": \"bool\"}",
                        "inputs[0].type: unknown input type \"bool\"; expected one of number, category, text"),
                edit("[\"email\", \"search\"]", "[\"email\", \"email\"]",
                        "inputs[1]: values[1] of input \"channel\" repeats \"email\""),
                edit("{\"name\": \"amount\", \"type\": \"number\"}", "\"amount\"",
                        "inputs[0]: expected a map, got \"amount\""),
                edit("\"op\": \"standardize\"", "\"op\": \"scale\"",
                        "preprocessing[0].op: unknown op \"scale\"; expected one of standardize, min_max, impute, one_hot,"
                                + " hash, passthrough"),
                edit("\"std\": [2.0]", "\"std\": [2.0], \"center\": true",
                        "preprocessing[0].center: unknown field for standardize; expected one of features, mean, op, std"),
                edit("\"std\": [2.0]", "\"std\": 2",
                        "preprocessing[0].std: expected a .npy file path or an array of numbers, got 2"),
                edit("\"std\": [2.0]", "\"std\": [\"x\"]", "preprocessing[0].std[0]: must be a number, got \"x\""),
                edit("\"std\": [2.0]", "\"std\": [1e999]", "preprocessing[0].std[0]: must be a number, got Infinity"),
                edit("\"std\": [2.0]", "\"std\": [2.0], \"mean\": [1.0]",
                        "line 5, column 114: invalid JSON: Duplicate field 'mean'"),
                edit("weights/mean.npy", "../mean.npy",
                        "preprocessing[0].mean: file path \"../mean.npy\" must not contain empty, . or .. segments"),
                edit("weights/mean.npy", "/tmp/mean.npy", "preprocessing[0].mean: file path \"/tmp/mean.npy\" must be"
                        + " relative to the bundle root and use / (e.g. weights/dense_0_W.npy)"),
                edit("\"features\": [\"channel\"]", "\"features\": []", "preprocessing[1].features: must not be empty"),
                edit("\"features\": [\"text\"]}", "\"features\": [\"text\"], \"mode\": \"tfidf\"}",
                        "preprocessing[2].mode: unknown hash mode \"tfidf\"; expected count or binary"),
                edit("weights/w0.npy", "weights/w0.txt", "layers[0].weights: file path \"weights/w0.txt\" must name a .npy file"),
                edit("\"type\": \"dense\", \"weights\": \"weights/w0.npy\"", "\"type\": \"conv2d\", \"weights\": \"weights/w0.npy\"",
                        "layers[0].type: unknown layer type \"conv2d\"; expected dense"),
                edit("\"activation\": \"relu\"", "\"activation\": \"relu\", \"alpha\": 0.1",
                        "layers[0].alpha: only leaky_relu and elu take alpha, this layer's activation is relu; remove"
                                + " alpha or change the activation"),
                edit("\"activation\": \"relu\"", "\"activation\": \"leaky_relu\", \"alpha\": \"x\"",
                        "layers[0].alpha: must be a number, got \"x\""),
                edit("\"activation\": \"relu\"", "\"actvation\": \"relu\"",
                        "layers[0].actvation: unknown field; expected one of activation, alpha, bias, type, weights (did you"
                                + " mean \"activation\"?)"),
                edit("\"bias\": \"weights/b0.npy\", ", "\"bias\": null, ", "layers[0].bias: expected a string, got null"),
                edit("[\"food\", \"travel\", \"lodging\"]", "[\"food\", \"travel\", \"food\"]", "labels[2]: repeats \"food\""),
                edit("[\"food\", \"travel\", \"lodging\"]", "[\"food\"]",
                        "labels: a multiclass classifier has at least 2 labels, got 1"),
                edit("multiclass-classification", "binary-classification",
                        "labels: a binary classifier has exactly 2 labels (negative, positive), got 3"),
                edit("multiclass-classification", "regression",
                        "labels: a regression model has no labels, got [food, travel, lodging]"),
                edit("\"labels\": [\"food\", \"travel\", \"lodging\"]}", "\"labels\": [\"food\", \"travel\"]} []",
                        "line 10, column 32: invalid JSON: unexpected content after the top-level object"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("invalidDefinitions")
    void refusesInvalidDefinitionNamingTheJsonPath(String target, String replacement, String message) {
        assertThat(VALID).contains(target);
        String json = VALID.replace(target, replacement);

        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(ModelException.class)
                .hasMessage("model.json: " + message);
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', value = {
        "[] | model.json: expected a map with keys format, inputs, labels, layers, name, preprocessing, task, got a list",
        "'' | model.json: is empty; expected a JSON object",
    })
    void refusesSomethingThatIsNotAnObject(String json, String message) {
        assertThatThrownBy(() -> parse(json)).hasMessage(message);
    }

    @Test
    void refusesAnUnfinishedObjectNamingLineAndColumn() {
        assertThatThrownBy(() -> parse("{\"format\": ")).hasMessageStartingWith("model.json: line 1, column 12: invalid JSON:");
    }

    private static Arguments edit(String target, String replacement, String message) {
        return Arguments.of(target, replacement, message);
    }

    private static ModelDefinition parse(String json) throws ModelException {
        return ModelDefinition.parse(json.getBytes(StandardCharsets.UTF_8), "model.json");
    }
}
