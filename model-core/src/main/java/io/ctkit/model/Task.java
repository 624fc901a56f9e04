package io.ctkit.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a model predicts, the one task vocabulary of ctkit: model.json, ctkit.yaml, the metrics,
 * the gate and every CLI flag use it. The canonical names are model.json's
 * ({@code binary-classification}); every entry point also accepts the short names
 * ({@code binary}, {@code multiclass}), which reports use.
 */
public enum Task {
    /** One number per row: the last layer has one unit. */
    REGRESSION("regression", "regression"),
    /**
     * Two labels (0/1 in a predictions file): the last layer is one sigmoid unit (the probability
     * of {@code labels[1]}) or two softmax units.
     */
    BINARY_CLASSIFICATION("binary-classification", "binary"),
    /** Two or more labels: the last layer is a softmax with one unit per label. */
    MULTICLASS_CLASSIFICATION("multiclass-classification", "multiclass");

    private final String jsonName;
    private final String shortName;

    Task(String jsonName, String shortName) {
        this.jsonName = jsonName;
        this.shortName = shortName;
    }

    /** The canonical name, used in {@code model.json} and {@code ctkit.yaml}. */
    public String jsonName() {
        return jsonName;
    }

    /** The short name, used in metrics reports and accepted by {@code --task}: binary, multiclass, regression. */
    public String shortName() {
        return shortName;
    }

    /** Whether predictions carry labels and probabilities. */
    public boolean isClassification() {
        return this != REGRESSION;
    }

    /** The task with this canonical (model.json) name only. */
    public static Optional<Task> fromJsonName(String name) {
        return Arrays.stream(values()).filter(t -> t.jsonName.equals(name)).findFirst();
    }

    /** The task named {@code name} in either spelling ({@code binary-classification} or {@code binary}). */
    public static Optional<Task> find(String name) {
        return Arrays.stream(values()).filter(t -> t.jsonName.equals(name) || t.shortName.equals(name)).findFirst();
    }

    /**
     * The task named {@code name} in either spelling.
     *
     * @throws IllegalArgumentException naming the accepted names, e.g. {@code unknown task "multi";
     *     expected regression, binary-classification (or binary), multiclass-classification (or multiclass)}
     */
    public static Task parse(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown task " + (name == null ? "(none)"
                : "\"" + name + "\"") + "; expected " + describeNames()));
    }

    /** Every accepted name: {@code regression, binary-classification (or binary), ...}. */
    public static String describeNames() {
        return Arrays.stream(values()).map(t -> t.jsonName.equals(t.shortName) ? t.jsonName
                : t.jsonName + " (or " + t.shortName + ")").collect(Collectors.joining(", "));
    }

    /** Every accepted name, canonical ones first. */
    public static List<String> allNames() {
        List<String> names = new java.util.ArrayList<>(Arrays.stream(values()).map(Task::jsonName).toList());
        Arrays.stream(values()).map(Task::shortName).filter(n -> !names.contains(n)).forEach(names::add);
        return List.copyOf(names);
    }

    static String jsonNames() {
        return Arrays.stream(values()).map(Task::jsonName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
