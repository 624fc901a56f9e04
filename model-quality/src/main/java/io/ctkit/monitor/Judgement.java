package io.ctkit.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.drift.DriftOptions;
import io.ctkit.drift.DriftReport;
import io.ctkit.drift.DriftStatistics;
import io.ctkit.drift.DriftVerdict;
import io.ctkit.metrics.Evaluation;
import io.ctkit.metrics.MetricValue;
import io.ctkit.metrics.Predictions;
import io.ctkit.model.Model;
import io.ctkit.model.Task;
import io.ctkit.model.preprocess.InputSpec;
import io.ctkit.quality.Reports;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The monitor's judgement of one window: live metrics of the rows with feedback against the
 * floors, drift of every input with a reference against the thresholds, and the decision (the
 * worst finding). The rule is in docs/monitor.md.
 */
record Judgement(MonitorStep.Decision decision, List<String> reasons, List<String> notes, int labelled,
        Evaluation quality, List<DriftReport> drift, List<DriftVerdict> verdicts, MonitorSettings settings) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Judgement of(Model model, DriftReference reference, MonitorState state, MonitorSettings settings) {
        List<String> reasons = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        MonitorStep.Decision decision = MonitorStep.Decision.OK;
        List<WindowRow> labelled = state.window.values().stream().filter(r -> r.outcome() != null).toList();
        Evaluation quality = null;
        if (labelled.isEmpty()) {
            notes.add("no feedback for the " + state.window.size() + " rows in the window: quality not judged");
        } else if (labelled.size() < settings.minRows()) {
            notes.add(labelled.size() + " rows with feedback in the window, fewer than min_rows "
                    + settings.minRows() + ": quality not judged");
        } else {
            quality = settings.evaluator().evaluate(predictions(model, labelled));
            for (MonitorSettings.Floor floor : settings.floors()) {
                MetricValue v = quality.value(floor.metric());
                if (!v.isDefined()) {
                    notes.add(floor.metric().key() + " is undefined on the window's rows (" + floor.metric().undefinedReason()
                            + "): its floor is not judged");
                    continue;
                }
                if (floor.holds(v.value())) {
                    continue;
                }
                // the interval's end nearest the good side: past the floor too means the whole interval is
                double best = !v.hasInterval() ? v.value() : floor.min() != null ? v.interval().high() : v.interval().low();
                boolean certain = !floor.holds(best);
                String text = String.format(Locale.ROOT, "%s %.4f%s is past its floor (%s) on %d rows with feedback%s",
                        floor.metric().key(), v.value(), interval(v), floor.describe(), labelled.size(),
                        certain ? (v.hasInterval() ? ", with its whole interval" : "") : ", but its interval still reaches it");
                reasons.add(text);
                decision = worse(decision, certain ? MonitorStep.Decision.RETRAIN : MonitorStep.Decision.DEGRADED);
            }
        }
        List<DriftReport> drift = new ArrayList<>();
        List<DriftVerdict> verdicts = new ArrayList<>();
        if (reference == null) {
            notes.add("the bundle has no " + DriftReference.FILE + " (trained before ctkit stored one): drift not judged;"
                    + " retrain with this ctkit to get one");
        } else if (state.window.size() < settings.minRows()) {
            notes.add(state.window.size() + " rows in the window, fewer than min_rows " + settings.minRows()
                    + ": drift not judged");
        } else {
            List<InputSpec> inputs = model.definition().inputs();
            for (int i = 0; i < inputs.size(); i++) {
                DriftReference.Feature ref = reference.feature(inputs.get(i).name());
                if (ref == null || (ref.numeric() ? ref.sample().length == 0 : ref.counts().isEmpty())) {
                    continue;
                }
                DriftReport report = drift(ref, i, state);
                if (report == null) {
                    notes.add(ref.name() + ": every value in the window is missing: drift not judged");
                    continue;
                }
                DriftVerdict verdict = settings.drift().evaluate(report);
                drift.add(report);
                verdicts.add(verdict);
                if (verdict.drift()) {
                    reasons.add(ref.name() + " drifted from the training data: " + String.join("; ", verdict.reasons()));
                    decision = worse(decision, MonitorStep.Decision.RETRAIN);
                }
            }
        }
        return new Judgement(decision, reasons, notes, labelled.size(), quality, drift, verdicts, settings);
    }

    private static DriftReport drift(DriftReference.Feature ref, int column, MonitorState state) {
        if (ref.numeric()) {
            double[] current = state.window.values().stream().map(r -> r.inputs()[column])
                    .filter(v -> v instanceof Double d && Double.isFinite(d)).mapToDouble(v -> (Double) v).toArray();
            return current.length == 0 ? null
                    : DriftStatistics.numeric(ref.name(), ref.sample(), current, DriftOptions.defaults());
        }
        String[] current = state.window.values().stream().map(r -> r.inputs()[column])
                .filter(v -> v instanceof String s && !s.isEmpty()).toArray(String[]::new);
        return current.length == 0 ? null
                : DriftStatistics.categorical(ref.name(), ref.categories(), current, DriftOptions.defaults());
    }

    /** The rows with feedback as the metrics code takes them. */
    static Predictions predictions(Model model, List<WindowRow> rows) {
        int n = rows.size();
        if (model.task() == Task.REGRESSION) {
            double[] actual = new double[n];
            double[] predicted = new double[n];
            for (int i = 0; i < n; i++) {
                actual[i] = (Double) rows.get(i).outcome();
                predicted[i] = rows.get(i).output()[0];
            }
            return Predictions.regression(actual, predicted);
        }
        int[] labels = new int[n];
        double[][] probabilities = new double[n][];
        for (int i = 0; i < n; i++) {
            labels[i] = model.labels().indexOf((String) rows.get(i).outcome());
            probabilities[i] = rows.get(i).output();
        }
        if (model.task() == Task.BINARY_CLASSIFICATION) {
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                scores[i] = probabilities[i][1];
            }
            return Predictions.binary(labels, scores);
        }
        return Predictions.multiclass(labels, probabilities);
    }

    private static MonitorStep.Decision worse(MonitorStep.Decision a, MonitorStep.Decision b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String interval(MetricValue v) {
        return v.hasInterval() ? String.format(Locale.ROOT, " (%.0f%% CI %.4f to %.4f)", v.interval().level() * 100,
                v.interval().low(), v.interval().high()) : "";
    }

    /** Adds {@code quality} and {@code drift} to the report. */
    void describe(ObjectNode report) {
        if (quality != null) {
            ObjectNode q = quality.toJson();
            report.set("quality", q);
            ArrayNode floors = q.putArray("floors");
            settings.floors().forEach(f -> floors.add(f.describe()));
        }
        ObjectNode d = report.putObject("drift");
        d.set("features", JSON.valueToTree(drift));
        d.set("verdicts", JSON.valueToTree(verdicts));
    }

    /** This run for the history: time of the newest row, rows, metric values and each input's PSI. */
    ObjectNode historyEntry(MonitorState state) {
        ObjectNode h = Reports.object();
        h.put("time", state.window.values().stream().mapToLong(WindowRow::timeMillis).max().orElse(0));
        h.put("rows", state.window.size());
        h.put("labelled_rows", labelled);
        h.put("decision", decision.jsonName());
        ObjectNode metrics = h.putObject("metrics");
        if (quality != null) {
            for (MonitorSettings.Floor floor : settings.floors()) {
                MetricValue v = quality.value(floor.metric());
                if (v.isDefined()) {
                    ObjectNode m = metrics.putObject(floor.metric().key()).put("value", v.value());
                    if (v.hasInterval()) {
                        m.put("ci_low", v.interval().low()).put("ci_high", v.interval().high());
                    }
                }
            }
        }
        ObjectNode psi = h.putObject("psi");
        drift.forEach(r -> psi.put(r.feature(), r.psi().statistic()));
        return h;
    }
}
