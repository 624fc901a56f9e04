package io.ctkit.run;

import io.ctkit.project.PipelineFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a stage sees of its run: the project, the run's directory, the outputs of the stages before
 * it, and where to print. One per stage: {@link #stageDir()} is that stage's own directory.
 */
public final class RunContext {
    private final PipelineFile project;
    private final Path runDir;
    private final String stage;
    private final Map<String, Path> outputs;
    private final PrintWriter out;
    private final boolean terminal;
    private final boolean force;
    private final java.time.Instant startedAt;
    private final Map<String, java.time.Instant[]> stageTimes;

    RunContext(PipelineFile project, Path runDir, String stage, Map<String, Path> outputs, PrintWriter out,
            boolean terminal, boolean force) {
        this(project, runDir, stage, outputs, out, terminal, force, java.time.Instant.now(), Map.of());
    }

    RunContext(PipelineFile project, Path runDir, String stage, Map<String, Path> outputs, PrintWriter out,
            boolean terminal, boolean force, java.time.Instant startedAt, Map<String, java.time.Instant[]> stageTimes) {
        this.startedAt = startedAt;
        this.stageTimes = Collections.unmodifiableMap(new LinkedHashMap<>(stageTimes));
        this.project = project;
        this.runDir = runDir;
        this.stage = stage;
        this.outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        this.out = out;
        this.terminal = terminal;
        this.force = force;
    }

    public PipelineFile project() {
        return project;
    }

    public Path runDir() {
        return runDir;
    }

    /** This stage's directory, {@code <run>/<stage>/}, created on first use. */
    public Path stageDir() throws IOException {
        return Files.createDirectories(runDir.resolve(stage));
    }

    /** An earlier stage's output, e.g. {@code train.model}. */
    public Optional<Path> output(String key) {
        return Optional.ofNullable(outputs.get(key));
    }

    /** An earlier stage's output that this stage cannot do without. */
    public Path requireOutput(String key) {
        return output(key).orElseThrow(() -> new IllegalStateException("stage " + stage + " needs the output " + key
                + " of an earlier stage; outputs so far: " + outputs.keySet() + " (check the order of the stages)"));
    }

    public Map<String, Path> outputs() {
        return outputs;
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
    public java.time.Instant startedAt() {
        return startedAt;
    }

    /** The stages that ran before this one, in order, with their start and end ({@code [start, end]}). */
    public Map<String, java.time.Instant[]> stageTimes() {
        return stageTimes;
    }

    /** Whether cached results must be recomputed ({@code --force}). */
    public boolean force() {
        return force;
    }
}
