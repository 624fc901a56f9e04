package io.ctkit.cli;

import io.ctkit.data.Dataset;
import io.ctkit.model.Model;
import io.ctkit.model.PredictionBatch;
import io.ctkit.scoring.ModelData;
import io.ctkit.scoring.PredictionsFile;
import io.ctkit.scoring.Scoring;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ctkit predict}: scores a CSV file with a model bundle, offline. */
@Command(
        name = "predict",
        header = "Score a CSV file with a model bundle.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Scores every row of a CSV file with a model bundle and writes a CSV of predictions: "
                    + "'prediction' (regression), 'score' and 'predicted' (binary; score = probability of the "
                    + "second label), or 'prob_<class>' per class and 'predicted' (multiclass).",
            "",
            "With --label the true label is copied as 'label' (0/1 for binary), so the output feeds "
                    + "'ctkit evaluate --predictions'."
        })
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR|TAR", description = "Model bundle.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "CSV", description = "Rows with a column per model input (header names = input names).")
    Path data;

    @Option(names = "--out", defaultValue = "predictions.csv", paramLabel = "CSV", description = "Predictions to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--label", paramLabel = "COLUMN", description = "Column with the true label, copied to the output as 'label'.")
    String label;

    @Option(names = "--id", paramLabel = "COLUMN", description = "Column identifying rows, copied to the output first, as written (it may also be a model input).")
    String id;

    @Override
    public Integer call() throws Exception {
        Model loaded = Model.load(model);
        Dataset rows = ModelData.read(loaded, data, label, id);
        String[] ids = ModelData.ids(loaded, data, rows, id);
        String[] labels = null;
        if (label != null) {
            labels = switch (loaded.task()) {
                case REGRESSION -> java.util.Arrays.stream(rows.targets()).mapToObj(Double::toString).toArray(String[]::new);
                case BINARY_CLASSIFICATION -> java.util.Arrays.stream(rows.labelIndices(loaded.labels()))
                        .mapToObj(Integer::toString).toArray(String[]::new);
                default -> rows.labels();
            };
        }
        PredictionBatch scored = Scoring.score(loaded, rows);
        PredictionsFile.write(out, loaded, scored, id, ids, labels);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("scored %d rows of %s with %s (%s): %s%n", rows.rowCount(), data, loaded.name(),
                loaded.task().jsonName(), out);
        return 0;
    }
}
