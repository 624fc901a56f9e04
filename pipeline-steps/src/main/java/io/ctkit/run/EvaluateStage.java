package io.ctkit.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.data.Dataset;
import io.ctkit.data.DatasetReader;
import io.ctkit.metrics.BootstrapConfig;
import io.ctkit.metrics.ConfidenceInterval;
import io.ctkit.metrics.Evaluation;
import io.ctkit.metrics.Evaluator;
import io.ctkit.metrics.Metric;
import io.ctkit.metrics.MetricValue;
import io.ctkit.metrics.Predictions;
import io.ctkit.metrics.SlicedEvaluation;
import io.ctkit.gate.SliceKeys;
import io.ctkit.plots.EvaluationPlots;
import io.ctkit.model.Model;
import io.ctkit.model.Task;
import io.ctkit.project.EvaluateSection;
import io.ctkit.project.PipelineFile;
import io.ctkit.train.TrainStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code evaluate} stage: scores the holdout with the trained bundle (model-core's inference,
 * as serving will) and writes {@code <run>/evaluate/metrics.json}: every metric of the task with
 * bootstrap confidence intervals, per-slice metrics for {@code evaluate.slices}, and the task's PNG
 * plots under {@code plots/} (unless {@code evaluate.plots: false}). Outputs {@code metrics},
 * {@code plots}.
 */
public final class EvaluateStage implements Stage {
    private static final Map<Task, List<Metric>> HEADLINE = Map.of(
            Task.REGRESSION, List.of(Metric.R2, Metric.RMSE, Metric.MAE),
            Task.BINARY_CLASSIFICATION, List.of(Metric.ACCURACY, Metric.ROC_AUC, Metric.F1),
            Task.MULTICLASS_CLASSIFICATION, List.of(Metric.ACCURACY, Metric.F1_MACRO, Metric.LOG_LOSS));

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public StageResult run(RunContext context) throws Exception {
        PipelineFile project = context.project();
        io.ctkit.bundle.Bundle bundle = io.ctkit.bundle.Bundle.open(context.requireOutput("train.model"));
        Model model = Model.from(bundle);
        Dataset holdout = DatasetReader.of(TrainStep.dataSchema(project)).read(project.data().holdout());
        if (holdout.rowCount() == 0) {
            throw new IllegalArgumentException(project.data().holdout() + ": no data rows (only a header); evaluation needs rows");
        }
        EvaluateSection config = project.evaluate();
        Evaluator evaluator = evaluator(project);
        io.ctkit.model.Predictions scored = Scoring.score(model, holdout);
        Predictions predictions = Scoring.truth(model, scored, holdout);
        Evaluation evaluation = evaluator.evaluate(predictions);
        ObjectNode report = evaluation.toJson();
        ObjectNode modelNode = report.putObject("model");
        modelNode.put("name", model.name());
        modelNode.put("source", context.requireOutput("train.model").toString());
        modelNode.put("sha256", bundle.digest());
        ObjectNode data = report.putObject("data");
        data.put("source", holdout.source());
        data.put("sha256", holdout.fingerprint());
        data.put("label_column", project.data().label());
        if (!config.slices().isEmpty()) {
            ObjectNode slices = report.putObject("slices");
            SliceKeys.of(holdout, config.slices()).forEach((column, keys) -> {
                SlicedEvaluation sliced = evaluator.evaluateSlices(predictions, keys, config.minSliceSize());
                slices.set(column, sliced.toJson());
                context.out().printf(Locale.ROOT, "slices of %s: %d (at least %d rows to be evaluated)%n", column,
                        sliced.slices().size(), config.minSliceSize());
            });
        }
        Map<String, Path> outputs = new java.util.LinkedHashMap<>();
        if (config.plots()) {
            Path dir = context.stageDir().resolve("plots");
            java.nio.file.Files.createDirectories(dir);
            Map<String, byte[]> images = plots(model, scored, holdout, config.threshold());
            var list = report.putArray("plots");
            for (Map.Entry<String, byte[]> image : images.entrySet()) {
                java.nio.file.Files.write(dir.resolve(image.getKey()), image.getValue());
                list.add("plots/" + image.getKey());
            }
            outputs.put("plots", dir);
            context.out().printf(Locale.ROOT, "plots: %s%n", String.join(", ", images.keySet()));
        }
        Path file = context.stageDir().resolve("metrics.json");
        write(file, PipelineRun.JSON.writeValueAsString(report) + "\n");
        context.out().printf(Locale.ROOT, "%d holdout rows of %s%n", evaluation.rows(), holdout.source());
        ObjectNode details = PipelineRun.JSON.createObjectNode();
        StringBuilder summary = new StringBuilder();
        for (Metric m : HEADLINE.get(model.task())) {
            if (!evaluation.has(m)) {
                continue;
            }
            MetricValue v = evaluation.value(m);
            details.put(m.key(), v.isDefined() ? v.value() : Double.NaN);
            summary.append(summary.length() == 0 ? "" : ", ").append(format(m, v));
        }
        summary.append(" on ").append(evaluation.rows()).append(" holdout rows");
        outputs.put("metrics", file);
        return StageResult.passed(summary.toString(), outputs, details);
    }

    static Evaluation evaluate(PipelineFile project, Model model, Dataset holdout) {
        return evaluator(project).evaluate(Scoring.truth(model, Scoring.score(model, holdout), holdout));
    }

    private static Evaluator evaluator(PipelineFile project) {
        EvaluateSection config = project.evaluate();
        Evaluator evaluator = Evaluator.create().withThreshold(config.threshold());
        return config.bootstrap() == 0 ? evaluator.withoutBootstrap() : evaluator.withBootstrap(
                BootstrapConfig.defaults().withResamples(config.bootstrap()).withLevel(config.confidence()).withSeed(project.seed()));
    }

    private static Map<String, byte[]> plots(Model model, io.ctkit.model.Predictions scored, Dataset data, double threshold) {
        int n = data.rowCount();
        if (model.task() == Task.REGRESSION) {
            return EvaluationPlots.regression(data.targets(), scored.values());
        }
        return EvaluationPlots.classification(model.labels(), data.labelIndices(model.labels()),
                Scoring.probabilities(model, scored, n), threshold);
    }

    private static String format(Metric m, MetricValue v) {
        if (!v.isDefined()) {
            return m.key() + " undefined";
        }
        ConfidenceInterval ci = v.interval();
        return String.format(Locale.ROOT, "%s %.4f", m.key(), v.value()) + (ci != null && Double.isFinite(ci.low())
                ? String.format(Locale.ROOT, " (%.0f%% CI %.4f-%.4f)", ci.level() * 100, ci.low(), ci.high()) : "");
    }

    private static void write(Path file, String content) throws IOException {
        StageFiles.writeAtomically(file, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
