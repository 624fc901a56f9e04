package io.ctkit.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A pipeline run (ML Metadata's context): what it ran on, with which settings, and its steps.
 * Recording a run that exists adds its new steps and artifacts and updates its status and end,
 * so steps running in different processes or pods can each record their part under one id.
 *
 * @param id unique id (e.g. the CI build id); {@link #start} makes a random one
 * @param pipeline the pipeline's name, or null
 * @param pipelineVersion the version of the pipeline definition (ctkit's and the project's), or null
 * @param codeVersion the model code's version (e.g. {@code git:<commit>}), or null
 * @param status {@code running}, {@code succeeded} or {@code failed}
 * @param parameters run parameters (data split, seeds, thresholds)
 * @param hyperparameters the training hyperparameters
 * @param inputs run-level inputs: datasets (with fingerprints), the config
 * @param steps the steps recorded so far
 * @param trigger what started the run, one of {@link #TRIGGERS}; null means {@code manual}
 */
public record Run(String id, String pipeline, String pipelineVersion, String codeVersion, String status,
        Instant startedAt, Instant endedAt, String actor, Map<String, String> parameters,
        Map<String, String> hyperparameters, List<Artifact> inputs, List<Step> steps, String trigger) {

    /** What can start a run, as lineage records it; {@code manual} is the default. */
    public static final List<String> TRIGGERS = List.of("manual", "code", "data", "model-decay", "schedule");

    /** The trigger of a run nobody said otherwise about. */
    public static final String MANUAL = "manual";

    public Run {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        trigger = trigger == null ? MANUAL : trigger;
        if (!TRIGGERS.contains(trigger)) {
            throw new IllegalArgumentException("unknown run trigger \"" + trigger + "\"; expected one of "
                    + String.join(", ", TRIGGERS));
        }
        parameters = Map.copyOf(parameters == null ? Map.of() : parameters);
        hyperparameters = Map.copyOf(hyperparameters == null ? Map.of() : hyperparameters);
        inputs = List.copyOf(inputs == null ? List.of() : inputs);
        steps = List.copyOf(steps == null ? List.of() : steps);
    }

    /** A run whose trigger is {@code manual} (the form from before runs recorded their trigger). */
    public Run(String id, String pipeline, String pipelineVersion, String codeVersion, String status, Instant startedAt,
            Instant endedAt, String actor, Map<String, String> parameters, Map<String, String> hyperparameters,
            List<Artifact> inputs, List<Step> steps) {
        this(id, pipeline, pipelineVersion, codeVersion, status, startedAt, endedAt, actor, parameters, hyperparameters,
                inputs, steps, MANUAL);
    }

    /** A new running run with a random id, started now. */
    public static Run start(String pipeline) {
        return new Run(UUID.randomUUID().toString(), pipeline, null, null, "running", Instant.now(), null, null,
                Map.of(), Map.of(), List.of(), List.of(), MANUAL);
    }

    /** This run with what started it, one of {@link #TRIGGERS}. */
    public Run withTrigger(String what) {
        return new Run(id, pipeline, pipelineVersion, codeVersion, status, startedAt, endedAt, actor, parameters,
                hyperparameters, inputs, steps, what);
    }

    public Run withId(String runId) {
        return new Run(runId, pipeline, pipelineVersion, codeVersion, status, startedAt, endedAt, actor, parameters,
                hyperparameters, inputs, steps, trigger);
    }

    public Run withVersions(String pipelineVersionValue, String codeVersionValue) {
        return new Run(id, pipeline, pipelineVersionValue, codeVersionValue, status, startedAt, endedAt, actor,
                parameters, hyperparameters, inputs, steps, trigger);
    }

    public Run withActor(String who) {
        return new Run(id, pipeline, pipelineVersion, codeVersion, status, startedAt, endedAt, who, parameters,
                hyperparameters, inputs, steps, trigger);
    }

    public Run withParameters(Map<String, String> values) {
        return new Run(id, pipeline, pipelineVersion, codeVersion, status, startedAt, endedAt, actor,
                new LinkedHashMap<>(values), hyperparameters, inputs, steps, trigger);
    }

    public Run withHyperparameters(Map<String, String> values) {
        return new Run(id, pipeline, pipelineVersion, codeVersion, status, startedAt, endedAt, actor, parameters,
                new LinkedHashMap<>(values), inputs, steps, trigger);
    }

    public Run withInput(Artifact artifact) {
        List<Artifact> more = new ArrayList<>(inputs);
        more.add(artifact);
        return new Run(id, pipeline, pipelineVersion, codeVersion, status, startedAt, endedAt, actor, parameters,
                hyperparameters, more, steps, trigger);
    }

    public Run withStep(Step step) {
        List<Step> more = new ArrayList<>(steps);
        more.add(step);
        return new Run(id, pipeline, pipelineVersion, codeVersion, status, startedAt, endedAt, actor, parameters,
                hyperparameters, inputs, more, trigger);
    }

    /** This run ended now with the given status ({@code succeeded} or {@code failed}). */
    public Run finished(String finalStatus) {
        return new Run(id, pipeline, pipelineVersion, codeVersion, finalStatus, startedAt, Instant.now(), actor,
                parameters, hyperparameters, inputs, steps, trigger);
    }

    /** The run-level inputs of this kind, e.g. {@code dataset}. */
    public List<Artifact> inputs(String kind) {
        return inputs.stream().filter(a -> a.kind().equals(kind)).toList();
    }
}
