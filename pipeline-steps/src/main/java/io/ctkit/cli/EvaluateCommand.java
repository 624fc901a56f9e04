package io.ctkit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.metrics.BootstrapConfig;
import io.ctkit.metrics.Evaluation;
import io.ctkit.metrics.Evaluator;
import io.ctkit.metrics.Predictions;
import io.ctkit.model.Model;
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

/** {@code ctkit evaluate}: metrics with bootstrap confidence intervals. */
@Command(
        name = "evaluate",
        header = "Compute metrics with confidence intervals, from a model or a predictions file.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Computes metrics (scikit-learn definitions) with bootstrap confidence intervals, either by "
                    + "scoring a CSV file with a model bundle (--model, --data) or from a file of predictions "
                    + "(--predictions, --task). Writes the metrics report (--out) and prints a summary.",
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
        ObjectNode context = Reports.JSON.createObjectNode();
        Predictions predictions = source.model != null ? fromModel(context) : fromFile(context);
        Evaluator evaluator = Evaluator.create().withThreshold(threshold);
        evaluator = resamples == 0 ? evaluator.withoutBootstrap()
                : evaluator.withBootstrap(BootstrapConfig.defaults().withResamples(resamples).withLevel(confidence).withSeed(seed));
        Evaluation evaluation = evaluator.evaluate(predictions);

        ObjectNode report = evaluation.toJson();
        report.setAll(context);
        Reports.write(out, report);

        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "%s metrics on %d rows%s:%n", evaluation.task().key(), evaluation.rows(),
                resamples == 0 ? "" : String.format(Locale.ROOT, " (%d bootstrap resamples, seed %d)", resamples, seed));
        Reports.printMetrics(stdout, evaluation);
        stdout.printf("report: %s%n", out);
        return 0;
    }

    private Predictions fromModel(ObjectNode context) throws Exception {
        ModelSource m = source.model;
        Model model = Model.load(m.model);
        CsvTable table = CsvTable.read(m.data);
        io.ctkit.model.Predictions scored = ScoredRows.score(model, table);
        ObjectNode modelNode = context.putObject("model");
        modelNode.put("name", model.name());
        modelNode.put("source", m.model.toString());
        ObjectNode data = context.putObject("data");
        data.put("source", m.data.toString());
        data.put("sha256", Fingerprint.sha256(m.data));
        data.put("label_column", m.label);
        return ScoredRows.withTruth(model, scored, table, m.label);
    }

    private Predictions fromFile(ObjectNode context) throws Exception {
        PredictionSource p = source.predictions;
        CsvTable table = CsvTable.read(p.file);
        ObjectNode data = context.putObject("data");
        data.put("source", p.file.toString());
        data.put("sha256", Fingerprint.sha256(p.file));
        int label = table.column("label");
        int n = table.rows();
        switch (p.task) {
            case "binary" -> {
                int score = table.column("score");
                int[] labels = new int[n];
                double[] scores = new double[n];
                for (int r = 0; r < n; r++) {
                    String v = table.get(r, label).strip();
                    if (!v.equals("0") && !v.equals("1")) {
                        throw new UserException(table.where(r) + ": column \"label\": \"" + table.get(r, label)
                                + "\" is not 0 or 1");
                    }
                    labels[r] = v.equals("1") ? 1 : 0;
                    scores[r] = probability(table, r, score);
                }
                return Predictions.binary(labels, scores);
            }
            case "multiclass" -> {
                List<String> classes = new ArrayList<>();
                List<Integer> columns = new ArrayList<>();
                for (int c = 0; c < table.header().size(); c++) {
                    if (table.header().get(c).startsWith("prob_")) {
                        classes.add(table.header().get(c).substring("prob_".length()));
                        columns.add(c);
                    }
                }
                if (classes.size() < 2) {
                    throw new UserException(table.source() + ": multiclass predictions need a prob_<class> column per class"
                            + " (at least two); the header has " + String.join(", ", table.header()));
                }
                int[] labels = ScoredRows.classIndices(classes, table, label);
                double[][] probabilities = new double[n][classes.size()];
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < classes.size(); c++) {
                        probabilities[r][c] = probability(table, r, columns.get(c));
                    }
                }
                return Predictions.multiclass(labels, probabilities);
            }
            case "regression" -> {
                int prediction = table.column("prediction");
                double[] actual = new double[n];
                double[] predicted = new double[n];
                for (int r = 0; r < n; r++) {
                    actual[r] = table.number(r, label);
                    predicted[r] = table.number(r, prediction);
                }
                return Predictions.regression(actual, predicted);
            }
            default -> throw new UserException("--task must be binary, multiclass or regression, got \"" + p.task + "\"");
        }
    }

    private static double probability(CsvTable table, int row, int column) {
        double v = table.number(row, column);
        if (v < 0 || v > 1) {
            throw new UserException(table.where(row) + ": column \"" + table.header().get(column) + "\": " + v
                    + " is not a probability in [0, 1]");
        }
        return v;
    }
}
