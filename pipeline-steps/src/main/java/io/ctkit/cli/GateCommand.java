package io.ctkit.cli;

import io.ctkit.bundle.Bundle;
import io.ctkit.bundle.BundleVerification;
import io.ctkit.data.Dataset;
import io.ctkit.gate.Gate;
import io.ctkit.gate.GateInput;
import io.ctkit.gate.GatePolicy;
import io.ctkit.gate.GateVerdict;
import io.ctkit.metrics.Predictions;
import io.ctkit.metrics.Task;
import io.ctkit.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ctkit gate}: thresholds and no-regression against the champion; exit 1 when the challenger fails. */
@Command(
        name = "gate",
        header = "Judge a challenger model: absolute thresholds and no regression against the champion.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Checks the challenger against the thresholds of a gate policy and, when a champion is given, compares "
                    + "both on the same rows with a paired bootstrap: a no-regression rule fails only on a significant "
                    + "drop, an improvement rule passes only on a significant gain. Without a champion the policy's "
                    + "first_run rule decides. Writes the verdict (format ctkit-gate/1, --out) and lists every check.",
            "",
            "Each model is given as a predictions file (label plus score | prob_<class> | prediction, see evaluate) "
                    + "or as a model bundle scored on --data. Exit 0 when the gate passes, 1 when a check fails, "
                    + "2 for bad input."
        })
final class GateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--challenger", paramLabel = "CSV", description = "Predictions of the challenger (needs --task).")
    Path challengerFile;

    @Option(names = "--model", paramLabel = "DIR|TAR", description = "Challenger model bundle, scored on --data.")
    Path challengerModel;

    @Option(names = "--champion", paramLabel = "CSV", description = "Predictions of the champion on the same rows.")
    Path championFile;

    @Option(names = "--champion-model", paramLabel = "DIR|TAR", description = "Champion model bundle, scored on --data.")
    Path championModel;

    @Option(names = "--data", paramLabel = "CSV", description = "Rows to score the model bundles on (inputs and the true label).")
    Path data;

    @Option(names = "--label", defaultValue = "label", paramLabel = "COLUMN", description = "True-label column of --data (default: ${DEFAULT-VALUE}).")
    String label;

    @Option(names = "--task", paramLabel = "TASK", description = "binary, multiclass or regression (for predictions files).")
    String task;

    @Option(names = "--id", paramLabel = "COLUMN", description = "Row id column; when both sides have it, the gate checks they are the same rows in the same order.")
    String id;

    @Option(names = "--policy", paramLabel = "FILE", description = "Gate policy (YAML or JSON, see docs/gate.md); default: no regression of the task's main metric.")
    Path policyFile;

    @Option(names = "--out", defaultValue = "gate.json", paramLabel = "FILE", description = "Verdict to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if ((challengerFile == null) == (challengerModel == null)) {
            throw new UserException("give the challenger as exactly one of --challenger CSV and --model DIR");
        }
        if (championFile != null && championModel != null) {
            throw new UserException("give the champion as at most one of --champion CSV and --champion-model DIR");
        }
        if ((challengerModel != null || championModel != null) && data == null) {
            throw new UserException("--data CSV is required to score --model / --champion-model");
        }
        if ((challengerFile != null || championFile != null) && task == null) {
            throw new UserException("--task binary|multiclass|regression is required with a predictions file");
        }
        GatePolicy policy = policyFile == null ? GatePolicy.defaults()
                : GatePolicy.fromMap(PolicyFiles.read(policyFile, "--policy"), policyFile + ":");
        List<String> slices = policy.thresholds().stream().map(GatePolicy.ThresholdRule::slice)
                .filter(Objects::nonNull).distinct().toList();

        Side challenger = challengerFile != null ? fromFile(challengerFile, slices) : fromModel(challengerModel, slices);
        Side champion = championFile != null ? fromFile(championFile, slices)
                : championModel != null ? fromModel(championModel, slices) : null;
        var challengerInput = challenger.input(challenger.classes());
        if (policyFile != null) {
            policy.checkTask(challengerInput.predictions().task(), policyFile + ":");
        }
        GateVerdict verdict = new Gate(policy).judge(challengerInput,
                champion == null ? null : champion.input(challenger.classes()));

        Reports.write(out, verdict.toJson());
        var stdout = spec.commandLine().getOut();
        stdout.println(verdict.summary());
        stdout.printf("verdict: %s%n", out);
        stdout.flush();
        if (!verdict.passed()) {
            throw new CheckFailedException("gate failed: " + verdict.failures().size() + " of "
                    + verdict.checks().size() + " checks failed, first: " + verdict.failures().get(0).message());
        }
        return 0;
    }

    /** One model's rows before its classes are put in the challenger's order. */
    private record Side(String source, Task task, List<String> classes, PredictionsFile.Outputs outputs,
            Map<String, String[]> slices, String[] ids, Map<String, Object> description) {

        /**
         * The gate input with the multiclass probability columns in the order of {@code order}: two
         * predictions files may list the same prob_ columns in another order, and a paired comparison
         * must compare class with class.
         */
        GateInput input(List<String> order) {
            PredictionsFile.Outputs o = outputs;
            Predictions predictions;
            if (task == Task.REGRESSION) {
                predictions = Predictions.regression(o.actual(), o.predicted());
            } else if (task == Task.BINARY) {
                double[] scores = new double[o.labels().length];
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = o.probabilities()[i][1];
                }
                predictions = Predictions.binary(o.labels(), scores);
            } else {
                predictions = reordered(order);
            }
            return new GateInput(predictions, slices, ids, description);
        }

        private Predictions reordered(List<String> order) {
            if (!new HashSet<>(order).equals(new HashSet<>(classes)) || order.size() != classes.size()) {
                throw new UserException(source + " has the classes " + classes + " but the challenger has " + order
                        + ": both must predict the same classes");
            }
            int[] to = new int[classes.size()];
            for (int c = 0; c < to.length; c++) {
                to[c] = order.indexOf(classes.get(c));
            }
            int[] labels = outputs.labels().clone();
            double[][] p = new double[labels.length][to.length];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = to[labels[i]];
                for (int c = 0; c < to.length; c++) {
                    p[i][to[c]] = outputs.probabilities()[i][c];
                }
            }
            return Predictions.multiclass(labels, p);
        }
    }

    private Side fromFile(Path file, List<String> slices) throws Exception {
        requireFile(file);
        PredictionsFile p = PredictionsFile.read(file, task, slices, id);
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("kind", "predictions");
        description.put("source", file.toString());
        description.put("sha256", p.data().fingerprint());
        description.put("rows", p.data().rowCount());
        return new Side(file.toString(), p.predictions().task(), p.classes(), p.outputs(), PredictionsFile.sliceKeys(p.data(), slices),
                id == null ? null : p.data().strings(id), description);
    }

    private Side fromModel(Path dir, List<String> slices) throws Exception {
        requireFile(dir);
        requireFile(data);
        Bundle bundle = Bundle.open(dir, BundleVerification.defaults());
        Model model = Model.from(bundle);
        if (task != null && !task.equals(ScoredRows.metricsTask(model).key())) {
            throw new UserException("--task " + task + " but the model " + dir + " is " + model.task().jsonName());
        }
        Dataset rows = ScoredRows.read(model, data, label, id, new ArrayList<>(slices));
        PredictionsFile.Outputs outputs = ScoredRows.outputs(model, ScoredRows.score(model, rows), rows);
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("kind", "model");
        description.put("source", dir.toString());
        description.put("name", model.name());
        description.put("sha256", bundle.digest());
        description.put("data", Map.of("source", rows.source(), "sha256", rows.fingerprint()));
        description.put("rows", rows.rowCount());
        List<String> classes = ScoredRows.metricsTask(model) == Task.REGRESSION ? List.of() : model.labels();
        return new Side(dir.toString(), ScoredRows.metricsTask(model), classes, outputs, PredictionsFile.sliceKeys(rows, slices),
                ScoredRows.ids(model, data, rows, id), description);
    }

    private static void requireFile(Path p) {
        if (!Files.exists(p)) {
            throw new UserException(p + ": no such file or directory");
        }
    }
}
