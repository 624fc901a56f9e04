package io.ctkit.model;

import io.ctkit.model.preprocess.ArrayRef;
import io.ctkit.model.preprocess.InputSpec;
import io.ctkit.model.preprocess.PreprocessingOp;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The contents of {@code model.json} (format {@value #FORMAT}): what a model takes, how its
 * inputs become a feature vector, its layers and its labels. Weight arrays are referred to by
 * path; {@link Model} joins a definition with the arrays.
 *
 * @param name the model's name: a letter or digit, then up to 127 letters, digits, {@code . _ -}
 * @param task what the model predicts
 * @param inputs the inputs, in order; at least one
 * @param preprocessing the ops that build the feature vector; empty when every input is a number
 *     and the feature vector is the inputs in order
 * @param layers the dense layers, first to last; at least one
 * @param labels the class labels of a classifier (two for binary, two or more for multiclass),
 *     empty for regression
 */
public record ModelDefinition(String name, Task task, List<InputSpec> inputs, List<PreprocessingOp> preprocessing,
        List<LayerSpec> layers, List<String> labels) {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "ctkit-model/1";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /**
     * Checks a model name against the one rule for names (model.json's {@code name}, and any name a
     * model is served under): it goes into URLs and HTTP headers, so it is plain ASCII.
     *
     * @param where what to call the value in the message, e.g. {@code name} or {@code --model-name}
     * @throws IllegalArgumentException naming {@code where} if the name breaks the rule
     */
    public static void checkName(String where, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(where + ": \"" + name + "\" must start with a letter or digit and contain"
                    + " only letters, digits, '.', '_' and '-' (at most 128 characters); it is used in URLs");
        }
    }

    public ModelDefinition {
        Objects.requireNonNull(name, "name");
        checkName("name", name);
        Objects.requireNonNull(task, "task");
        inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("inputs: must not be empty");
        }
        preprocessing = preprocessing == null ? List.of() : List.copyOf(preprocessing);
        for (int o = 0; o < preprocessing.size(); o++) {
            PreprocessingOp op = preprocessing.get(o);
            for (var param : op.arrays().entrySet()) {
                String where = "preprocessing[" + o + "]." + param.getKey();
                if (param.getValue() == null) {
                    throw new IllegalArgumentException(where + ": missing; fit the op first (FeatureEncoder.fit)");
                }
                if (param.getValue() instanceof ArrayRef.File file) {
                    BundlePaths.check(file.path(), where);
                }
            }
        }
        layers = List.copyOf(Objects.requireNonNull(layers, "layers"));
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("layers: must not be empty");
        }
        labels = labels == null ? List.of() : List.copyOf(labels);
        checkLabels(task, labels);
    }

    private static void checkLabels(Task task, List<String> labels) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            if (label.isEmpty()) {
                throw new IllegalArgumentException("labels[" + i + "]: is empty");
            }
            if (!seen.add(label)) {
                throw new IllegalArgumentException("labels[" + i + "]: repeats \"" + label + "\"");
            }
        }
        switch (task) {
            case REGRESSION -> {
                if (!labels.isEmpty()) {
                    throw new IllegalArgumentException("labels: a regression model has no labels, got " + labels);
                }
            }
            case BINARY_CLASSIFICATION -> {
                if (labels.size() != 2) {
                    throw new IllegalArgumentException("labels: a binary classifier has exactly 2 labels (negative,"
                            + " positive), got " + labels.size());
                }
            }
            case MULTICLASS_CLASSIFICATION -> {
                if (labels.size() < 2) {
                    throw new IllegalArgumentException("labels: a multiclass classifier has at least 2 labels, got "
                            + labels.size());
                }
            }
        }
    }

    /** The {@code .npy} paths this definition refers to (layers and preprocessing), sorted. */
    public SortedSet<String> arrayPaths() {
        SortedSet<String> paths = new TreeSet<>();
        for (LayerSpec layer : layers) {
            paths.add(layer.weights());
            if (layer.bias() != null) {
                paths.add(layer.bias());
            }
        }
        for (PreprocessingOp op : preprocessing) {
            for (ArrayRef ref : op.arrays().values()) {
                if (ref instanceof ArrayRef.File file) {
                    paths.add(file.path());
                }
            }
        }
        return Collections.unmodifiableSortedSet(paths);
    }

    /**
     * Parses and validates {@code model.json}: unknown fields, wrong types and values are refused
     * with the JSON path of the problem.
     *
     * @param json the file's bytes (UTF-8)
     * @param source how to name the file in messages, e.g. {@code model.json}
     */
    public static ModelDefinition parse(byte[] json, String source) throws ModelException {
        return ModelJsonReader.read(json, source);
    }

    /**
     * The canonical {@code model.json}: fields in the documented order, two-space indentation,
     * {@code \n} line ends, a final newline, shortest round-tripping numbers. Equal definitions
     * give equal bytes, and {@code parse(toJson())} equals this definition.
     */
    public byte[] toJson() {
        return ModelJsonWriter.write(this).getBytes(StandardCharsets.UTF_8);
    }
}
