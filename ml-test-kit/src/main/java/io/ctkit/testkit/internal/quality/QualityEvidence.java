package io.ctkit.testkit.internal.quality;

import io.ctkit.gate.Numbers;
import io.ctkit.metrics.ConfidenceInterval;
import io.ctkit.metrics.Evaluation;
import io.ctkit.testkit.ModelEvaluation;
import io.ctkit.testkit.internal.Evidence;
import java.util.Locale;
import java.util.Map;

/** The evidence of a quality test in Allure: the metrics table with intervals and the evaluation plots. */
final class QualityEvidence {

    private QualityEvidence() {
    }

    /** Attaches {@code evaluation}'s metrics as CSV and its plots as PNG, named by {@code role}. */
    static void attach(ModelEvaluation evaluation, String role) {
        if (!Evidence.recorded()) {
            return;
        }
        if (!evaluation.exists()) {
            Evidence.text(role, "text/plain", "txt", evaluation.description());
            return;
        }
        Evidence.text(role + " metrics (" + evaluation.description() + ")", "text/csv", "csv",
                metricsCsv(evaluation.evaluation()));
        for (Map.Entry<String, byte[]> plot : evaluation.plots().entrySet()) {
            Evidence.bytes(role + " " + plot.getKey(), "image/png", "png", plot.getValue());
        }
    }

    /** {@code metric,value,ci_low,ci_high,level,rows}: one line per metric, intervals empty when none. */
    static String metricsCsv(Evaluation evaluation) {
        StringBuilder csv = new StringBuilder("metric,value,ci_low,ci_high,level,rows\n");
        evaluation.values().forEach((metric, value) -> {
            ConfidenceInterval ci = value.interval();
            csv.append(metric.key()).append(',').append(Numbers.format(value.value())).append(',')
                    .append(ci == null ? "" : Numbers.format(ci.low())).append(',')
                    .append(ci == null ? "" : Numbers.format(ci.high())).append(',')
                    .append(ci == null ? "" : String.format(Locale.ROOT, "%s", ci.level())).append(',')
                    .append(evaluation.rows()).append('\n');
        });
        return csv.toString();
    }
}
