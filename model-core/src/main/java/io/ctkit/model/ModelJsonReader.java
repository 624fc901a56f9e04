package io.ctkit.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ctkit.config.ConfigException;
import io.ctkit.config.ConfigNode;
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
        try {
            return definition(ConfigNode.root(source, node));
        } catch (ConfigException e) {
            throw new ModelException(e.getMessage(), e);
        }
    }

    private ModelDefinition definition(ConfigNode root) throws ModelException {
        root.requireObject(List.of("format", "name", "task", "inputs", "preprocessing", "layers", "labels"));
        String format = root.required("format").anyString();
        if (!format.equals(ModelDefinition.FORMAT)) {
            throw root.error("format", "expected \"" + ModelDefinition.FORMAT + "\", got \"" + format
                    + "\"; this reader understands " + ModelDefinition.FORMAT + " only");
        }
        String name = root.required("name").anyString();
        String taskName = root.required("task").anyString();
        Task task = Task.fromJsonName(taskName).orElseThrow(() -> root.error("task",
                "unknown task \"" + taskName + "\"; expected one of " + Task.jsonNames()));
        List<InputSpec> inputs = new ArrayList<>();
        for (ConfigNode input : nonEmptyList(root, "inputs")) {
            inputs.add(input(input));
        }
        List<PreprocessingOp> ops = new ArrayList<>();
        if (root.raw().has("preprocessing")) {
            for (ConfigNode op : root.get("preprocessing").list()) {
                ops.add(op(op));
            }
        }
        List<LayerSpec> layers = new ArrayList<>();
        for (ConfigNode layer : nonEmptyList(root, "layers")) {
            layers.add(layer(layer));
        }
        List<String> labels = root.raw().has("labels") ? nonEmptyStrings(root, "labels") : List.of();
        try {
            return new ModelDefinition(name, task, inputs, ops, layers, labels);
        } catch (IllegalArgumentException e) {
            throw new ModelException(source + ": " + e.getMessage(), e);
        }
    }

    private static List<ConfigNode> nonEmptyList(ConfigNode object, String field) {
        List<ConfigNode> items = object.required(field).list();
        if (items.isEmpty()) {
            throw object.error(field, "must not be empty");
        }
        return items;
    }

    private static List<String> nonEmptyStrings(ConfigNode object, String field) {
        nonEmptyList(object, field);
        return object.get(field).strings();
    }

    private static String text(ConfigNode object, String field) {
        return object.required(field).anyString();
    }

    private InputSpec input(ConfigNode object) {
        object.requireMap();
        String type = text(object, "type");
        try {
            switch (type) {
                case "number":
                    object.requireObject(List.of("name", "type"), "a number input");
                    return InputSpec.number(text(object, "name"));
                case "category":
                    object.requireObject(List.of("name", "type", "values"), "a category input");
                    return InputSpec.category(text(object, "name"), nonEmptyStrings(object, "values"));
                case "text":
                    object.requireObject(List.of("name", "type", "buckets"), "a text input");
                    return InputSpec.text(text(object, "name"), object.required("buckets").positiveInt());
                default:
                    throw object.error("type", "unknown input type \"" + type
                            + "\"; expected one of number, category, text");
            }
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw object.error(e.getMessage());
        }
    }

    private PreprocessingOp op(ConfigNode object) {
        object.requireMap();
        String op = text(object, "op");
        List<String> features;
        try {
            switch (op) {
                case "standardize":
                    object.requireObject(List.of("op", "features", "mean", "std"), "standardize");
                    features = nonEmptyStrings(object, "features");
                    return new PreprocessingOp.Standardize(features, array(object, "mean"), array(object, "std"));
                case "min_max":
                    object.requireObject(List.of("op", "features", "min", "max"), "min_max");
                    features = nonEmptyStrings(object, "features");
                    return new PreprocessingOp.MinMax(features, array(object, "min"), array(object, "max"));
                case "impute":
                    object.requireObject(List.of("op", "features", "values"), "impute");
                    features = nonEmptyStrings(object, "features");
                    return new PreprocessingOp.Impute(features, array(object, "values"));
                case "one_hot":
                    object.requireObject(List.of("op", "features"), "one_hot");
                    return new PreprocessingOp.OneHot(nonEmptyStrings(object, "features"));
                case "hash":
                    object.requireObject(List.of("op", "features", "mode"), "hash");
                    features = nonEmptyStrings(object, "features");
                    String mode = object.raw().has("mode") ? text(object, "mode") : "count";
                    PreprocessingOp.HashText.Mode parsed;
                    try {
                        parsed = PreprocessingOp.HashText.Mode.fromJsonName(mode);
                    } catch (IllegalArgumentException e) {
                        throw object.error("mode", e.getMessage());
                    }
                    return new PreprocessingOp.HashText(features, parsed);
                case "passthrough":
                    object.requireObject(List.of("op", "features"), "passthrough");
                    return new PreprocessingOp.Passthrough(nonEmptyStrings(object, "features"));
                default:
                    throw object.error("op", "unknown op \"" + op + "\"; expected one of " + String.join(", ", OPS));
            }
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw object.error(e.getMessage());
        }
    }

    private static ArrayRef array(ConfigNode object, String field) {
        ConfigNode node = object.required(field);
        if (node.raw().isTextual()) {
            String problem = BundlePaths.problem(node.raw().textValue());
            if (problem != null) {
                throw node.error("file path \"" + node.raw().textValue() + "\" " + problem);
            }
            return ArrayRef.file(node.raw().textValue());
        }
        if (node.raw().isArray()) {
            List<ConfigNode> items = node.list();
            double[] values = new double[items.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = items.get(i).number();
            }
            return ArrayRef.inline(values);
        }
        throw node.error("expected a .npy file path or an array of numbers, got " + ConfigNode.describe(node.raw()));
    }

    private static LayerSpec layer(ConfigNode object) {
        object.requireObject(List.of("type", "weights", "bias", "activation", "alpha"));
        String type = text(object, "type");
        if (!type.equals(LayerSpec.DENSE)) {
            throw object.error("type", "unknown layer type \"" + type + "\"; expected " + LayerSpec.DENSE);
        }
        String weights = path(object, "weights", text(object, "weights"));
        String bias = object.raw().has("bias") ? path(object, "bias", object.get("bias").anyString()) : null;
        String name = text(object, "activation");
        Activation activation = Activation.fromJsonName(name).orElseThrow(() -> object.error("activation",
                "unknown activation \"" + name + "\"; expected one of " + Activation.jsonNames()));
        Double alpha = null;
        if (object.raw().has("alpha")) {
            if (!activation.takesAlpha()) {
                throw object.error("alpha", "only leaky_relu and elu take alpha, this layer's activation is "
                        + activation + "; remove alpha or change the activation");
            }
            alpha = object.get("alpha").number();
        }
        return new LayerSpec(weights, bias, activation, alpha);
    }

    private static String path(ConfigNode object, String field, String value) {
        String problem = BundlePaths.problem(value);
        if (problem != null) {
            throw object.error(field, "file path \"" + value + "\" " + problem);
        }
        return value;
    }
}
