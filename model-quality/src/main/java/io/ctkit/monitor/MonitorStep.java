package io.ctkit.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.bundle.Bundle;
import io.ctkit.drift.DriftReport;
import io.ctkit.drift.DriftVerdict;
import io.ctkit.metrics.Evaluation;
import io.ctkit.model.Model;
import io.ctkit.quality.Reports;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code monitor} step: reads what the scoring server logged since the last run (predictions
 * and feedback, live and rotated files), joins feedback to predictions on the prediction id and
 * row, computes live metrics with bootstrap intervals over a window, measures the drift of every
 * input against the training reference stored in the bundle, and decides {@code ok},
 * {@code degraded} or {@code retrain} with the reasons. It writes the report (format
 * {@code ctkit-monitor/1}), the plots of the metrics and drift over its runs, and its state (the
 * cursors, the window, the history) beside the report. {@code ctkit monitor} calls it; the rule is
 * in docs/monitor.md.
 *
 * <pre>{@code
 * MonitorStep.Result r = MonitorStep.run(MonitorStep.Request.of(Path.of("logs"), Path.of("model"))
 *         .withSettings(MonitorSettings.read(node))
 *         .withReport(Path.of("monitor/monitor.json")));
 * if (r.decision() == MonitorStep.Decision.RETRAIN) { ... r.reasons() ... }
 * }</pre>
 */
public final class MonitorStep {

    /** The report's format name. */
    public static final String FORMAT = "ctkit-monitor/1";

    private MonitorStep() {
    }

    /** What the monitor concludes; the CLI exits 0 for {@code OK} and 1 otherwise. */
    public enum Decision {
        /** Nothing judged is wrong (or too little was seen to judge). */
        OK,
        /** A metric's value is past its floor, but its interval still reaches the floor: watch it. */
        DEGRADED,
        /** A metric is past its floor with its whole interval, or an input drifted: retrain. */
        RETRAIN;

        /** {@code ok}, {@code degraded}, {@code retrain}. */
        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * What to monitor and where to write.
     *
     * @param logDir     the server's {@code --log-dir}
     * @param bundle     the model being served (directory or .tar), with its drift reference
     * @param settings   window, floors, thresholds
     * @param report     the report to write; the state and plots go beside it
     * @param metricsUrl a running server's {@code /metrics}, or null
     */
    public record Request(Path logDir, Path bundle, MonitorSettings settings, Path report, URI metricsUrl) {
        public Request {
            Objects.requireNonNull(logDir, "logDir");
            Objects.requireNonNull(bundle, "bundle");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(report, "report");
        }

        /** The log of {@code bundle}, default settings, report {@code monitor.json}. */
        public static Request of(Path logDir, Path bundle) {
            return new Request(logDir, bundle, MonitorSettings.defaults(), Path.of("monitor.json"), null);
        }

        public Request withSettings(MonitorSettings s) {
            return new Request(logDir, bundle, s, report, metricsUrl);
        }

        public Request withReport(Path file) {
            return new Request(logDir, bundle, settings, file, metricsUrl);
        }

        public Request withMetricsUrl(URI url) {
            return new Request(logDir, bundle, settings, report, url);
        }

        /** The state file: {@code monitor-state.json} beside the report. */
        public Path state() {
            return sibling(MonitorState.FILE);
        }

        Path sibling(String name) {
            Path dir = report.toAbsolutePath().getParent();
            return dir.resolve(name);
        }
    }

    /**
     * What the monitor found.
     *
     * @param decision      ok, degraded or retrain
     * @param reasons       why, one line per finding that decided (empty when ok)
     * @param notes         what was not judged and why (no feedback, too few rows, no reference)
     * @param problems      lines that could not be read, as {@code file: line N: problem}
     * @param newLines      log lines read by this run
     * @param windowRows    prediction rows in the window
     * @param labelledRows  of those, rows with feedback
     * @param quality       the live metrics, or null when quality was not judged
     * @param drift         drift per input, empty when drift was not judged
     * @param driftVerdicts the thresholds' verdict per input
     * @param server        what the server's /metrics said, or null
     * @param report        the report as written
     * @param plots         the plot files written, by name
     */
    public record Result(Decision decision, List<String> reasons, List<String> notes, List<String> problems,
            long newLines, int windowRows, int labelledRows, Evaluation quality, List<DriftReport> drift,
            List<DriftVerdict> driftVerdicts, ServerMetrics server, ObjectNode report, Map<String, Path> plots) {
        public Result {
            reasons = List.copyOf(reasons);
            notes = List.copyOf(notes);
            problems = List.copyOf(problems);
            drift = List.copyOf(drift);
            driftVerdicts = List.copyOf(driftVerdicts);
            plots = Collections.unmodifiableMap(new LinkedHashMap<>(plots));
        }

        /** Whether the monitor found nothing wrong. */
        public boolean ok() {
            return decision == Decision.OK;
        }
    }

    /**
     * Monitors once.
     *
     * @throws IOException when a file cannot be read or written
     * @throws IllegalArgumentException for input that cannot be monitored, naming what and where
     */
    public static Result run(Request request) throws IOException {
        Bundle bundle = Bundle.open(request.bundle());
        Model model = Model.from(bundle);
        DriftReference reference = bundle.files().contains(DriftReference.FILE)
                ? DriftReference.read(bundle.bytes(DriftReference.FILE), request.bundle() + ": " + DriftReference.FILE)
                : null;
        request.settings().checkTask(model.task(), null);
        MonitorState state = MonitorState.read(request.state());
        List<String> notes = new ArrayList<>();
        if (state.modelDigest != null && !state.modelDigest.equals(bundle.digest())) {
            notes.add("the model changed since the last run (" + state.modelDigest + " then, " + bundle.digest()
                    + " now): the window starts afresh");
            state.window.clear();
            state.early.clear();
        }
        state.modelDigest = bundle.digest();
        LogIntake intake = LogIntake.read(request.logDir(), state, model);
        notes.addAll(intake.notes());
        state.trim(request.settings().window());
        Judgement judgement = Judgement.of(model, reference, state, request.settings());
        notes.addAll(judgement.notes());
        ServerMetrics server = request.metricsUrl() == null ? null : ServerMetrics.scrape(request.metricsUrl(), state);

        ObjectNode report = Reports.object();
        report.put("format", FORMAT);
        report.put("time", Instant.now().toString());
        report.put("decision", judgement.decision().jsonName());
        report.set("reasons", strings(judgement.reasons()));
        report.set("notes", strings(notes));
        ObjectNode modelNode = report.putObject("model");
        modelNode.put("name", model.name());
        modelNode.put("source", request.bundle().toString());
        modelNode.put("sha256", bundle.digest());
        ObjectNode log = report.putObject("log");
        log.put("dir", request.logDir().toString());
        log.put("files_read", intake.filesRead());
        log.put("new_lines", intake.lines());
        log.put("new_predictions", intake.predictionRows());
        log.put("new_outcomes", intake.outcomes());
        log.set("problems", strings(intake.problems()));
        ObjectNode window = report.putObject("window");
        window.put("spec", request.settings().window().describe());
        window.put("rows", state.window.size());
        window.put("labelled_rows", judgement.labelled());
        window.put("min_rows", request.settings().minRows());
        judgement.describe(report);
        if (server != null) {
            report.set("server", server.toJson());
        }
        state.history.add(judgement.historyEntry(state));
        Map<String, Path> plots = MonitorHistory.plots(state.history, request);
        ArrayNode plotList = report.putArray("plots");
        plots.keySet().forEach(plotList::add);
        // the report before the state: a run whose report failed is read again by the next run
        Reports.write(request.report(), report);
        state.write(request.state());
        return new Result(judgement.decision(), judgement.reasons(), notes, intake.problems(), intake.lines(),
                state.window.size(), judgement.labelled(), judgement.quality(), judgement.drift(),
                judgement.verdicts(), server, report, plots);
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode a = Reports.object().arrayNode();
        values.forEach(a::add);
        return a;
    }
}
