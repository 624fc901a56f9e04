package io.ctkit.run;

import io.ctkit.evaluate.EvaluateStep;
import io.ctkit.gate.GateStep;
import io.ctkit.project.PipelineFile;
import io.ctkit.provenance.Provenance;
import io.ctkit.register.RegisterSettings;
import io.ctkit.register.RegisterStep;
import io.ctkit.registry.Artifact;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.Run;
import io.ctkit.registry.Step;
import io.ctkit.train.TrainStep;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code register} stage, after a passing gate: {@link RegisterStep} with the bundle, its
 * evidence (metrics, gate verdict, test reports, validation and training reports), its provenance and the run
 * (its steps, data fingerprints, config hash, code version, seed, hyperparameters), all in one
 * transaction, with {@code register.golden_rows} holdout rows and the engine's answers as the
 * version's golden rows. A rerun that reproduces a registered bundle adds no version: that version gets
 * this run's verdict. Then {@code register.alias} (default {@code production}) moves to it, so
 * that the next run's gate takes it as the champion. Writes {@code <run>/register/registered.json}.
 */
public final class RegisterStage implements Stage<RegisterStep.Result> {

    @Override
    public String name() {
        return "register";
    }

    @Override
    public StageResult<RegisterStep.Result> run(RunContext context) throws Exception {
        PipelineFile project = context.project();
        TrainStep.Result trained = context.require(TrainStage.class);
        Provenance provenance = trained.provenance();
        var evaluated = context.result(EvaluateStage.class);
        if (evaluated.isPresent()) {
            var data = evaluated.get().data();
            provenance = provenance.withData("holdout", new Provenance.DataFingerprint(
                    project.projectDir().relativize(project.data().holdout().toAbsolutePath()).toString(),
                    data.fingerprint(), (long) data.rowCount()));
        }
        String actor = actor();
        Run run = run(project, context, trained, provenance, actor);
        RegisterStep.Request request = RegisterStep.Request.of(project.name(), trained.bundle())
                .withDescription("trained by ctkit run " + context.runId())
                .withTag("run", context.runId())
                .withRun(run)
                .withActor(actor)
                .withProvenance(provenance)
                .withReport("training", trained.report())
                .reusingExisting(true)
                .withRecord(context.stageDir().resolve("registered.json"));
        Path metrics = evaluated.map(EvaluateStep.Result::reportFile).orElse(null);
        if (metrics != null) {
            request = request.withMetrics(metrics);
        }
        Path verdict = context.result(GateStage.class).map(GateStep.Result::file).orElse(null);
        if (verdict != null) {
            request = request.withGateVerdict(verdict);
        }
        Path validation = context.result(ValidateStage.class).map(v -> v.data().file()).orElse(null);
        if (validation != null) {
            request = request.withReport("validation", validation);
        }
        var tests = context.result(TestStage.class);
        if (tests.isPresent()) {
            for (Path report : tests.get().results().files()) {
                request = request.withTestReport(report);
            }
        }
        RegisterSettings settings = project.section(RegisterSettings.SECTION);
        if (settings.goldenRows() > 0) {
            // the holdout rows the evaluate stage read, when it ran; else the holdout file
            request = evaluated.isPresent()
                    ? request.withGoldenRows(evaluated.get().data(), settings.goldenRows(), project.seed())
                    : request.withGoldenRows(project.data().holdout(), settings.goldenRows(), project.seed());
        }
        String alias = settings.alias();
        if (alias != null) {
            request = request.withAlias(alias, "gate passed in ctkit run " + context.runId());
        }
        try (ModelRegistry registry = ProjectRegistry.open(project)) {
            RegisterStep.Result r = RegisterStep.run(registry, request);
            String summary;
            if (r.reused()) {
                context.out().printf(Locale.ROOT, "the bundle %s is already %s version %d; no new version%s%n",
                        r.version().bundleDigest(), r.version().model(), r.version().version(),
                        verdict != null ? " (this run's gate verdict recorded for it)" : "");
                summary = "already version " + r.version().version();
            } else {
                context.out().printf(Locale.ROOT, "registered %s version %d (%s) in %s%n", r.version().model(),
                        r.version().version(), r.version().bundleDigest(), registry.config().describe());
                summary = "version " + r.version().version();
            }
            if (r.aliasMove() != null) {
                context.out().printf(Locale.ROOT, "%s -> version %d%s%n", alias, r.version().version(),
                        r.aliasMove().fromVersion() == null ? " (first)" : " (was " + r.aliasMove().fromVersion() + ")");
                summary += ", " + alias;
            } else if (alias != null) {
                summary += ", " + alias + " already";
            }
            return StageResult.passed(summary, r, Map.of("record", context.stageDir().resolve("registered.json")),
                    r.toJson());
        }
    }

    private static Run run(PipelineFile project, RunContext context, TrainStep.Result trained, Provenance provenance,
            String actor) {
        String id = project.name() + "-" + context.runId();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("seed", provenance.seed() == null ? "" : provenance.seed().toString());
        parameters.put("config_hash", provenance.configHash());
        parameters.putAll(context.triggerParameters());
        String codeVersion = provenance.code() != null && provenance.code().gitCommit() != null
                ? provenance.codeVersionText() : null;
        Run run = new Run(id, "ctkit run " + project.name(), null, null, "running", context.startedAt(), null, null,
                Map.of(), Map.of(), List.of(), List.of(), context.trigger())
                .withVersions("ctkit " + (provenance.code() == null ? "?" : provenance.code().ctkit()), codeVersion)
                .withActor(actor)
                .withParameters(parameters)
                .withHyperparameters(trained.hyperparameters())
                .withInput(Artifact.config(project.file().toAbsolutePath().normalize().toString(), provenance.configHash()));
        Provenance.DataFingerprint train = provenance.data().get("train");
        if (train != null) {
            run = run.withInput(Artifact.dataset("train", project.data().train().toAbsolutePath().normalize().toString(),
                    train.sha256()));
        }
        for (Map.Entry<String, Instant[]> stage : context.stageTimes().entrySet()) {
            List<Artifact> produced = new ArrayList<>();
            for (Map.Entry<String, Path> output : context.files().entrySet()) {
                if (output.getKey().startsWith(stage.getKey() + ".")) {
                    String kind = output.getKey().substring(stage.getKey().length() + 1);
                    produced.add(new Artifact(kind, stage.getKey(),
                            output.getValue().toAbsolutePath().normalize().toString(), null, Map.of()));
                }
            }
            run = run.withStep(Step.of(stage.getKey(), "succeeded").withTimes(stage.getValue()[0], stage.getValue()[1])
                    .withOutputs(produced));
        }
        Provenance.DataFingerprint holdout = provenance.data().get("holdout");
        if (holdout != null) {
            run = run.withInput(Artifact.dataset("holdout", project.data().holdout().toAbsolutePath().normalize().toString(),
                    holdout.sha256()));
        }
        return run.finished("succeeded");
    }

    /** Who runs the pipeline: $CTKIT_ACTOR, the CI build, or the user. */
    static String actor() {
        for (String variable : new String[] {"CTKIT_ACTOR", "BUILD_TAG", "GITHUB_ACTOR", "USER"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return System.getProperty("user.name", "unknown");
    }
}
