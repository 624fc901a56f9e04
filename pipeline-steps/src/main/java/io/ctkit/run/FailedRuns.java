package io.ctkit.run;

import io.ctkit.provenance.Provenance;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctkit.files.FileDigests;
import io.ctkit.project.PipelineFile;
import io.ctkit.registry.Artifact;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.Run;
import io.ctkit.registry.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records a run that stopped at a failed check (validation, gate) in the metadata store, so that
 * {@code ctkit runs list} shows failed runs too, with the stage that failed and why. A run that
 * passed is recorded by its register stage, together with the version it made.
 */
public final class FailedRuns {
    private FailedRuns() {
    }

    /** Records the run of {@code outcome} (which failed) and returns its id in the registry. */
    public static String record(PipelineFile project, PipelineRun.Outcome outcome) throws IOException {
        JsonNode summary = PipelineRun.JSON.readTree(outcome.summary().toFile());
        String id = project.name() + "-" + outcome.runDir().getFileName();
        Instant started = Instant.parse(summary.path("started_at").asText());
        Instant finished = Instant.parse(summary.path("finished_at").asText());
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("failed_stage", outcome.failedStage());
        parameters.put("reason", outcome.reason());
        summary.path("trigger_parameters").fields()
                .forEachRemaining(p -> parameters.put(p.getKey(), p.getValue().asText()));
        // What decides the verdict of a failed check, so that a data trigger can tell the same run
        // would fail again (RetrainStep): the config (with ctkit.yaml's bytes), the data files.
        Run run = new Run(id, "ctkit run " + project.name(), null, null, "running", started, null, null,
                parameters, Map.of(), JudgedInputs.of(project).artifacts(project), List.of(),
                summary.path("trigger").asText(Run.MANUAL));
        Path training = outcome.runDir().resolve("train").resolve("training.json");
        String train = null;
        if (Files.isRegularFile(training)) {
            Provenance.DataFingerprint trained = Provenance.read(Files.readAllBytes(training), training.toString())
                    .data().get("train");
            train = trained == null ? null : trained.sha256();
        } else if (Files.isRegularFile(project.data().train())) {
            train = FileDigests.sha256(project.data().train()); // stopped before training: the file as it is
        }
        if (train != null) {
            run = run.withInput(Artifact.dataset("train", project.data().train().toAbsolutePath().normalize().toString(),
                    train));
        }
        for (JsonNode stage : summary.path("stages")) {
            String status = stage.path("status").asText();
            if (status.equals("not run")) {
                continue;
            }
            run = run.withStep(Step.of(stage.path("name").asText(), status.equals("passed") ? "succeeded" : "failed")
                    .withDetails(stage.path("summary").asText(null)));
        }
        Run failed = new Run(run.id(), run.pipeline(), run.pipelineVersion(), run.codeVersion(), "failed", started,
                finished, RegisterStage.actor(), run.parameters(), run.hyperparameters(), run.inputs(), run.steps(),
                run.trigger());
        try (ModelRegistry registry = ProjectRegistry.open(project)) {
            registry.recordRun(failed);
        }
        return id;
    }
}
