package io.ctkit.cli;

import io.ctkit.registry.MetricEstimate;
import io.ctkit.registry.ModelVersion;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Two versions' recorded metrics side by side. The difference is second minus first; whether the
 * confidence intervals overlap is a quick (conservative) hint only, a paired comparison on the
 * same holdout data is the real test (the gate does that).
 *
 * @param rows one per metric either version has, sorted by name
 */
record VersionComparison(String first, String second, List<Row> rows) {

    /**
     * @param first null when the first version has no such metric
     * @param difference NaN when either value is missing or undefined
     * @param intervalsOverlap null when either interval is missing
     */
    record Row(String metric, MetricEstimate first, MetricEstimate second, double difference, Boolean intervalsOverlap) {
    }

    static VersionComparison of(ModelVersion a, Map<String, MetricEstimate> ma, ModelVersion b,
            Map<String, MetricEstimate> mb) {
        List<Row> rows = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(ma.keySet());
        names.addAll(mb.keySet());
        for (String name : names) {
            MetricEstimate x = ma.get(name);
            MetricEstimate y = mb.get(name);
            double diff = x == null || y == null ? Double.NaN : y.value() - x.value();
            Boolean overlap = x == null || y == null || !x.hasInterval() || !y.hasInterval() ? null
                    : x.ciLow() <= y.ciHigh() && y.ciLow() <= x.ciHigh();
            rows.add(new Row(name, x, y, diff, overlap));
        }
        return new VersionComparison(a.reference(), b.reference(), rows);
    }

    void print(PrintWriter out) {
        String format = "%-20s %-28s %-28s %-12s %s%n";
        out.printf(format, "metric", first, second, "difference", "intervals");
        for (Row r : rows) {
            out.printf(format, r.metric(), cell(r.first()), cell(r.second()),
                    Double.isNaN(r.difference()) ? "-" : String.format(Locale.ROOT, "%+.4f", r.difference()),
                    r.intervalsOverlap() == null ? "-" : r.intervalsOverlap() ? "overlap" : "apart");
        }
        if (rows.isEmpty()) {
            out.println("(neither version has recorded metrics; register with --metrics)");
        }
    }

    private static String cell(MetricEstimate m) {
        return m == null ? "-" : m.display();
    }
}
