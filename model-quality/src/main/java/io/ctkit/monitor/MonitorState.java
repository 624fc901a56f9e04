package io.ctkit.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.quality.Reports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the monitor keeps between runs, in {@code monitor-state.json} beside its report (format
 * {@code ctkit-monitor-state/1}): a cursor per log file, the rows of the current window with the
 * outcomes joined so far, outcomes that arrived before their prediction, and the history of past
 * runs that the plots show. Kept in a file, not the registry, so a monitor needs nothing but the
 * log directory and a place for its report; the state belongs to that report's directory.
 */
final class MonitorState {

    static final String FILE = "monitor-state.json";
    static final String FORMAT = "ctkit-monitor-state/1";
    /** Runs kept for the plots; older runs are dropped. */
    static final int HISTORY = 500;

    private static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, LogReader.Cursor> cursors = new LinkedHashMap<>();
    final LinkedHashMap<String, WindowRow> window = new LinkedHashMap<>();
    /** Outcomes whose prediction was not read yet, by row key. */
    final LinkedHashMap<String, Object> early = new LinkedHashMap<>();
    final List<ObjectNode> history = new ArrayList<>();
    String modelDigest;
    /** The server's request count at the previous {@code /metrics} scrape, and when (-1: none yet). */
    long lastScrapeRequests = -1;
    long lastScrapeMillis = -1;

    static MonitorState read(Path file) throws IOException {
        MonitorState s = new MonitorState();
        if (!Files.exists(file)) {
            return s;
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": monitor state is not valid JSON (" + e.getMessage()
                    + "); delete it to start monitoring afresh (the whole log is then read again)");
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(file + ": not a monitor state (format " + FORMAT + "); give another"
                    + " --state file or delete this one");
        }
        s.modelDigest = root.path("model_digest").asText(null);
        s.lastScrapeRequests = root.path("last_scrape").path("requests").asLong(-1);
        s.lastScrapeMillis = root.path("last_scrape").path("time").asLong(-1);
        for (JsonNode c : root.path("cursors")) {
            s.cursors.put(c.path("key").asText(), new LogReader.Cursor(c.path("file").asText(),
                    c.path("offset").asLong(), c.path("lines").asLong()));
        }
        for (JsonNode r : root.path("window")) {
            Object[] inputs = new Object[r.path("inputs").size()];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = value(r.path("inputs").get(i));
            }
            double[] output = new double[r.path("output").size()];
            for (int i = 0; i < output.length; i++) {
                output[i] = r.path("output").get(i).doubleValue();
            }
            WindowRow row = new WindowRow(r.path("id").asText(), r.path("row").asInt(), r.path("time").asLong(), inputs,
                    output, value(r.path("outcome")));
            s.window.put(row.key(), row);
        }
        root.path("early").fields().forEachRemaining(e -> s.early.put(e.getKey(), value(e.getValue())));
        for (JsonNode h : root.path("history")) {
            s.history.add((ObjectNode) h);
        }
        return s;
    }

    void write(Path file) throws IOException {
        ObjectNode root = Reports.object();
        root.put("format", FORMAT);
        root.put("model_digest", modelDigest);
        root.putObject("last_scrape").put("requests", lastScrapeRequests).put("time", lastScrapeMillis);
        ArrayNode c = root.putArray("cursors");
        cursors.forEach((key, cursor) -> c.addObject().put("key", key).put("file", cursor.file())
                .put("offset", cursor.offset()).put("lines", cursor.lines()));
        ArrayNode w = root.putArray("window");
        for (WindowRow row : window.values()) {
            ObjectNode r = w.addObject().put("id", row.id()).put("row", row.row()).put("time", row.timeMillis());
            ArrayNode in = r.putArray("inputs");
            for (Object v : row.inputs()) {
                add(in, v);
            }
            ArrayNode out = r.putArray("output");
            for (double v : row.output()) {
                out.add(v);
            }
            if (row.outcome() != null) {
                r.set("outcome", row.outcome() instanceof Double d ? JSON.getNodeFactory().numberNode(d)
                        : JSON.getNodeFactory().textNode((String) row.outcome()));
            }
        }
        ObjectNode e = root.putObject("early");
        early.forEach((key, v) -> {
            if (v instanceof Double d) {
                e.put(key, d);
            } else {
                e.put(key, (String) v);
            }
        });
        root.putArray("history").addAll(history);
        // the compact form: a window of many rows would be several times larger indented
        io.ctkit.files.AtomicFiles.write(file, JSON.writeValueAsBytes(root));
    }

    /** Adds a prediction row, joining an outcome that arrived before it. */
    void add(WindowRow row) {
        Object outcome = early.remove(row.key());
        window.remove(row.key());
        window.put(row.key(), outcome == null ? row : row.withOutcome(outcome));
    }

    /** Joins an outcome to its row; true when the row is in the window, else it waits for its prediction. */
    boolean join(LogRecords.Outcome outcome) {
        String key = WindowRow.key(outcome.id(), outcome.row());
        WindowRow row = window.get(key);
        if (row == null) {
            early.put(key, outcome.value());
            return false;
        }
        window.put(key, row.withOutcome(outcome.value()));
        return true;
    }

    /** Keeps the window's rows (and at most as many early outcomes, the newest); returns the rows dropped. */
    int trim(MonitorSettings.Window spec) {
        int dropped = 0;
        if (spec.rows() > 0) {
            Iterator<WindowRow> it = window.values().iterator();
            while (window.size() > spec.rows() && it.hasNext()) {
                it.next();
                it.remove();
                dropped++;
            }
        } else {
            long newest = window.values().stream().mapToLong(WindowRow::timeMillis).max().orElse(0);
            long from = newest - spec.duration().toMillis();
            Iterator<WindowRow> it = window.values().iterator();
            while (it.hasNext()) {
                if (it.next().timeMillis() < from) {
                    it.remove();
                    dropped++;
                }
            }
        }
        int keep = Math.max(window.size(), spec.rows());
        Iterator<String> it = early.keySet().iterator();
        while (early.size() > keep && it.hasNext()) {
            it.next();
            it.remove();
        }
        while (history.size() > HISTORY) {
            history.remove(0);
        }
        return dropped;
    }

    private static Object value(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        return v.isNumber() ? (Object) v.doubleValue() : v.asText();
    }

    private static void add(ArrayNode array, Object v) {
        if (v == null) {
            array.addNull();
        } else if (v instanceof Double d) {
            array.add(d);
        } else {
            array.add((String) v);
        }
    }
}
