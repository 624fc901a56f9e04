package io.ctkit.metrics;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The kind of prediction being evaluated; {@link #key()} is the name used by the CLI and in reports. */
public enum Task {
    /** Labels 0/1 and a score, the probability of class 1. */
    BINARY("binary"),
    /** Labels 0..K-1 and a probability per class. */
    MULTICLASS("multiclass"),
    /** Real-valued targets and predictions. */
    REGRESSION("regression");

    private final String key;

    Task(String key) {
        this.key = key;
    }

    /** The lower-case name used in reports and on the command line. */
    public String key() {
        return key;
    }

    /** The task whose {@link #key()} is {@code key}; throws IllegalArgumentException naming the valid keys. */
    public static Task fromKey(String key) {
        for (Task task : values()) {
            if (task.key.equals(key)) {
                return task;
            }
        }
        throw new IllegalArgumentException("unknown task '" + key + "': use one of "
                + Arrays.stream(values()).map(Task::key).collect(Collectors.joining(", ")));
    }

    boolean isClassification() {
        return this != REGRESSION;
    }
}
