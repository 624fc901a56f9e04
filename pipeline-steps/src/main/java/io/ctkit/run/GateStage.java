package io.ctkit.run;

import io.ctkit.bundle.Bundle;
import io.ctkit.data.Dataset;
import io.ctkit.data.DatasetReader;
import io.ctkit.evaluate.EvaluateStep;
import io.ctkit.gate.GatePolicy;
import io.ctkit.gate.GateStep;
import io.ctkit.gate.GateVerdict;
import io.ctkit.project.PipelineFile;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.ModelVersion;
import io.ctkit.testrun.TestStep;
import io.ctkit.train.TrainStep;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code gate} stage: {@link GateStep} with the trained challenger against the project's
 * {@code gate:} policy and against the champion, the registry's {@code production} version of
 * this model, both scored on the same holdout rows (paired bootstrap). Without a production
 * version the policy's first-run rule decides. When the test stage ran the project's tests, the
 * policy's {@code tests} rule judges them too. Writes {@code <run>/gate/verdict.json}; a failed
 * check stops the run before anything is registered.
 */
public final class GateStage implements Stage<GateStep.Result> {

    @Override
    public String name() {
        return "gate";
    }

    @Override
    public StageResult<GateStep.Result> run(RunContext context) throws Exception {
        PipelineFile project = context.project();
        GatePolicy policy = project.section(GateSection.SECTION);
        // the rows the evaluate stage read (same file, same schema), or read here when it did not run
        Dataset holdout = context.result(EvaluateStage.class).map(EvaluateStep.Result::data).orElse(null);
        if (holdout == null) {
            holdout = DatasetReader.of(TrainStep.dataSchema(project)).read(project.data().holdout());
        }
        Path challenger = context.require(TrainStage.class).bundle();
        GateStep.Request request = GateStep.Request.of(GateStep.Candidate.model(Bundle.open(challenger),
                challenger.toString(), holdout)).withPolicy(policy).withVerdict(context.stageDir().resolve("verdict.json"));
        try (ModelRegistry registry = ProjectRegistry.open(project)) {
            Optional<ModelVersion> production = registry.production(project.name());
            if (production.isPresent()) {
                Bundle bundle = registry.bundle(project.name(), production.get().version());
                request = request.withChampion(GateStep.Candidate.model(bundle, "registry " + project.name()
                        + " version " + production.get().version() + " (production)", holdout));
                context.out().println("champion: " + project.name() + " version " + production.get().version()
                        + " (production, " + bundle.digest() + ")");
            } else {
                context.out().println("champion: none (" + project.name() + " has no production version); first-run rule: "
                        + policy.firstRun().toString().toLowerCase(Locale.ROOT));
            }
        }
        Optional<TestStep.Result> tests = context.result(TestStage.class);
        if (tests.isPresent()) {
            request = request.withTests(tests.get().results());
        }
        GateStep.Result result = GateStep.run(request);
        GateVerdict verdict = result.verdict();
        for (String line : verdict.summary().split("\n")) {
            context.out().println(line);
        }
        Map<String, Path> files = Map.of("verdict", result.file());
        if (!verdict.passed()) {
            return StageResult.failed(verdict.failures().size() + " of " + verdict.checks().size()
                    + " checks failed, first: " + verdict.failures().get(0).message(), result, files, verdict.toJson());
        }
        return StageResult.passed(verdict.checks().size() + " checks passed" + (verdict.firstRun()
                ? " (first run: no champion)" : ""), result, files, null);
    }
}
