package io.ctkit.project;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ctkit.data.Column;
import io.ctkit.data.ColumnType;
import io.ctkit.data.LabelKind;
import io.ctkit.data.Schema;
import io.ctkit.config.ConfigException;
import io.ctkit.config.ConfigNode;
import io.ctkit.model.Task;
import io.ctkit.model.inference.Activation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and checks {@code ctkit.yaml}: the core here (name, seed, data, features, model), each
 * step's section by that step's {@link Section}; every error with its field path.
 */
final class PipelineFileReader {
    /** The core keys, read here; every other top-level key belongs to a {@link Section}. */
    static final List<String> CORE = List.of("name", "seed", "data", "features", "model");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final String file;

    private PipelineFileReader(String file) {
        this.file = file;
    }

    static PipelineFile read(Path path, List<Section<?>> sections) throws IOException {
        String name = path.toString();
        byte[] bytes = Files.readAllBytes(path);
        JsonNode root;
        try {
            root = YAML.readTree(bytes);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new ConfigException(name, "", where + "not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException(name, "", "the file is empty; it needs at least name, data, features and model");
        }
        return new PipelineFileReader(name).pipeline(ConfigNode.root(name, root, ConfigNode.lines(bytes, YAML.getFactory())),
                path, sections);
    }

    private PipelineFile pipeline(ConfigNode root, Path path, List<Section<?>> sections) {
        Set<String> keys = new java.util.LinkedHashSet<>(CORE);
        sections.forEach(s -> keys.add(s.key()));
        root.requireObject(keys);
        String modelName = root.required("name").string();
        if (!modelName.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}") || modelName.contains("..")) {
            throw root.error("name", "\"" + modelName + "\" must start with a letter or digit and contain only letters,"
                    + " digits, '.', '_' and '-', without \"..\" (at most 128 characters); it names the model in the"
                    + " registry and in URLs");
        }
        long seed = root.optional("seed").map(ConfigNode::anyLong).orElse(42L);
        Path dir = path.toAbsolutePath().getParent();
        DataSection data = data(root.required("data"), dir);
        ModelSection model = model(root.required("model"), data);
        List<FeatureSpec> features = features(root.required("features"), data);
        List<String> hashed = new ArrayList<>(CORE);
        sections.stream().filter(Section::decidesTraining).map(Section::key).forEach(hashed::add);
        PipelineFile core = new PipelineFile(path, modelName, seed, data, features, model, hash(root.raw(), hashed),
                Map.of());
        Map<String, Object> values = new LinkedHashMap<>();
        for (Section<?> section : sections) {
            Object value = root.has(section.key()) ? section.read(root.get(section.key()), core) : section.absent(core);
            values.put(section.key(), value);
        }
        return new PipelineFile(path, modelName, seed, data, features, model, core.configHash(), values);
    }

    private DataSection data(ConfigNode node, Path dir) {
        node.requireObject(Set.of("train", "holdout", "reference", "schema", "label", "generate"));
        Path train = dataPath(node.required("train"), dir);
        Path holdout = dataPath(node.required("holdout"), dir);
        Path reference = node.optional("reference").map(n -> dataPath(n, dir)).orElse(null);
        ConfigNode schemaNode = node.required("schema");
        if (!schemaNode.raw().isObject()) {
            throw schemaNode.error("expected a map with \"columns\" (see docs/datasets.md), got "
                    + ConfigNode.describe(schemaNode.raw()));
        }
        Schema schema = Schema.read(schemaNode);
        Column labelColumn = schema.label().orElseThrow(() -> schemaNode.error("columns",
                "no label column; declare the column to predict with type: label and kind: regression|classification"));
        String label = labelColumn.name();
        if (node.has("label")) {
            String given = node.get("label").string();
            if (!given.equals(label)) {
                throw node.error("label", "\"" + given + "\" is not the schema's label column \"" + label
                        + "\"; give the label column type: label in data.schema, or leave data.label out");
            }
        }
        GeneratorSpec generate = node.optional("generate").map(this::generator).orElse(null);
        return new DataSection(train, holdout, reference, schema, label, generate);
    }

    private Path dataPath(ConfigNode node, Path dir) {
        String text = node.string();
        Path p = Path.of(text);
        if (p.isAbsolute()) {
            throw node.error("\"" + text + "\" is absolute; give a path relative to the ctkit.yaml file, so the"
                    + " project runs the same from any checkout");
        }
        return dir.resolve(p).normalize();
    }

    private GeneratorSpec generator(ConfigNode node) {
        node.requireObject(Set.of("generator", "options"));
        String name = node.required("generator").string();
        Map<String, Object> options = node.optional("options").map(ConfigNode::toMap)
                .orElse(Map.of());
        return new GeneratorSpec(name, node.path(), options);
    }

    private ModelSection model(ConfigNode node, DataSection data) {
        node.requireObject(Set.of("task", "hidden"));
        // both spellings, binary-classification and binary, as everywhere
        Task task = Task.find(node.required("task").choice(Task.allNames())).orElseThrow();
        LabelKind kind = data.labelColumn().labelKind();
        boolean regressionLabel = kind == LabelKind.REGRESSION;
        if (regressionLabel != (task == Task.REGRESSION)) {
            throw node.error("task", task.jsonName() + " does not fit the label column \"" + data.label() + "\" of kind "
                    + kind.key() + "; use " + (regressionLabel ? "regression" : "binary-classification or"
                    + " multiclass-classification") + ", or change the label's kind");
        }
        List<String> classes = data.labelColumn().values();
        if (task == Task.BINARY_CLASSIFICATION && !classes.isEmpty() && classes.size() != 2) {
            throw node.error("task", "binary-classification needs exactly 2 classes, but the label \"" + data.label()
                    + "\" declares " + classes.size() + " " + classes + "; use multiclass-classification");
        }
        List<ModelSection.Hidden> hidden = new ArrayList<>();
        if (node.has("hidden")) {
            for (ConfigNode layer : node.get("hidden").list()) {
                layer.requireObject(Set.of("units", "activation", "alpha"));
                int units = layer.required("units").positiveInt();
                String name = layer.optional("activation").map(ConfigNode::string).orElse("relu");
                Activation activation = Activation.fromJsonName(name).filter(a -> a != Activation.SOFTMAX)
                        .orElseThrow(() -> layer.error("activation", "unknown hidden-layer activation \"" + name
                                + "\"; expected one of linear, relu, leaky_relu, elu, sigmoid, tanh"));
                Double alpha = null;
                if (layer.has("alpha")) {
                    if (!activation.takesAlpha()) {
                        throw layer.error("alpha", "only leaky_relu and elu take alpha, not " + name + "; remove it");
                    }
                    alpha = layer.get("alpha").number();
                }
                hidden.add(new ModelSection.Hidden(units, activation, alpha));
            }
        }
        return new ModelSection(task, hidden);
    }

    private List<FeatureSpec> features(ConfigNode node, DataSection data) {
        List<ConfigNode> items = node.list();
        if (items.isEmpty()) {
            throw node.error("must list at least one feature");
        }
        Map<String, String> seen = new LinkedHashMap<>();
        List<FeatureSpec> features = new ArrayList<>();
        for (ConfigNode item : items) {
            FeatureSpec feature = feature(item, data);
            String previous = seen.putIfAbsent(feature.name(), item.path());
            if (previous != null) {
                throw item.error("name", "\"" + feature.name() + "\" is listed twice (also " + previous + ")");
            }
            features.add(feature);
        }
        return features;
    }

    private FeatureSpec feature(ConfigNode item, DataSection data) {
        item.requireObject(Set.of("name", "transform", "impute", "buckets", "mode"));
        String name = item.required("name").string();
        Column column = data.schema().column(name).orElseThrow(() -> item.error("name", "\"" + name
                + "\" is not a column of data.schema; declare it there first"));
        ColumnType type = column.type();
        if (type == ColumnType.LABEL) {
            throw item.error("name", "\"" + name + "\" is the label; a model cannot take its own label as a feature");
        }
        if (type == ColumnType.ID || type == ColumnType.TIME) {
            throw item.error("name", "\"" + name + "\" is a " + type.key() + " column; features are number, category"
                    + " or text columns (turn a time into features such as day_of_week first)");
        }
        String defaultTransform = switch (type) {
            case CATEGORY -> "one_hot";
            case TEXT -> "hash";
            default -> "standardize";
        };
        String key = item.optional("transform").map(n -> n.choice(FeatureSpec.Transform.keys())).orElse(defaultTransform);
        FeatureSpec.Transform transform = FeatureSpec.Transform.fromKey(key);
        boolean fits = switch (type) {
            case NUMBER -> transform.numeric();
            case CATEGORY -> transform == FeatureSpec.Transform.ONE_HOT;
            default -> transform == FeatureSpec.Transform.HASH;
        };
        if (!fits) {
            throw item.error("transform", key + " does not apply to the " + type.key() + " column \"" + name
                    + "\"; use " + (type == ColumnType.NUMBER ? "standardize, min_max or passthrough"
                    : type == ColumnType.CATEGORY ? "one_hot" : "hash"));
        }
        FeatureSpec.Impute impute = null;
        if (item.has("impute")) {
            ConfigNode n = item.get("impute");
            if (!transform.numeric()) {
                throw n.error("only number features are imputed; a missing " + type.key()
                        + " gives all-zero columns already; remove impute");
            }
            impute = n.raw().isTextual() && "mean".equals(n.raw().asText()) ? FeatureSpec.Impute.mean()
                    : n.raw().isNumber() ? new FeatureSpec.Impute(n.number())
                    : null;
            if (impute == null) {
                throw n.error("must be mean or a number, got " + ConfigNode.describe(n.raw()));
            }
        }
        Integer buckets = null;
        boolean binary = false;
        if (transform == FeatureSpec.Transform.HASH) {
            buckets = item.required("buckets").positiveInt();
            if (buckets > io.ctkit.model.preprocess.InputSpec.MAX_BUCKETS) {
                throw item.error("buckets", "must be at most " + io.ctkit.model.preprocess.InputSpec.MAX_BUCKETS
                        + ", got " + buckets);
            }
            binary = item.optional("mode").map(n -> n.choice(List.of("count", "binary"))).orElse("count").equals("binary");
        } else {
            for (String only : List.of("buckets", "mode")) {
                if (item.has(only)) {
                    throw item.error(only, "only hash features take " + only + "; remove it");
                }
            }
        }
        return new FeatureSpec(name, transform, impute, buckets, binary);
    }

    private static String hash(JsonNode root, List<String> sections) {
        ObjectNode training = CANONICAL.createObjectNode();
        for (String section : sections) {
            if (root.has(section)) {
                training.set(section, root.get(section));
            }
        }
        try {
            Object plain = CANONICAL.convertValue(training, Object.class);
            byte[] canonical = CANONICAL.writeValueAsString(plain).getBytes(StandardCharsets.UTF_8);
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
