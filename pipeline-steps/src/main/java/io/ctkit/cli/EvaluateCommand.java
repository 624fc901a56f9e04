package io.ctkit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.data.Dataset;
import io.ctkit.metrics.BootstrapConfig;
import io.ctkit.metrics.Evaluation;
import io.ctkit.metrics.Evaluator;
import io.ctkit.metrics.Predictions;
import io.ctkit.metrics.SlicedEvaluation;
import io.ctkit.model.Model;
import io.ctkit.plots.EvaluationPlots;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ctkit evaluate}: metrics with bootstrap confidence intervals, per-slice metrics and plots. */
@Command(
        name = "evaluate",
        header = "Compute metrics with confidence intervals, from a model or a predictions file.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Computes metrics (scikit-learn definitions) with bootstrap confidence intervals, either by "
                    + "scoring a CSV file with a model bundle (--model, --data) or from a file of predictions "
                    + "(--predictions, --task). Writes the metrics report (--out) and prints a summary; "
                    + "optionally metrics per slice (--slices) and PNG plots (--plots).",
            "",
            "A predictions file has a column 'label' and: 'score' (binary: probability of class 1, labels 0/1), "
                    + "'prob_<class>' per class (multiclass; labels are class names), or 'prediction' (regression)."
        })
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @ArgGroup(exclusive = false)
        ModelSource model;

        @ArgGroup(exclusive = false)
        PredictionSource predictions;
    }

    static final class ModelSource {
        @Option(names = "--model", required = true, paramLabel = "DIR|TAR", description = "Model bundle to score the data with.")
        Path model;

        @Option(names = "--data", required = true, paramLabel = "CSV", description = "Rows with the model's inputs and the true label.")
        Path data;

        @Option(names = "--label", defaultValue = "label", paramLabel = "COLUMN", description = "Column holding the true label (default: ${DEFAULT-VALUE}).")
        String label;
    }

    static final class PredictionSource {
        @Option(names = "--predictions", required = true, paramLabel = "CSV", description = "File of predictions (see above).")
        Path file;

        @Option(names = "--task", required = true, paramLabel = "TASK", description = "binary, multiclass or regression.")
        String task;
    }

    @Option(names = "--out", defaultValue = "metrics.json", paramLabel = "FILE", description = "Metrics report to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--threshold", defaultValue = "0.5", paramLabel = "P", description = "Binary: predict class 1 when its probability is at least this (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--bootstrap", defaultValue = "1000", paramLabel = "N", description = "Bootstrap resamples for confidence intervals; 0 for none (default: ${DEFAULT-VALUE}).")
    int resamples;

    @Option(names = "--confidence", defaultValue = "0.95", paramLabel = "LEVEL", description = "Confidence level of the intervals (default: ${DEFAULT-VALUE}).")
    double confidence;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the bootstrap (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--slices", split = ",", paramLabel = "COLUMN", description = "Also compute metrics per value of these columns (of --data or the predictions file).")
    List<String> slices = new ArrayList<>();

    @Option(names = "--min-slice-size", defaultValue = "30", paramLabel = "N", description = "Slices with fewer rows are only counted (default: ${DEFAULT-VALUE}).")
    int minSliceSize;

    @Option(names = "--plots", paramLabel = "DIR", description = "Write PNG plots here: roc, precision_recall, calibration, confusion_matrix (classifiers); residuals, predicted_vs_actual (regression).")
    Path plots;

    /** What was evaluated: predictions plus the same rows as arrays and the rows as read. */
    private record Scored(Predictions predictions, List<String> classes, PredictionsFile.Outputs outputs, Dataset data) {
    }

    @Override
    public Integer call() throws Exception {
        if (resamples < 0) {
            throw new UserException("--bootstrap must be 0 or more, got " + resamples);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new UserException("--confidence must be between 0 and 1 (exclusive), got " + confidence);
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new UserException("--threshold must be between 0 and 1, got " + threshold);
        }
        if (minSliceSize < 1) {
            throw new UserException("--min-slice-size must be at least 1, got " + minSliceSize);
        }
        ObjectNode context = Reports.JSON.createObjectNode();
        Scored scored = source.model != null ? fromModel(context) : fromFile(context);
        Evaluator base = Evaluator.create().withThreshold(threshold);
        Evaluator evaluator = resamples == 0 ? base.withoutBootstrap()
                : base.withBootstrap(BootstrapConfig.defaults().withResamples(resamples).withLevel(confidence).withSeed(seed));
        Evaluation evaluation = evaluator.evaluate(scored.predictions());

        ObjectNode report = evaluation.toJson();
        report.setAll(context);
        Map<String, SlicedEvaluation> sliced = new LinkedHashMap<>();
        if (!slices.isEmpty()) {
            ObjectNode node = report.putObject("slices");
            PredictionsFile.sliceKeys(scored.data(), slices).forEach((column, keys) -> {
                SlicedEvaluation s = evaluator.evaluateSlices(scored.predictions(), keys, minSliceSize);
                sliced.put(column, s);
                node.set(column, s.toJson());
            });
        }
        Map<String, byte[]> images = plots == null ? Map.of() : render(scored);
        if (!images.isEmpty()) {
            var list = report.putArray("plots");
            images.keySet().forEach(name -> list.add(plots.resolve(name).toString()));
        }
        // Plots first, report last: a report on disk always comes with the plots it lists.
        for (Map.Entry<String, byte[]> image : images.entrySet()) {
            Reports.writeAtomically(plots.resolve(image.getKey()), image.getValue());
        }
        Reports.write(out, report);

        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "%s metrics on %d rows%s:%n", evaluation.task().key(), evaluation.rows(),
                resamples == 0 ? "" : String.format(Locale.ROOT, " (%d bootstrap resamples, seed %d)", resamples, seed));
        Reports.printMetrics(stdout, evaluation);
        sliced.forEach((column, s) -> printSlices(stdout, column, s));
        if (!images.isEmpty()) {
            stdout.printf("plots: %s (%s)%n", plots, String.join(", ", images.keySet()));
        }
        stdout.printf("report: %s%n", out);
        return 0;
    }

    private Map<String, byte[]> render(Scored s) {
        PredictionsFile.Outputs o = s.outputs();
        return o.actual() != null ? EvaluationPlots.regression(o.actual(), o.predicted())
                : EvaluationPlots.classification(s.classes(), o.labels(), o.probabilities(), threshold);
    }

    private static void printSlices(PrintWriter out, String column, SlicedEvaluation s) {
        out.printf(Locale.ROOT, "slices of %s (at least %d rows):%n", column, s.minSliceSize());
        s.slices().forEach((key, e) -> {
            var first = e.values().entrySet().iterator().next();
            out.printf(Locale.ROOT, "  %-20s %6d rows  %s %.4f%n", key, e.rows(), first.getKey().key(),
                    first.getValue().value());
        });
        s.tooSmall().forEach((key, rows) -> out.printf(Locale.ROOT, "  %-20s %6d rows  (too small, not evaluated)%n",
                key, rows));
    }

    private Scored fromModel(ObjectNode context) throws Exception {
        ModelSource m = source.model;
        io.ctkit.bundle.Bundle bundle = io.ctkit.bundle.Bundle.open(m.model);
        Model model = Model.from(bundle);
        Dataset data = ScoredRows.read(model, m.data, m.label, null, slices);
        io.ctkit.model.Predictions scored = ScoredRows.score(model, data);
        ObjectNode modelNode = context.putObject("model");
        modelNode.put("name", model.name());
        modelNode.put("source", m.model.toString());
        modelNode.put("sha256", bundle.digest());
        describe(context, data).put("label_column", m.label);
        return new Scored(ScoredRows.withTruth(model, scored, data), model.labels(),
                ScoredRows.outputs(model, scored, data), data);
    }

    private Scored fromFile(ObjectNode context) throws Exception {
        PredictionSource p = source.predictions;
        PredictionsFile file = PredictionsFile.read(p.file, p.task, slices, null);
        describe(context, file.data());
        return new Scored(file.predictions(), file.classes(), file.outputs(), file.data());
    }

    private static ObjectNode describe(ObjectNode context, Dataset data) {
        ObjectNode node = context.putObject("data");
        node.put("source", data.source());
        node.put("sha256", data.fingerprint());
        return node;
    }
}
