package io.ctkit.run;

import io.ctkit.files.FileDigests;
import io.ctkit.project.PipelineFile;
import io.ctkit.registry.Artifact;
import io.ctkit.registry.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What decides the verdicts of a run's data validation and gate besides the trained model, which
 * the training data and the training config decide: the whole ctkit.yaml (validation and gate
 * policies included), the holdout and the reference data. A failed run records them as inputs
 * ({@link FailedRuns}); a data trigger compares them with the project's own to tell whether the
 * same run would fail the same way ({@code RetrainStep}).
 *
 * @param configFile   {@code sha256:<hex>} of ctkit.yaml's bytes
 * @param holdout      the holdout file's fingerprint, or null when it does not exist
 * @param reference    the reference file's fingerprint, or null when there is none
 */
public record JudgedInputs(String configFile, String holdout, String reference) {

    /** The property of a run's config artifact that holds {@link #configFile()}. */
    public static final String CONFIG_FILE = "file_sha256";

    public JudgedInputs {
        Objects.requireNonNull(configFile, "configFile");
    }

    /** The project's as its files are now (a data file's fingerprint is {@link FileDigests#sha256}, as a dataset's). */
    public static JudgedInputs of(PipelineFile project) throws IOException {
        Path holdout = project.data().holdout();
        Path reference = project.data().referencePath().orElse(null);
        return new JudgedInputs(FileDigests.sha256(project.file()),
                Files.isRegularFile(holdout) ? FileDigests.sha256(holdout) : null,
                reference != null && Files.isRegularFile(reference) ? FileDigests.sha256(reference) : null);
    }

    /** The inputs to record on a run of {@code project}: the config (with its file digest), holdout and reference. */
    public List<Artifact> artifacts(PipelineFile project) {
        List<Artifact> artifacts = new ArrayList<>();
        artifacts.add(new Artifact("config", "pipeline", location(project.file()), project.configHash(),
                Map.of(CONFIG_FILE, configFile)));
        if (holdout != null) {
            artifacts.add(Artifact.dataset("holdout", location(project.data().holdout()), holdout));
        }
        if (reference != null) {
            artifacts.add(Artifact.dataset("reference", location(project.data().reference()), reference));
        }
        return artifacts;
    }

    /** Whether {@code run} recorded these inputs: the same ctkit.yaml bytes, holdout and reference (or none). */
    public boolean recordedOn(Run run) {
        boolean sameConfig = run.inputs().stream().anyMatch(a -> a.kind().equals("config")
                && configFile.equals(a.properties().get(CONFIG_FILE)));
        return sameConfig && Objects.equals(holdout, dataset(run, "holdout"))
                && Objects.equals(reference, dataset(run, "reference"));
    }

    /** The digest of the dataset {@code role} the run read, or null. */
    public static String dataset(Run run, String role) {
        return run.inputs().stream().filter(a -> a.kind().equals("dataset") && a.role().equals(role))
                .map(Artifact::digest).findFirst().orElse(null);
    }

    private static String location(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }
}
