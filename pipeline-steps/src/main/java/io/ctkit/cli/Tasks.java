package io.ctkit.cli;

import io.ctkit.model.Task;

/** {@code --task} values: either spelling of a task, as everywhere in ctkit. */
final class Tasks {
    private Tasks() {
    }

    static Task parse(String value) {
        return Task.find(value).orElseThrow(() -> new UserException("--task must be binary, multiclass or regression"
                + " (or binary-classification, multiclass-classification), got \"" + value + "\""));
    }
}
