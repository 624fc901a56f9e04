package io.ctkit.retrain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.data.DatasetReader;
import io.ctkit.project.PipelineFile;
import io.ctkit.project.ProjectData;
import io.ctkit.provenance.Provenance;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.ModelVersion;
import io.ctkit.registry.RetrainDecision;
import io.ctkit.registry.Run;
import io.ctkit.run.JudgedInputs;
import io.ctkit.train.TrainStep;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code retrain} step: asks the registry whether a retraining of the project's model may
 * start (one per model within {@code retrain.cooldown}; none while one is pending or running),
 * and if so hands an order to a {@link Trigger}, with the pipeline and code versions recorded on
 * the production version, and records what the trigger did against the request. With
 * {@link Request#ifDataChanged()}, it first compares the training data's fingerprint with the one
 * stored with the production version and starts nothing when they are equal, nor when a run
 * already failed the gate or data validation on the same inputs (it would fail again: training is
 * seeded).
 *
 * <pre>{@code
 * RetrainSettings settings = project.section(RetrainSettings.SECTION);
 * RetrainStep.Result r = RetrainStep.run(registry, RetrainStep.Request.of(project, "model-decay")
 *         .withReason("f1 0.71 < 0.80"), new TektonTrigger(settings.tekton(), client), settings);
 * }</pre>
 */
public final class RetrainStep {
    /** How many of the newest runs {@link #judgedOnTheseInputs} looks at. */
    static final int RUNS_LOOKED_AT = 200;
    /** The stages whose verdict the run's inputs decide. */
    private static final Set<String> DECIDED_BY_THE_INPUTS = Set.of("gate", "validate-data");

    private RetrainStep() {
    }

    /**
     * What to retrain and why.
     *
     * @param trigger one of {@link Run#TRIGGERS}
     * @param ifDataChanged only when the training data differs from the production version's (the trigger is then {@code data})
     */
    public record Request(PipelineFile project, String trigger, String reason, boolean ifDataChanged) {
        public Request {
            Objects.requireNonNull(project, "project");
            if (!Run.TRIGGERS.contains(trigger)) {
                throw new IllegalArgumentException("unknown trigger \"" + trigger + "\"; expected one of "
                        + String.join(", ", Run.TRIGGERS));
            }
            if (ifDataChanged && !trigger.equals("data")) {
                throw new IllegalArgumentException("a retraining started because the data changed has the trigger"
                        + " data, not " + trigger + "; leave out the trigger or give data");
            }
        }

        public static Request of(PipelineFile project, String trigger) {
            return new Request(project, trigger, null, false);
        }

        /** Only when the training data differs from the production version's; the trigger becomes {@code data}. */
        public static Request ifDataChanged(PipelineFile project) {
            return new Request(project, "data", null, true);
        }

        public Request withReason(String why) {
            return new Request(project, trigger, why, ifDataChanged);
        }
    }

    /** How the training data compares with the production version's. */
    public record DataCheck(String production, String current, boolean changed) {
    }

    /**
     * What happened.
     *
     * @param outcome {@code succeeded}/{@code failed} (ran here), {@code submitted} (a CI system took it),
     *                {@code deduplicated}, {@code cooling-down}, {@code data-unchanged} or {@code data-tried}
     *                (nothing started)
     * @param decision the registry's decision, or null when the data check stopped first
     * @param started what the trigger reported, or null when nothing started
     * @param data the data comparison, or null when not asked for
     */
    public record Result(String model, String trigger, String via, String outcome, String summary,
            ModelVersion production, RetrainDecision decision, Trigger.Started started, DataCheck data) {

        /** False only when a retraining ran here and its pipeline failed a check. */
        public boolean passed() {
            return !outcome.equals("failed");
        }

        /** The report {@code ctkit retrain --out} writes ({@code ctkit-retrain/1}). */
        public ObjectNode toJson() {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("format", "ctkit-retrain/1");
            n.put("model", model);
            n.put("trigger", trigger);
            n.put("via", via);
            n.put("outcome", outcome);
            n.put("summary", summary);
            n.put("production", production.reference());
            if (decision != null) {
                n.put("request_id", decision.request().id());
                n.put("decision", decision.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                if (decision.notBefore() != null) {
                    n.put("not_before", decision.notBefore().toString());
                }
            }
            if (started != null && started.reference() != null) {
                n.put("reference", started.reference());
            }
            if (data != null) {
                ObjectNode d = n.putObject("data");
                d.put("production_fingerprint", data.production());
                d.put("current_fingerprint", data.current());
                d.put("changed", data.changed());
            }
            return n;
        }
    }

    /**
     * Decides and, when allowed, starts the retraining.
     *
     * @throws IllegalArgumentException when there is no production version to retrain, or its
     *         provenance lacks what the request needs
     * @throws IOException when the trigger cannot start it (the request is then recorded as failed)
     */
    public static Result run(ModelRegistry registry, Request request, Trigger trigger, RetrainSettings settings)
            throws IOException, InterruptedException {
        PipelineFile project = request.project();
        String model = project.name();
        ModelVersion production = registry.production(model).orElseThrow(() -> new IllegalArgumentException(
                "model " + model + " has no production version in " + registry.config().describe() + ": there is"
                        + " nothing to retrain yet; run ctkit run " + project.projectDir().toAbsolutePath().normalize() + " first (its register"
                        + " stage promotes the first version)"));
        Optional<Provenance> provenance = registry.provenance(model, production.version());
        DataCheck data = null;
        if (request.ifDataChanged()) {
            data = compareData(project, production, provenance);
            if (!data.changed()) {
                return new Result(model, request.trigger(), trigger.kind(), "data-unchanged", "the training data is"
                        + " unchanged since " + production.reference() + " (" + data.current() + "); nothing to"
                        + " retrain", production, null, null, data);
            }
            Optional<Run> tried = judgedOnTheseInputs(registry, project, production, data.current());
            if (tried.isPresent()) {
                Run failed = tried.get();
                return new Result(model, request.trigger(), trigger.kind(), "data-tried", "run " + failed.id()
                        + " already trained on this data (" + data.current() + ") with this ctkit.yaml, holdout and"
                        + " champion and failed at " + failed.parameters().get("failed_stage") + ": "
                        + failed.parameters().get("reason") + "; training is seeded, so it would fail again. New"
                        + " data, a change of ctkit.yaml or a new production version retrains; ctkit retrain " + model
                        + " --trigger data retrains anyway", production, null, null, data);
            }
        }
        String reason = request.reason() != null ? request.reason() : data != null ? "training data changed: "
                + data.production() + " -> " + data.current() : null;
        RetrainDecision decision = registry.requestRetrain(model, request.trigger(), trigger.kind(), reason,
                settings.cooldown(), settings.timeout());
        if (!decision.accepted()) {
            String outcome = decision.outcome() == RetrainDecision.Outcome.DEDUPLICATED ? "deduplicated" : "cooling-down";
            return new Result(model, request.trigger(), trigger.kind(), outcome, decision.explanation(), production,
                    decision, null, data);
        }
        String id = decision.request().id();
        Run made = production.runId() == null ? null : registry.run(production.runId());
        String pipelineVersion = made == null ? null : made.pipelineVersion();
        String codeVersion = made != null && made.codeVersion() != null ? made.codeVersion()
                : provenance.map(Provenance::codeVersionText).orElse(null);
        RetrainOrder order = new RetrainOrder(model, request.trigger(), id, pipelineVersion, codeVersion,
                dataLocation(project, settings, trigger.kind()), reason);
        Trigger.Started started;
        try {
            if (trigger.kind().equals("local")) {
                registry.updateRetrain(id, "running", null);
            }
            started = trigger.start(order);
        } catch (IOException | RuntimeException | InterruptedException e) {
            // A retraining that never started retrains nothing: the cooldown stays free for the next try.
            registry.updateRetrain(id, "failed", null);
            throw e;
        }
        registry.updateRetrain(id, started.status(), started.reference());
        return new Result(model, request.trigger(), trigger.kind(), started.status(), started.summary(), production,
                decision, started, data);
    }

    /**
     * The newest failed run of this project's pipeline (among the last {@value #RUNS_LOOKED_AT}),
     * started since the production version was registered (so against the same champion), that
     * stopped at a check whose verdict its inputs decide, the gate or data validation (training is
     * seeded), and whose inputs were the project's now: the training data {@code fingerprint},
     * ctkit.yaml's bytes, the holdout and the reference data ({@link JudgedInputs}). A run that
     * failed elsewhere (its tests, say, which may depend on more than these) does not count.
     */
    static Optional<Run> judgedOnTheseInputs(ModelRegistry registry, PipelineFile project, ModelVersion production,
            String fingerprint) throws IOException {
        String pipeline = "ctkit run " + project.name();
        JudgedInputs now = null; // the project's files are hashed only when a run could match
        for (Run listed : registry.runs(RUNS_LOOKED_AT)) {
            if (!listed.pipeline().equals(pipeline) || !listed.status().equals("failed")
                    || !DECIDED_BY_THE_INPUTS.contains(listed.parameters().get("failed_stage"))
                    || listed.startedAt().isBefore(production.createdAt())) {
                continue;
            }
            Run run = registry.run(listed.id());
            if (!fingerprint.equals(JudgedInputs.dataset(run, "train"))) {
                continue;
            }
            if (now == null) {
                now = JudgedInputs.of(project);
            }
            if (now.recordedOn(run)) {
                return Optional.of(run);
            }
        }
        return Optional.empty();
    }

    private static DataCheck compareData(PipelineFile project, ModelVersion production,
            Optional<Provenance> provenance) throws IOException {
        Provenance.DataFingerprint recorded = provenance.map(p -> p.data().get("train")).orElse(null);
        if (recorded == null) {
            throw new IllegalArgumentException(production.reference() + " has no training-data fingerprint in its"
                    + " provenance (it was registered without one), so a change of data cannot be detected; start the"
                    + " retraining with --trigger data instead");
        }
        ProjectData.ensure(project);
        // The same fingerprint training records: of the data as read with the project's schema.
        String current = DatasetReader.of(TrainStep.dataSchema(project)).read(project.data().train()).fingerprint();
        return new DataCheck(recorded.sha256(), current, !recorded.sha256().equals(current));
    }

    /** Where the CI system finds the training data: retrain.tekton.data, else the project's path. */
    private static String dataLocation(PipelineFile project, RetrainSettings settings, String via) {
        if (via.equals("tekton") && settings.tekton() != null && settings.tekton().data() != null) {
            return settings.tekton().data();
        }
        Path train = project.data().train().toAbsolutePath().normalize();
        Path dir = project.projectDir().toAbsolutePath().normalize();
        // A CI system checks out the same repository: a path inside the project is given relative to it.
        return via.equals("local") || !train.startsWith(dir) ? train.toString() : dir.relativize(train).toString();
    }
}
