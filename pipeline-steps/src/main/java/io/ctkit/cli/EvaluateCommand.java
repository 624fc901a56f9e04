package io.ctkit.cli;

import io.ctkit.evaluate.EvaluateStep;
import io.ctkit.evaluate.EvaluationSettings;
import io.ctkit.metrics.SlicedEvaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

        @Option(names = "--task", required = true, paramLabel = "TASK", description = "binary, multiclass or regression (or binary-classification, multiclass-classification).")
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
        EvaluateStep.Subject subject = source.model != null
                ? EvaluateStep.Subject.model(source.model.model, source.model.data, source.model.label)
                : EvaluateStep.Subject.predictions(source.predictions.file, Tasks.parse(source.predictions.task));
        EvaluateStep.Result result = EvaluateStep.run(EvaluateStep.Request.of(subject)
                .withSettings(EvaluationSettings.defaults().withThreshold(threshold)
                        .withBootstrap(resamples, confidence, seed).withSlices(slices, minSliceSize))
                .withReport(out)
                .withPlots(plots));

        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "%s metrics on %d rows%s:%n", result.evaluation().task().shortName(),
                result.evaluation().rows(), resamples == 0 ? ""
                        : String.format(Locale.ROOT, " (%d bootstrap resamples, seed %d)", resamples, seed));
        MetricLines.print(stdout, result.evaluation());
        result.slices().forEach((column, s) -> printSlices(stdout, column, s));
        if (!result.plots().isEmpty()) {
            stdout.printf("plots: %s (%s)%n", plots, String.join(", ", result.plots().keySet()));
        }
        stdout.printf("report: %s%n", out);
        return 0;
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
}
