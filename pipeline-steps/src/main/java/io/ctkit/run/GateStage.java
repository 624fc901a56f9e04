package io.ctkit.run;

import io.ctkit.bundle.Bundle;
import io.ctkit.data.Dataset;
import io.ctkit.data.DatasetReader;
import io.ctkit.gate.Gate;
import io.ctkit.gate.GateInput;
import io.ctkit.gate.GatePolicy;
import io.ctkit.gate.GateVerdict;
import io.ctkit.gate.SliceKeys;
import io.ctkit.metrics.Predictions;
import io.ctkit.model.Model;
import io.ctkit.project.PipelineFile;
import io.ctkit.project.RawSection;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.ModelVersion;
import io.ctkit.train.TrainStep;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code gate} stage: the trained challenger against the project's {@code gate:} policy and
 * against the champion, the registry's {@code production} version of this model, both scored on
 * the same holdout rows (paired bootstrap). Without a production version the policy's first-run
 * rule decides. Writes {@code <run>/gate/verdict.json} (format {@code ctkit-gate/1}), output
 * {@code verdict}; a failed check stops the run before anything is registered.
 */
public final class GateStage implements Stage {

    @Override
    public String name() {
        return "gate";
    }

    @Override
    public void check(PipelineFile project) {
        project.gateSection().ifPresent(section -> policy(section).checkTask(Scoring.metricsTask(project.model().task()),
                section.file() + ": " + section.path()));
    }

    @Override
    public StageResult run(RunContext context) throws Exception {
        PipelineFile project = context.project();
        GatePolicy policy = project.gateSection().map(GateStage::policy).orElse(GatePolicy.defaults());
        List<String> slices = policy.thresholds().stream().map(GatePolicy.ThresholdRule::slice)
                .filter(Objects::nonNull).distinct().toList();
        Dataset holdout = DatasetReader.of(TrainStep.dataSchema(project)).read(project.data().holdout());
        Path challengerDir = context.requireOutput("train.model");
        Bundle challengerBundle = Bundle.open(challengerDir);
        GateInput challenger = input(Model.from(challengerBundle), challengerBundle, "run " + context.runDir().getFileName(),
                holdout, slices);

        GateInput champion = null;
        try (ModelRegistry registry = ProjectRegistry.open(project)) {
            Optional<ModelVersion> production = registry.production(project.name());
            if (production.isPresent()) {
                Bundle bundle = registry.bundle(project.name(), production.get().version());
                champion = input(Model.from(bundle), bundle, "registry " + project.name() + " version "
                        + production.get().version() + " (production)", holdout, slices);
                context.out().println("champion: " + project.name() + " version " + production.get().version()
                        + " (production, " + bundle.digest() + ")");
            } else {
                context.out().println("champion: none (" + project.name() + " has no production version); first-run rule: "
                        + policy.firstRun().toString().toLowerCase(java.util.Locale.ROOT));
            }
        }
        GateVerdict verdict = new Gate(policy).judge(challenger, champion);
        Path file = context.stageDir().resolve("verdict.json");
        StageFiles.writeJson(file, verdict.toJson());
        for (String line : verdict.summary().split("\n")) {
            context.out().println(line);
        }
        if (!verdict.passed()) {
            return StageResult.failed(verdict.failures().size() + " of " + verdict.checks().size()
                    + " checks failed, first: " + verdict.failures().get(0).message(), Map.of("verdict", file), verdict.toJson());
        }
        return StageResult.passed(verdict.checks().size() + " checks passed" + (verdict.firstRun() ? " (first run: no champion)" : ""),
                Map.of("verdict", file), null);
    }

    static GatePolicy policy(RawSection section) {
        return GatePolicy.fromMap(section.values(), section.file() + ": " + section.path());
    }

    private static GateInput input(Model model, Bundle bundle, String source, Dataset holdout, List<String> slices) {
        io.ctkit.model.Predictions scored;
        try {
            scored = Scoring.score(model, holdout);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        Predictions predictions = Scoring.truth(model, scored, holdout);
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("kind", "model");
        description.put("source", source);
        description.put("name", model.name());
        description.put("sha256", bundle.digest());
        description.put("data", Map.of("source", holdout.source(), "sha256", holdout.fingerprint()));
        description.put("rows", holdout.rowCount());
        return new GateInput(predictions, SliceKeys.of(holdout, slices), null, description);
    }
}
