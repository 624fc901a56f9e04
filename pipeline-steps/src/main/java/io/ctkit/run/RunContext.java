package io.ctkit.run;

import io.ctkit.project.PipelineFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a stage sees of its run: the project, the run's directory, the typed results of the
 * stages before it, and where to print. One per stage: {@link #stageDir()} is its own directory.
 */
public final class RunContext {
    private final PipelineFile project;
    private final Path runDir;
    private final String stage;
    private final Map<Class<?>, Object> results;
    private final Map<String, Path> files;
    private final PrintWriter out;
    private final boolean terminal;
    private final boolean force;
    private final Instant startedAt;
    private final Map<String, Instant[]> stageTimes;
    private final String trigger;
    private final Map<String, String> triggerParameters;

    RunContext(PipelineFile project, Path runDir, String stage, Map<Class<?>, Object> results, Map<String, Path> files,
            PrintWriter out, boolean terminal, boolean force, Instant startedAt, Map<String, Instant[]> stageTimes,
            String trigger, Map<String, String> triggerParameters) {
        this.project = project;
        this.runDir = runDir;
        this.stage = stage;
        this.results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
        this.files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        this.out = out;
        this.terminal = terminal;
        this.force = force;
        this.startedAt = startedAt;
        this.stageTimes = Collections.unmodifiableMap(new LinkedHashMap<>(stageTimes));
        this.trigger = trigger;
        this.triggerParameters = triggerParameters;
    }

    public PipelineFile project() {
        return project;
    }

    public Path runDir() {
        return runDir;
    }

    /** This run's id: the run directory's name. */
    public String runId() {
        return runDir.getFileName().toString();
    }

    /** This stage's directory, {@code <run>/<stage>/}, created on first use. */
    public Path stageDir() throws IOException {
        return Files.createDirectories(runDir.resolve(stage));
    }

    /** The result of an earlier stage of this class, if it ran. */
    public <R> Optional<R> result(Class<? extends Stage<R>> earlier) {
        @SuppressWarnings("unchecked")
        R r = (R) results.get(earlier);
        return Optional.ofNullable(r);
    }

    /** The result of an earlier stage that this stage cannot do without. */
    public <R> R require(Class<? extends Stage<R>> earlier) {
        return this.<R>result(earlier).orElseThrow(() -> new IllegalStateException("stage " + stage + " needs the"
                + " result of " + earlier.getSimpleName() + ", which has not run before it (check the order of the"
                + " stages)"));
    }

    /** Every file the earlier stages produced, as {@code <stage>.<name>} (for lineage records). */
    public Map<String, Path> files() {
        return files;
    }

    /** Where a stage prints its progress (indented under the stage's line by the runner). */
    public PrintWriter out() {
        return out;
    }

    /** Whether the output is a terminal (progress bars) or a log (plain lines). */
    public boolean terminal() {
        return terminal;
    }

    /** When the run started. */
    public Instant startedAt() {
        return startedAt;
    }

    /** The stages that ran before this one, in order, with their start and end ({@code [start, end]}). */
    public Map<String, Instant[]> stageTimes() {
        return stageTimes;
    }

    /** What started this run, one of {@link io.ctkit.registry.Run#TRIGGERS}: recorded in its lineage. */
    public String trigger() {
        return trigger;
    }

    /**
     * What the trigger says besides its name ({@link PipelineRun#withRetrainRequest}): the retrain
     * request's id and reason, by the run parameter names; empty for a run started by hand.
     */
    public Map<String, String> triggerParameters() {
        return triggerParameters;
    }

    /** Whether cached results must be recomputed ({@code --force}). */
    public boolean force() {
        return force;
    }
}
