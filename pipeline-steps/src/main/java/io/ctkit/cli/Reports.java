package io.ctkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctkit.metrics.ConfidenceInterval;
import io.ctkit.metrics.Evaluation;
import io.ctkit.metrics.Metric;
import io.ctkit.metrics.MetricValue;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Writing JSON reports (the one way every report is written: {@link io.ctkit.quality.Reports}) and summaries. */
final class Reports {

    private Reports() {
    }

    static void write(Path out, JsonNode report) throws IOException {
        io.ctkit.quality.Reports.write(out, report);
    }

    /** One line per metric: {@code f1_macro  0.9421  (95% CI 0.8950–0.9800)}. */
    static void printMetrics(PrintWriter out, Evaluation evaluation) {
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
