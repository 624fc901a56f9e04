package io.ctkit.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One step of a run (ML Metadata's execution), with the artifacts it read and wrote.
 *
 * @param status e.g. {@code succeeded}, {@code failed}, {@code running}
 * @param details free text (a summary line, an error), or null
 */
public record Step(String name, String status, Instant startedAt, Instant endedAt, String details,
        List<Artifact> inputs, List<Artifact> outputs) {

    public Step {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }

    public static Step of(String name, String status) {
        return new Step(name, status, null, null, null, List.of(), List.of());
    }

    public Step withInputs(List<Artifact> artifacts) {
        return new Step(name, status, startedAt, endedAt, details, artifacts, outputs);
    }

    public Step withOutputs(List<Artifact> artifacts) {
        return new Step(name, status, startedAt, endedAt, details, inputs, artifacts);
    }

    public Step withTimes(Instant started, Instant ended) {
        return new Step(name, status, started, ended, details, inputs, outputs);
    }

    public Step withDetails(String text) {
        return new Step(name, status, startedAt, endedAt, text, inputs, outputs);
    }
}
