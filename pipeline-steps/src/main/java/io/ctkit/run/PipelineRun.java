package io.ctkit.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.project.PipelineFile;
import io.ctkit.files.FileTrees;
import io.ctkit.quality.Reports;
import io.ctkit.registry.Run;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs stages in order, printing one block per stage, stopping at the first that fails, and
 * writing the run summary {@code run.json} into the run directory.
 *
 * <p>A stage that throws (wrong input) aborts the run: its directory is removed, so a run leaves a
 * complete record or nothing, and the exception goes to the caller (exit 2).
 */
public final class PipelineRun {
    /** The run summary's file name. */
    public static final String SUMMARY = "run.json";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The run parameter naming the retrain request a run carries out. */
    public static final String RETRAIN_REQUEST = "retrain_request";
    /** The run parameter holding the retrain request's reason. */
    public static final String TRIGGER_REASON = "trigger_reason";

    private final List<Stage<?>> stages;
    private final boolean force;
    private final String trigger;
    private final Map<String, String> triggerParameters;

    private PipelineRun(List<Stage<?>> stages, boolean force, String trigger, Map<String, String> triggerParameters) {
        this.stages = List.copyOf(stages);
        this.force = force;
        this.trigger = trigger;
        this.triggerParameters = Collections.unmodifiableMap(new LinkedHashMap<>(triggerParameters));
    }

    public static PipelineRun of(List<Stage<?>> stages) {
        return new PipelineRun(stages, false, Run.MANUAL, Map.of());
    }

    /** The standard pipeline: {@link Pipeline#standard()}. */
    public static PipelineRun standard() {
        return of(Pipeline.standard());
    }

    public PipelineRun withForce(boolean f) {
        return new PipelineRun(stages, f, trigger, triggerParameters);
    }

    /**
     * What starts this run ({@code manual} unless said otherwise), recorded in run.json and in the
     * registry's lineage of the version it makes.
     *
     * @throws IllegalArgumentException for a trigger not in {@link Run#TRIGGERS}
     */
    public PipelineRun withTrigger(String what) {
        if (!Run.TRIGGERS.contains(what)) {
            throw new IllegalArgumentException("unknown trigger \"" + what + "\"; expected one of "
                    + String.join(", ", Run.TRIGGERS));
        }
        return new PipelineRun(stages, force, what, triggerParameters);
    }

    /**
     * The retrain request this run carries out ({@code ctkit retrain}'s, by the registry's id) and
     * why it was asked for: written into run.json ({@code trigger_parameters}) and recorded as the
     * run's parameters {@code retrain_request} and {@code trigger_reason}, so that the run, and the
     * version it makes, say why they exist. A null or blank value is left out (CI systems pass
     * absent order parameters as empty strings).
     *
     * @param requestId the registry's retrain request id, or null
     * @param reason why, in words, or null
     */
    public PipelineRun withRetrainRequest(String requestId, String reason) {
        Map<String, String> p = new LinkedHashMap<>();
        if (requestId != null && !requestId.isBlank()) {
            p.put(RETRAIN_REQUEST, requestId);
        }
        if (reason != null && !reason.isBlank()) {
            p.put(TRIGGER_REASON, reason);
        }
        return new PipelineRun(stages, force, trigger, p);
    }

    /** How a run ended. */
    public record Outcome(boolean passed, Path runDir, Path summary, String failedStage, String reason) {
    }

    /**
     * Runs every stage into {@code runDir}, which must not exist yet or be empty.
     *
     * @throws IOException, IllegalArgumentException from a stage with a wrong input (the run dir is removed)
     */
    public Outcome run(PipelineFile project, Path runDir, String runId, PrintWriter out, boolean terminal) throws Exception {
        if (Files.exists(runDir) && (!Files.isDirectory(runDir) || hasEntries(runDir))) {
            throw new IllegalArgumentException(runDir + ": already exists and is not empty; a run writes into a new"
                    + " directory (leave out --out for one under " + project.projectDir().resolve(".ctkit/runs") + ")");
        }
        for (Stage<?> stage : stages) {
            stage.check(project);
        }
        PipelineVersionCheck.check(project, trigger);
        boolean created = !Files.exists(runDir);
        Files.createDirectories(runDir);
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        out.printf(Locale.ROOT, "ctkit run %s (%s), run %s, trigger %s%n", project.name(), project.file(), runId,
                trigger);
        out.flush();
        Map<String, Path> outputs = new LinkedHashMap<>();
        Map<Class<?>, Object> results = new LinkedHashMap<>();
        Map<String, Instant[]> stageTimes = new LinkedHashMap<>();
        ObjectNode summary = JSON.createObjectNode();
        summary.put("format", "ctkit-run/1");
        summary.put("id", runId);
        summary.put("project", project.file().toString());
        summary.put("model", project.name());
        summary.put("config_hash", project.configHash());
        summary.put("trigger", trigger);
        if (!triggerParameters.isEmpty()) {
            ObjectNode parameters = summary.putObject("trigger_parameters");
            triggerParameters.forEach(parameters::put);
        }
        summary.put("started_at", started.toString());
        ArrayNode stageNodes = summary.putArray("stages");
        String failed = null;
        String reason = null;
        try {
            for (int i = 0; i < stages.size(); i++) {
                Stage<?> stage = stages.get(i);
                String label = String.format(Locale.ROOT, "[%d/%d] %s", i + 1, stages.size(), stage.name());
                out.println(label);
                out.flush();
                PrintWriter indented = new PrintWriter(new IndentingWriter(out, "      "), true);
                long s0 = System.nanoTime();
                Instant stageStart = Instant.now();
                StageResult<?> result = stage.run(new RunContext(project, runDir, stage.name(), results, outputs,
                        indented, terminal, force, started, stageTimes, trigger, triggerParameters));
                stageTimes.put(stage.name(), new Instant[] {stageStart, Instant.now()});
                indented.flush();
                long ms = (System.nanoTime() - s0) / 1_000_000;
                result.files().forEach((k, v) -> outputs.put(stage.name() + "." + k, v));
                if (result.value() != null) {
                    results.put(stage.getClass(), result.value());
                }
                ObjectNode node = stageNodes.addObject();
                node.put("name", stage.name());
                node.put("status", result.passed() ? "passed" : "failed");
                node.put("summary", result.summary());
                node.put("duration_ms", ms);
                ObjectNode outs = node.putObject("outputs");
                result.files().forEach((k, v) -> outs.put(k, relative(runDir, v)));
                if (result.details() != null) {
                    node.set("details", result.details());
                }
                out.printf(Locale.ROOT, "%s %s in %.1f s: %s%n", label, result.passed() ? "passed" : "FAILED", ms / 1000.0,
                        result.summary());
                out.flush();
                if (!result.passed()) {
                    failed = stage.name();
                    reason = result.summary();
                    for (int j = i + 1; j < stages.size(); j++) {
                        ObjectNode skipped = stageNodes.addObject();
                        skipped.put("name", stages.get(j).name());
                        skipped.put("status", "not run");
                    }
                    break;
                }
            }
        } catch (Exception | Error e) {
            if (created) {
                FileTrees.delete(runDir);
            } else {
                clear(runDir);
            }
            throw e;
        }
        long total = (System.nanoTime() - t0) / 1_000_000;
        summary.put("finished_at", Instant.now().toString());
        summary.put("duration_ms", total);
        summary.put("status", failed == null ? "passed" : "failed");
        if (failed != null) {
            summary.put("failed_stage", failed);
            summary.put("reason", reason);
        }
        Path file = runDir.resolve(SUMMARY);
        Reports.write(file, summary);
        out.printf(Locale.ROOT, "run %s in %.1f s%s; summary: %s%n", failed == null ? "passed" : "FAILED at " + failed,
                total / 1000.0, failed == null ? "" : " (" + reason + ")", file);
        out.flush();
        return new Outcome(failed == null, runDir, file, failed, reason);
    }

    private static String relative(Path runDir, Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path base = runDir.toAbsolutePath().normalize();
        return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
    }

    private static boolean hasEntries(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }

    private static void clear(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                FileTrees.delete(p);
            }
        }
    }
}
