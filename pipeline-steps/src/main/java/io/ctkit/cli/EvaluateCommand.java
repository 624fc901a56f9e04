package io.ctkit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.data.Column;
import io.ctkit.data.Dataset;
import io.ctkit.data.DatasetReader;
import io.ctkit.data.Schema;
import io.ctkit.metrics.BootstrapConfig;
import io.ctkit.metrics.Evaluation;
import io.ctkit.metrics.Evaluator;
import io.ctkit.metrics.Predictions;
import io.ctkit.model.Model;
import java.io.IOException;
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
        Dataset data = ScoredRows.read(model, m.data, m.label, null);
        io.ctkit.model.Predictions scored = ScoredRows.score(model, data);
        ObjectNode modelNode = context.putObject("model");
        modelNode.put("name", model.name());
        modelNode.put("source", m.model.toString());
        describe(context, data).put("label_column", m.label);
        return ScoredRows.withTruth(model, scored, data);
    }

    private Predictions fromFile(ObjectNode context) throws Exception {
        PredictionSource p = source.predictions;
        switch (p.task) {
            case "binary" -> {
                Dataset data = read(p.file, Column.classLabel("label", List.of("0", "1")), probability("score"));
                describe(context, data);
                return Predictions.binary(data.labelIndices(List.of("0", "1")), data.numbers("score"));
            }
            case "multiclass" -> {
                List<String> classes = new ArrayList<>();
                List<Column> columns = new ArrayList<>();
                for (String name : DatasetReader.header(p.file)) {
                    if (name.startsWith("prob_")) {
                        classes.add(name.substring("prob_".length()));
                        columns.add(probability(name));
                    }
                }
                if (classes.size() < 2) {
                    throw new UserException(p.file + ": multiclass predictions need a prob_<class> column per class"
                            + " (at least two); the header has " + String.join(", ", DatasetReader.header(p.file)));
                }
                columns.add(0, Column.classLabel("label", classes));
                Dataset data = read(p.file, columns.toArray(Column[]::new));
                describe(context, data);
                double[][] probabilities = new double[data.rowCount()][classes.size()];
                for (int c = 0; c < classes.size(); c++) {
                    double[] column = data.numbers("prob_" + classes.get(c));
                    for (int r = 0; r < column.length; r++) {
                        probabilities[r][c] = column[r];
                    }
                }
                return Predictions.multiclass(data.labelIndices(classes), probabilities);
            }
            case "regression" -> {
                Dataset data = read(p.file, Column.regressionLabel("label"), Column.number("prediction"));
                describe(context, data);
                return Predictions.regression(data.targets(), data.numbers("prediction"));
            }
            default -> throw new UserException("--task must be binary, multiclass or regression, got \"" + p.task + "\"");
        }
    }

    private static Dataset read(Path file, Column... columns) throws IOException {
        return DatasetReader.of(Schema.of(columns)).read(file);
    }

    private static Column probability(String name) {
        return Column.number(name).withRange(0.0, 1.0);
    }

    private static ObjectNode describe(ObjectNode context, Dataset data) {
        ObjectNode node = context.putObject("data");
        node.put("source", data.source());
        node.put("sha256", data.fingerprint());
        return node;
    }
}
