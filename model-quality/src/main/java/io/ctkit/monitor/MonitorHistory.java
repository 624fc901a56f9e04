package io.ctkit.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.files.AtomicFiles;
import io.ctkit.plots.HistoryPlots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plots of the monitor's recorded runs, beside its report: {@code monitor-metrics.png} (each
 * floored metric and its interval's ends per run, the floors dashed) and {@code monitor-drift.png}
 * (each input's PSI per run, the PSI threshold dashed). The x axis is the time of each run's newest
 * log record.
 */
final class MonitorHistory {

    static final String METRICS = "monitor-metrics.png";
    static final String DRIFT = "monitor-drift.png";

    private MonitorHistory() {
    }

    static Map<String, Path> plots(List<ObjectNode> history, MonitorStep.Request request) throws IOException {
        Map<String, Path> written = new LinkedHashMap<>();
        long first = history.stream().mapToLong(h -> h.path("time").asLong()).filter(t -> t > 0).min().orElse(0);
        List<HistoryPlots.Line> metricLines = new ArrayList<>();
        List<HistoryPlots.Line> floors = new ArrayList<>();
        for (MonitorSettings.Floor floor : request.settings().floors()) {
            String key = floor.metric().key();
            metricLines.add(line(key, history, first, h -> h.path("metrics").path(key).path("value")));
            metricLines.add(line(key + " CI low", history, first, h -> h.path("metrics").path(key).path("ci_low")));
            metricLines.add(line(key + " CI high", history, first, h -> h.path("metrics").path(key).path("ci_high")));
            floors.add(constant(floor.describe(), floor.bound(), history, first));
        }
        metricLines.removeIf(l -> l.x().length == 0);
        if (!metricLines.isEmpty()) {
            written.put(METRICS, write(request.sibling(METRICS),
                    HistoryPlots.overTime("Live metrics per monitor run", "metric", metricLines, floors)));
        }
        Set<String> features = new LinkedHashSet<>();
        history.forEach(h -> h.path("psi").fieldNames().forEachRemaining(features::add));
        List<HistoryPlots.Line> psi = new ArrayList<>();
        for (String f : features) {
            psi.add(line(f, history, first, h -> h.path("psi").path(f)));
        }
        if (!psi.isEmpty()) {
            written.put(DRIFT, write(request.sibling(DRIFT), HistoryPlots.overTime("Input drift per monitor run (PSI)",
                    "PSI vs training data", psi, List.of(constant("psi threshold " + request.settings().drift().maxPsi(),
                            request.settings().drift().maxPsi(), history, first)))));
        }
        return written;
    }

    private static HistoryPlots.Line line(String name, List<ObjectNode> history, long first,
            java.util.function.Function<ObjectNode, JsonNode> value) {
        List<double[]> points = new ArrayList<>();
        for (Iterator<ObjectNode> it = history.iterator(); it.hasNext(); ) {
            ObjectNode h = it.next();
            JsonNode v = value.apply(h);
            if (v.isNumber() && h.path("time").asLong() > 0) {
                points.add(new double[] {hours(h.path("time").asLong(), first), v.doubleValue()});
            }
        }
        return new HistoryPlots.Line(name, points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray());
    }

    private static HistoryPlots.Line constant(String name, double value, List<ObjectNode> history, long first) {
        long last = history.stream().mapToLong(h -> h.path("time").asLong()).max().orElse(first);
        double end = Math.max(hours(last, first), 1e-3);
        return new HistoryPlots.Line(name, new double[] {0, end}, new double[] {value, value});
    }

    private static double hours(long millis, long first) {
        return (millis - first) / 3_600_000.0;
    }

    private static Path write(Path file, byte[] png) throws IOException {
        AtomicFiles.write(file, png);
        return file;
    }
}
