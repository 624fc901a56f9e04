package io.ctkit.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctkit.policy.StrictMap;
import io.ctkit.project.PipelineFile;
import io.ctkit.project.RawSection;
import io.ctkit.registry.AliasMove;
import io.ctkit.registry.Artifact;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.ModelVersion;
import io.ctkit.registry.Promotion;
import io.ctkit.registry.Registration;
import io.ctkit.registry.Run;
import io.ctkit.registry.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code register} stage, after a passing gate: the bundle becomes a new version in the
 * project's registry with its evidence (metrics, gate verdict, validation and training reports) and
 * its lineage (the run, its data fingerprints, config hash, code version, seed, hyperparameters),
 * all in one transaction. Then the configured alias ({@code register.alias}, default
 * {@code production}) moves to it, so that the next run's gate takes it as the champion.
 */
public final class RegisterStage implements Stage {

    /** Default alias moved to a registered version: the next run's champion. */
    public static final String DEFAULT_ALIAS = Promotion.PRODUCTION;

    @Override
    public String name() {
        return "register";
    }

    @Override
    public void check(PipelineFile project) {
        alias(project);
    }

    @Override
    public StageResult run(RunContext context) throws Exception {
        PipelineFile project = context.project();
        String alias = alias(project);
        Path bundle = context.requireOutput("train.model");
        JsonNode training = PipelineRun.JSON.readTree(context.requireOutput("train.report").toFile());
        String actor = actor();
        Run run = run(project, context, training, actor);

        Registration registration = Registration.of(project.name(), bundle)
                .withDescription("trained by ctkit run " + context.runDir().getFileName())
                .withTag("run", context.runDir().getFileName().toString())
                .withRun(run)
                .withActor(actor)
                .withReport("training", context.requireOutput("train.report"));
        Path metrics = context.output("evaluate.metrics").orElse(null);
        if (metrics != null) {
            registration = registration.withMetrics(metrics);
        }
        Path verdict = context.output("gate.verdict").orElse(null);
        if (verdict != null) {
            registration = registration.withGateVerdict(verdict);
        }
        Path validation = context.output("validate-data.report").orElse(null);
        if (validation != null) {
            registration = registration.withReport("validation", validation);
        }

        Map<String, Object> details = new LinkedHashMap<>();
        String digest = io.ctkit.bundle.Bundle.open(bundle).digest();
        try (ModelRegistry registry = ProjectRegistry.open(project)) {
            // A rerun that reproduces a registered bundle (same data, config, code) adds no version:
            // the version it reproduces gets this run's gate verdict as more evidence.
            java.util.Optional<ModelVersion> same = registry.models().stream().anyMatch(m -> m.name().equals(project.name()))
                    ? registry.versions(project.name()).stream().filter(v -> v.bundleDigest().equals(digest)).reduce((a, b) -> b)
                    : java.util.Optional.empty();
            ModelVersion version;
            String summary;
            if (same.isPresent()) {
                version = same.get();
                if (verdict != null) {
                    registry.recordGateVerdict(version.model(), version.version(), verdict, null);
                }
                details.put("reused", true);
                context.out().printf(Locale.ROOT, "the bundle %s is already %s version %d; no new version%s%n", digest,
                        version.model(), version.version(), verdict != null ? " (this run's gate verdict recorded for it)" : "");
                summary = "already version " + version.version();
            } else {
                version = registry.register(registration);
                context.out().printf(Locale.ROOT, "registered %s version %d (%s) in %s%n", version.model(),
                        version.version(), version.bundleDigest(), registry.config().describe());
                summary = "version " + version.version();
            }
            details.put("model", version.model());
            details.put("version", version.version());
            details.put("bundle", version.bundleDigest());
            details.put("run", run.id());
            if (alias != null && !version.aliases().contains(alias)) {
                AliasMove move = registry.promote(version.model(), version.version(),
                        Promotion.to(alias, actor).because("gate passed in ctkit run " + context.runDir().getFileName()));
                details.put("alias", alias);
                context.out().printf(Locale.ROOT, "%s -> version %d%s%n", alias, version.version(),
                        move.fromVersion() == null ? " (first)" : " (was " + move.fromVersion() + ")");
                summary += ", " + alias;
            } else if (alias != null) {
                details.put("alias", alias);
                summary += ", " + alias + " already";
            }
            Path record = context.stageDir().resolve("registered.json");
            StageFiles.writeJson(record, PipelineRun.JSON.valueToTree(details));
            return StageResult.passed(summary, Map.of("record", record), PipelineRun.JSON.valueToTree(details));
        }
    }

    /** {@code register.alias} from ctkit.yaml: an alias name, or {@code none}; null for none. */
    static String alias(PipelineFile project) {
        if (project.registerSection().isEmpty()) {
            return DEFAULT_ALIAS;
        }
        RawSection section = project.registerSection().get();
        StrictMap map = StrictMap.of(section.values(), section.file() + ": " + section.path());
        String alias = map.string("alias", DEFAULT_ALIAS);
        map.finish();
        if (alias.equals("none")) {
            return null;
        }
        if (!alias.matches("[a-z][a-z0-9_-]{0,62}")) {
            throw map.error("alias", "must be an alias name (lower-case letters, digits, - and _, starting with a letter)"
                    + " or none", alias);
        }
        return alias;
    }

    private static Run run(PipelineFile project, RunContext context, JsonNode training, String actor) {
        String id = project.name() + "-" + context.runDir().getFileName();
        JsonNode code = training.path("code_version");
        String codeVersion = code.path("git_commit").isTextual()
                ? "git:" + code.path("git_commit").asText() + (code.path("dirty").asBoolean() ? "+dirty" : "")
                : null;
        Map<String, String> hyper = new LinkedHashMap<>();
        training.path("hyperparameters").fields().forEachRemaining(e ->
                hyper.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("seed", training.path("seed").asText());
        parameters.put("config_hash", training.path("config_hash").asText());
        Run run = new Run(id, "ctkit run " + project.name(), null, null, "running", context.startedAt(), null, null,
                Map.of(), Map.of(), java.util.List.of(), java.util.List.of())
                .withVersions("ctkit " + code.path("ctkit").asText("?"), codeVersion)
                .withActor(actor)
                .withParameters(parameters)
                .withHyperparameters(hyper)
                .withInput(Artifact.config(project.file().toAbsolutePath().normalize().toString(), training.path("config_hash").asText()))
                .withInput(Artifact.dataset("train", project.data().train().toAbsolutePath().normalize().toString(),
                        training.path("data").path("train").path("sha256").asText()));
        for (Map.Entry<String, java.time.Instant[]> stage : context.stageTimes().entrySet()) {
            java.util.List<Artifact> produced = new java.util.ArrayList<>();
            for (Map.Entry<String, Path> output : context.outputs().entrySet()) {
                if (output.getKey().startsWith(stage.getKey() + ".")) {
                    String kind = output.getKey().substring(stage.getKey().length() + 1);
                    produced.add(new Artifact(kind, stage.getKey(),
                            output.getValue().toAbsolutePath().normalize().toString(), null, Map.of()));
                }
            }
            run = run.withStep(Step.of(stage.getKey(), "succeeded").withTimes(stage.getValue()[0], stage.getValue()[1])
                    .withOutputs(produced));
        }
        Path metrics = context.output("evaluate.metrics").orElse(null);
        if (metrics != null && Files.isRegularFile(metrics)) {
            try {
                String holdout = PipelineRun.JSON.readTree(metrics.toFile()).path("data").path("sha256").asText(null);
                run = run.withInput(Artifact.dataset("holdout", project.data().holdout().toAbsolutePath().normalize().toString(), holdout));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot read " + metrics + " written by this run: " + e.getMessage(), e);
            }
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
