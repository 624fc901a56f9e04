package io.ctkit.cli;

import io.ctkit.project.PipelineFile;
import io.ctkit.registry.Run;
import io.ctkit.run.PipelineRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ctkit run}: the project's pipeline, stage by stage. */
@Command(
        name = "run",
        header = "Run a project's pipeline: train, evaluate (and the stages added to it), stage by stage.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Reads PROJECT/ctkit.yaml and runs the pipeline's stages in order, each under its own header, "
                    + "stopping at the first stage that fails. Writes every stage's outputs and the run summary "
                    + "run.json (stages, timings, outputs, verdicts) into the run directory.",
            "",
            "Exit 0 when every stage passed, 1 when a stage's check failed (the summary is kept), 2 when an "
                    + "input is wrong (ctkit.yaml, data): nothing of the run is left behind."
        })
final class RunCommand implements Callable<Integer> {
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "Project directory or its ctkit.yaml.")
    Path project;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (new or empty; default: PROJECT/.ctkit/runs/<id>).")
    Path out;

    @Option(names = "--force", description = "Recompute cached stages (train).")
    boolean force;

    @Option(names = "--trigger", paramLabel = "TRIGGER", defaultValue = "manual",
            completionCandidates = RetrainCommand.Triggers.class,
            description = "What started this run, recorded in its lineage: ${COMPLETION-CANDIDATES} (default:"
                    + " ${DEFAULT-VALUE}). Unless it is code, the run refuses to start when the code differs from"
                    + " the production version's.")
    String trigger;

    @Option(names = "--retrain-request", paramLabel = "ID",
            description = "The retrain request this run carries out (ctkit retrain's request-id order parameter),"
                    + " recorded as the run's parameter retrain_request; empty: none.")
    String retrainRequest;

    @Option(names = "--reason", paramLabel = "TEXT",
            description = "Why this run was started (the order's reason parameter), recorded as the run's"
                    + " parameter trigger_reason; empty: none.")
    String reason;

    @Override
    public Integer call() throws Exception {
        if (!Run.TRIGGERS.contains(trigger)) {
            throw new UserException("--trigger: unknown trigger \"" + trigger + "\"; expected one of "
                    + String.join(", ", Run.TRIGGERS));
        }
        PipelineFile pipeline = PipelineFile.load(project);
        String id = ID.format(ZonedDateTime.now(ZoneOffset.UTC));
        Path runDir = out != null ? out : pipeline.projectDir().resolve(".ctkit").resolve("runs").resolve(id);
        PrintWriter stdout = spec.commandLine().getOut();
        PipelineRun.Outcome outcome = PipelineRun.standard().withForce(force).withTrigger(trigger)
                .withRetrainRequest(retrainRequest, reason)
                .run(pipeline, runDir, id, stdout, System.console() != null);
        if (!outcome.passed()) {
            try {
                String runId = io.ctkit.run.FailedRuns.record(pipeline, outcome);
                stdout.println("recorded failed run " + runId + " in the registry (ctkit runs show " + runId + ")");
            } catch (java.io.IOException | RuntimeException e) {
                // The run's own record (run.json) is complete; the registry copy is a convenience.
                spec.commandLine().getErr().println("warning: could not record the failed run in the registry: " + e.getMessage());
            }
            stdout.flush();
            throw new CheckFailedException("stage " + outcome.failedStage() + " failed: " + outcome.reason());
        }
        return 0;
    }
}
