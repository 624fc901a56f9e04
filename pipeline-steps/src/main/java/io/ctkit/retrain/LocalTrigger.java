package io.ctkit.retrain;

import io.ctkit.project.PipelineFile;
import io.ctkit.run.FailedRuns;
import io.ctkit.run.PipelineRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * {@code local}: runs the project's pipeline ({@code ctkit run}) in this process, with the
 * order's trigger, into a new run directory under {@code <project>/.ctkit/runs/}. Like
 * {@code ctkit run}, it refuses to start when the code has moved since the production version
 * unless the trigger is {@code code}, so a retraining uses the pipeline that made the model.
 */
public final class LocalTrigger implements Trigger {
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final PipelineFile project;
    private final PrintWriter out;

    public LocalTrigger(PipelineFile project, PrintWriter out) {
        this.project = project;
        this.out = out;
    }

    @Override
    public String kind() {
        return "local";
    }

    @Override
    public Started start(RetrainOrder order) throws IOException, InterruptedException {
        try {
            return run(order);
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("ctkit run of " + project.name() + ": " + e.getMessage(), e);
        }
    }

    private Started run(RetrainOrder order) throws Exception {
        String id = ID.format(ZonedDateTime.now(ZoneOffset.UTC));
        Path runDir = project.projectDir().resolve(".ctkit").resolve("runs").resolve(id);
        PipelineRun.Outcome outcome = PipelineRun.standard().withTrigger(order.trigger())
                .withRetrainRequest(order.requestId(), order.reason())
                .run(project, runDir, id, out, false);
        if (outcome.passed()) {
            return new Started("succeeded", runDir.toString(), "ctkit run " + id + " passed");
        }
        FailedRuns.record(project, outcome);
        return new Started("failed", runDir.toString(), "ctkit run " + id + " failed at " + outcome.failedStage()
                + ": " + outcome.reason());
    }
}
