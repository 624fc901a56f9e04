package io.ctkit.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ctkit.model.inference.Activation;
import io.ctkit.model.preprocess.ArrayRef;
import io.ctkit.model.preprocess.InputSpec;
import io.ctkit.model.preprocess.PreprocessingOp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Strict reader of {@code model.json}: every error names the JSON path of the bad value. */
final class ModelJsonReader {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final List<String> OPS =
            List.of("standardize", "min_max", "impute", "one_hot", "hash", "passthrough");

    private final String source;

    private ModelJsonReader(String source) {
        this.source = source;
    }

    static ModelDefinition read(byte[] json, String source) throws ModelException {
        JsonNode root;
        try (JsonParser parser = MAPPER.createParser(json)) {
            root = MAPPER.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new ModelException(source + ": line " + at.getLineNr() + ", column " + at.getColumnNr()
                        + ": invalid JSON: unexpected content after the top-level object");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw new ModelException(source + ": " + where + "invalid JSON: " + e.getOriginalMessage(), e);
        } catch (ModelException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelException(source + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new ModelException(source + ": is empty; expected a JSON object");
        }
        return new ModelJsonReader(source).definition(root);
    }

    private ModelDefinition definition(JsonNode node) throws ModelException {
        JsonObject root = new JsonObject(node, "");
        root.allow("format", "name", "task", "inputs", "preprocessing", "layers", "labels");
        String format = root.string("format");
        if (!format.equals(ModelDefinition.FORMAT)) {
            throw error("format", "expected \"" + ModelDefinition.FORMAT + "\", got \"" + format
                    + "\"; this reader understands " + ModelDefinition.FORMAT + " only");
        }
        String name = root.string("name");
        String taskName = root.string("task");
        Task task = Task.fromJsonName(taskName).orElseThrow(() -> error("task",
                "unknown task \"" + taskName + "\"; expected one of " + Task.jsonNames()));
        List<InputSpec> inputs = new ArrayList<>();
        List<JsonNode> inputNodes = root.array("inputs", true);
        for (int i = 0; i < inputNodes.size(); i++) {
            inputs.add(input(new JsonObject(inputNodes.get(i), "inputs[" + i + "]")));
        }
        List<PreprocessingOp> ops = new ArrayList<>();
        List<JsonNode> opNodes = root.array("preprocessing", false);
        for (int i = 0; i < opNodes.size(); i++) {
            ops.add(op(new JsonObject(opNodes.get(i), "preprocessing[" + i + "]")));
        }
        List<LayerSpec> layers = new ArrayList<>();
        List<JsonNode> layerNodes = root.array("layers", true);
        for (int i = 0; i < layerNodes.size(); i++) {
            layers.add(layer(new JsonObject(layerNodes.get(i), "layers[" + i + "]")));
        }
        List<String> labels = root.has("labels") ? root.strings("labels") : List.of();
        try {
            return new ModelDefinition(name, task, inputs, ops, layers, labels);
        } catch (IllegalArgumentException e) {
            throw new ModelException(source + ": " + e.getMessage(), e);
        }
    }

    private InputSpec input(JsonObject object) throws ModelException {
        String type = object.string("type");
        try {
            switch (type) {
                case "number":
                    object.allowFor("a number input", "name", "type");
                    return InputSpec.number(object.string("name"));
                case "category":
                    object.allowFor("a category input", "name", "type", "values");
                    return InputSpec.category(object.string("name"), object.strings("values"));
                case "text":
                    object.allowFor("a text input", "name", "type", "buckets");
                    return InputSpec.text(object.string("name"), object.integer("buckets"));
                default:
                    throw error(object.path("type"), "unknown input type \"" + type
                            + "\"; expected one of number, category, text");
            }
        } catch (IllegalArgumentException e) {
            throw error(object.path, e.getMessage());
        }
    }

    private PreprocessingOp op(JsonObject object) throws ModelException {
        String op = object.string("op");
        List<String> features;
        try {
            switch (op) {
                case "standardize":
                    object.allowFor("standardize", "op", "features", "mean", "std");
                    features = object.strings("features");
                    return new PreprocessingOp.Standardize(features, array(object, "mean"), array(object, "std"));
                case "min_max":
                    object.allowFor("min_max", "op", "features", "min", "max");
                    features = object.strings("features");
                    return new PreprocessingOp.MinMax(features, array(object, "min"), array(object, "max"));
                case "impute":
                    object.allowFor("impute", "op", "features", "values");
                    features = object.strings("features");
                    return new PreprocessingOp.Impute(features, array(object, "values"));
                case "one_hot":
                    object.allowFor("one_hot", "op", "features");
                    return new PreprocessingOp.OneHot(object.strings("features"));
                case "hash":
                    object.allowFor("hash", "op", "features", "mode");
                    features = object.strings("features");
                    String mode = object.has("mode") ? object.string("mode") : "count";
                    PreprocessingOp.HashText.Mode parsed;
                    try {
                        parsed = PreprocessingOp.HashText.Mode.fromJsonName(mode);
                    } catch (IllegalArgumentException e) {
                        throw error(object.path("mode"), e.getMessage());
                    }
                    return new PreprocessingOp.HashText(features, parsed);
                case "passthrough":
                    object.allowFor("passthrough", "op", "features");
                    return new PreprocessingOp.Passthrough(object.strings("features"));
                default:
                    throw error(object.path("op"), "unknown op \"" + op + "\"; expected one of "
                            + String.join(", ", OPS));
            }
        } catch (IllegalArgumentException e) {
            throw error(object.path, e.getMessage());
        }
    }

    private ArrayRef array(JsonObject object, String field) throws ModelException {
        JsonNode node = object.required(field);
        String path = object.path(field);
        if (node.isTextual()) {
            String problem = BundlePaths.problem(node.textValue());
            if (problem != null) {
                throw error(path, "file path \"" + node.textValue() + "\" " + problem);
            }
            return ArrayRef.file(node.textValue());
        }
        if (node.isArray()) {
            double[] values = new double[node.size()];
            for (int i = 0; i < values.length; i++) {
                JsonNode element = node.get(i);
                if (!element.isNumber() || !Double.isFinite(element.doubleValue())) {
                    throw error(path + "[" + i + "]", "expected a finite number, got " + JsonObject.describe(element));
                }
                values[i] = element.doubleValue();
            }
            return ArrayRef.inline(values);
        }
        throw error(path, "expected a .npy file path or an array of numbers, got " + JsonObject.describe(node));
    }

    private LayerSpec layer(JsonObject object) throws ModelException {
        object.allow("type", "weights", "bias", "activation", "alpha");
        String type = object.string("type");
        if (!type.equals(LayerSpec.DENSE)) {
            throw error(object.path("type"), "unknown layer type \"" + type + "\"; expected " + LayerSpec.DENSE);
        }
        String weights = path(object, "weights", object.string("weights"));
        String bias = object.has("bias") ? path(object, "bias", object.string("bias")) : null;
        String name = object.string("activation");
        Activation activation = Activation.fromJsonName(name).orElseThrow(() -> error(object.path("activation"),
                "unknown activation \"" + name + "\"; expected one of " + Activation.jsonNames()));
        Double alpha = null;
        if (object.has("alpha")) {
            if (!activation.takesAlpha()) {
                throw error(object.path("alpha"), "only leaky_relu and elu take alpha, this layer's activation is "
                        + activation + "; remove alpha or change the activation");
            }
            alpha = object.number("alpha");
        }
        return new LayerSpec(weights, bias, activation, alpha);
    }

    private String path(JsonObject object, String field, String value) throws ModelException {
        String problem = BundlePaths.problem(value);
        if (problem != null) {
            throw error(object.path(field), "file path \"" + value + "\" " + problem);
        }
        return value;
    }

    private ModelException error(String path, String message) {
        return new ModelException(source + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    /** A JSON object at a path, with typed accessors that report the path on error. */
    private final class JsonObject {
        final JsonNode node;
        final String path;

        JsonObject(JsonNode node, String path) throws ModelException {
            if (!node.isObject()) {
                throw error(path, "expected an object, got " + describe(node));
            }
            this.node = node;
            this.path = path;
        }

        String path(String field) {
            return path.isEmpty() ? field : path + "." + field;
        }

        void allow(String... fields) throws ModelException {
            allowFor(null, fields);
        }

        void allowFor(String what, String... fields) throws ModelException {
            List<String> allowed = List.of(fields);
            var names = node.fieldNames();
            while (names.hasNext()) {
                String field = names.next();
                if (!allowed.contains(field)) {
                    throw error(path(field), "unknown field" + (what == null ? "" : " for " + what)
                            + "; expected one of " + String.join(", ", allowed));
                }
            }
        }

        boolean has(String field) {
            return node.has(field);
        }

        JsonNode required(String field) throws ModelException {
            JsonNode value = node.get(field);
            if (value == null) {
                throw error(path, "missing field \"" + field + "\"");
            }
            return value;
        }

        String string(String field) throws ModelException {
            JsonNode value = required(field);
            if (!value.isTextual()) {
                throw error(path(field), "expected a string, got " + describe(value));
            }
            return value.textValue();
        }

        int integer(String field) throws ModelException {
            JsonNode value = required(field);
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw error(path(field), "expected an integer, got " + describe(value));
            }
            return value.intValue();
        }

        double number(String field) throws ModelException {
            JsonNode value = required(field);
            if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
                throw error(path(field), "expected a finite number, got " + describe(value));
            }
            return value.doubleValue();
        }

        List<JsonNode> array(String field, boolean required) throws ModelException {
            if (!required && !node.has(field)) {
                return List.of();
            }
            JsonNode value = required(field);
            if (!value.isArray()) {
                throw error(path(field), "expected an array, got " + describe(value));
            }
            List<JsonNode> elements = new ArrayList<>();
            value.forEach(elements::add);
            if (required && elements.isEmpty()) {
                throw error(path(field), "must not be empty");
            }
            return elements;
        }

        List<String> strings(String field) throws ModelException {
            List<String> strings = new ArrayList<>();
            List<JsonNode> elements = array(field, true);
            for (int i = 0; i < elements.size(); i++) {
                if (!elements.get(i).isTextual()) {
                    throw error(path(field) + "[" + i + "]", "expected a string, got " + describe(elements.get(i)));
                }
                strings.add(elements.get(i).textValue());
            }
            return strings;
        }

        static String describe(JsonNode node) {
            if (node.isTextual()) {
                String text = node.textValue();
                return "string \"" + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "\"";
            }
            if (node.isNumber()) {
                return "number " + node.asText();
            }
            if (node.isBoolean()) {
                return "boolean " + node.asText();
            }
            if (node.isNull()) {
                return "null";
            }
            return node.isArray() ? "an array" : "an object";
        }
    }
}
