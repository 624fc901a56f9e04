package io.ctkit.cli;

import io.ctkit.metrics.ConfidenceInterval;
import io.ctkit.metrics.Evaluation;
import io.ctkit.metrics.Metric;
import io.ctkit.metrics.MetricValue;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** The metrics of an evaluation as the CLI prints them (reports are written by {@link io.ctkit.quality.Reports}). */
final class MetricLines {

    private MetricLines() {
    }

    /** One line per metric: {@code f1_macro  0.9421  (95% CI 0.8950–0.9800)}. */
    static void print(PrintWriter out, Evaluation evaluation) {
        for (Map.Entry<Metric, MetricValue> e : evaluation.values().entrySet()) {
            MetricValue v = e.getValue();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-18s ", e.getKey().key()));
            if (!v.isDefined()) {
                line.append("undefined (").append(e.getKey().undefinedReason()).append(')');
            } else {
                line.append(String.format(Locale.ROOT, "%.4f", v.value()));
                ConfidenceInterval ci = v.interval();
                if (ci != null && Double.isFinite(ci.low())) {
                    line.append(String.format(Locale.ROOT, "  (%s%% CI %.4f–%.4f)",
                            trim(ci.level() * 100), ci.low(), ci.high()));
                }
            }
            out.println(line);
        }
        out.flush();
    }

    private static String trim(double percent) {
        return percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent);
    }
}
