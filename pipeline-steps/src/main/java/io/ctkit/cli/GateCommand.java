package io.ctkit.cli;

import io.ctkit.config.ConfigNode;
import io.ctkit.gate.GatePolicy;
import io.ctkit.gate.GateStep;
import io.ctkit.gate.GateVerdict;
import io.ctkit.junit.JUnitResults;
import io.ctkit.quality.SettingsFiles;
import java.nio.file.Path;
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

    @Option(names = "--tests", paramLabel = "DIR|XML", description = "JUnit XML of the challenger's own tests (a report or a directory of them), judged by the policy's tests rule.")
    Path tests;

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
        GateStep.Request request = GateStep.Request.of(candidate(challengerFile, challengerModel));
        if (policyFile != null) {
            ConfigNode node = SettingsFiles.read(policyFile, "--policy");
            request = request.withPolicy(GatePolicy.read(node), node);
        }
        request = request
                .withTask(task == null ? null : Tasks.parse(task))
                .withIdColumn(id)
                .withVerdict(out);
        if (championFile != null || championModel != null) {
            request = request.withChampion(candidate(championFile, championModel));
        }
        if (tests != null) {
            try {
                request = request.withTests(JUnitResults.read(tests));
            } catch (java.io.IOException e) {
                throw new UserException("--tests: " + e.getMessage());
            }
        }
        GateVerdict verdict = GateStep.run(request).verdict();

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

    private GateStep.Candidate candidate(Path predictions, Path model) {
        return predictions != null ? GateStep.Candidate.predictions(predictions)
                : GateStep.Candidate.model(model, data, label);
    }
}
