package io.ctkit.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a model predicts; decides how its last layer's outputs are read. */
public enum Task {
    /** One number per row: the last layer has one unit. */
    REGRESSION("regression"),
    /**
     * Two labels: the last layer is one sigmoid unit (the probability of {@code labels[1]}) or two
     * softmax units.
     */
    BINARY_CLASSIFICATION("binary-classification"),
    /** Two or more labels: the last layer is a softmax with one unit per label. */
    MULTICLASS_CLASSIFICATION("multiclass-classification");

    private final String jsonName;

    Task(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in {@code model.json}. */
    public String jsonName() {
        return jsonName;
    }

    /** Whether predictions carry labels and probabilities. */
    public boolean isClassification() {
        return this != REGRESSION;
    }

    public static Optional<Task> fromJsonName(String name) {
        return Arrays.stream(values()).filter(t -> t.jsonName.equals(name)).findFirst();
    }

    static String jsonNames() {
        return Arrays.stream(values()).map(Task::jsonName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
