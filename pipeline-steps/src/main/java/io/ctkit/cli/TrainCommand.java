package io.ctkit.cli;

import io.ctkit.project.PipelineFile;
import io.ctkit.train.TrainStep;
import io.ctkit.train.TrainingProgress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ctkit train}: trains the model of a project with ND4J into a verified bundle. */
@Command(
        name = "train",
        header = "Train a project's model (ND4J) into a verified bundle with provenance.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Reads the project's ctkit.yaml and training data, fits the preprocessing on the training rows, "
                    + "trains the network (Adam or SGD, mini-batches, optional early stopping) and writes OUT/model "
                    + "(a model bundle) and OUT/training.json (data fingerprints, config hash, code version, "
                    + "runtime, timings, history).",
            "",
            "A training whose data fingerprint, config hash and code version equal an earlier one's is reused "
                    + "from PROJECT/.ctkit/cache/train (the output says so); --force trains again. The same seed "
                    + "and data give bit-identical weights."
        })
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "Project directory or its ctkit.yaml.")
    Path project;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: PROJECT/.ctkit/train); replaced whole when training succeeds.")
    Path out;

    @Option(names = "--force", description = "Train even if the cache holds this training.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        PipelineFile pipeline = PipelineFile.load(project);
        Path output = out != null ? out : pipeline.projectDir().resolve(".ctkit").resolve("train");
        PrintWriter stdout = spec.commandLine().getOut();
        TrainStep.Result result = TrainStep.of(pipeline)
                .withForce(force)
                .withProgress(TrainingProgress.to(stdout, System.console() != null))
                .run(output);
        stdout.printf("report: %s%n", result.report());
        return 0;
    }
}
