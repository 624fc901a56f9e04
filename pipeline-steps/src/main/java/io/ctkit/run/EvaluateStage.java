package io.ctkit.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.evaluate.EvaluateStep;
import io.ctkit.evaluate.EvaluationSettings;
import io.ctkit.metrics.ConfidenceInterval;
import io.ctkit.metrics.Metric;
import io.ctkit.metrics.MetricValue;
import io.ctkit.metrics.SlicedEvaluation;
import io.ctkit.model.Task;
import io.ctkit.project.PipelineFile;
import io.ctkit.quality.Reports;
import io.ctkit.train.TrainStep;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code evaluate} stage: {@link EvaluateStep} on the trained bundle and the holdout (read
 * with the project's schema), with the project's {@code evaluate:} settings, into
 * {@code <run>/evaluate/metrics.json} and {@code plots/}. Files {@code metrics}, {@code plots}.
 */
public final class EvaluateStage implements Stage<EvaluateStep.Result> {
    private static final Map<Task, List<Metric>> HEADLINE = Map.of(
            Task.REGRESSION, List.of(Metric.R2, Metric.RMSE, Metric.MAE),
            Task.BINARY_CLASSIFICATION, List.of(Metric.ACCURACY, Metric.ROC_AUC, Metric.F1),
            Task.MULTICLASS_CLASSIFICATION, List.of(Metric.ACCURACY, Metric.F1_MACRO, Metric.LOG_LOSS));

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public StageResult<EvaluateStep.Result> run(RunContext context) throws Exception {
        PipelineFile project = context.project();
        EvaluationSettings settings = project.section(EvaluateSection.SECTION);
        Path dir = context.stageDir();
        EvaluateStep.Result r = EvaluateStep.run(EvaluateStep.Request
                .of(EvaluateStep.Subject.model(context.require(TrainStage.class).bundle(), project.data().holdout(),
                        TrainStep.dataSchema(project)))
                .withSettings(settings)
                .withReport(dir.resolve("metrics.json"))
                .withPlots(dir.resolve("plots")));
        for (Map.Entry<String, SlicedEvaluation> s : r.slices().entrySet()) {
            context.out().printf(Locale.ROOT, "slices of %s: %d (at least %d rows to be evaluated)%n", s.getKey(),
                    s.getValue().slices().size(), settings.minSliceSize());
        }
        Map<String, Path> files = new LinkedHashMap<>();
        if (!r.plots().isEmpty()) {
            files.put("plots", dir.resolve("plots"));
            context.out().printf(Locale.ROOT, "plots: %s%n", String.join(", ", r.plots().keySet()));
        }
        context.out().printf(Locale.ROOT, "%d holdout rows of %s%n", r.evaluation().rows(), r.data().source());
        ObjectNode details = Reports.object();
        StringBuilder summary = new StringBuilder();
        for (Metric m : HEADLINE.get(r.model().task())) {
            if (!r.evaluation().has(m)) {
                continue;
            }
            MetricValue v = r.evaluation().value(m);
            details.put(m.key(), v.isDefined() ? v.value() : Double.NaN);
            summary.append(summary.length() == 0 ? "" : ", ").append(format(m, v));
        }
        summary.append(" on ").append(r.evaluation().rows()).append(" holdout rows");
        files.put("metrics", r.reportFile());
        return StageResult.passed(summary.toString(), r, files, details);
    }

    private static String format(Metric m, MetricValue v) {
        if (!v.isDefined()) {
            return m.key() + " undefined";
        }
        ConfidenceInterval ci = v.interval();
        return String.format(Locale.ROOT, "%s %.4f", m.key(), v.value()) + (ci != null && Double.isFinite(ci.low())
                ? String.format(Locale.ROOT, " (%.0f%% CI %.4f-%.4f)", ci.level() * 100, ci.low(), ci.high()) : "");
    }
}
