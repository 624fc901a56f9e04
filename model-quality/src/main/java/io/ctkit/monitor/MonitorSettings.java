package io.ctkit.monitor;

import io.ctkit.config.ConfigNode;
import io.ctkit.config.Durations;
import io.ctkit.drift.DriftThresholds;
import io.ctkit.metrics.BootstrapConfig;
import io.ctkit.metrics.Evaluator;
import io.ctkit.metrics.Metric;
import io.ctkit.model.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the monitor judges and how: the window of rows, the smallest number of rows before it
 * judges, the bootstrap behind the metrics' intervals, the metric floors (a minimum for metrics
 * where higher is better, a maximum for errors) and the drift thresholds. The {@code monitor:}
 * section of ctkit.yaml, or a settings file given to {@code ctkit monitor --settings}; the keys
 * are in docs/monitor.md.
 *
 * @param window    the rows judged: the newest {@code rows}, or those within {@code duration} of the newest
 * @param minRows   rows with feedback needed before quality is judged, and rows before drift is judged
 * @param bootstrap the metrics' confidence intervals (resamples, level, seed)
 * @param threshold binary: class 1 when its probability is at least this
 * @param floors    the bounds on live metrics
 * @param drift     the drift thresholds per statistic
 */
public record MonitorSettings(Window window, int minRows, BootstrapConfig bootstrap, double threshold,
        List<Floor> floors, DriftThresholds drift) {

    /** The keys of the {@code monitor:} section. */
    public static final Set<String> KEYS = Set.of("window", "min_rows", "bootstrap", "confidence", "seed",
            "decision_threshold", "floors", "drift");
    private static final Set<String> FLOOR_KEYS = Set.of("metric", "min", "max");
    private static final Set<String> DRIFT_KEYS = Set.of("psi", "ks_p_value", "chi_square_p_value");

    /**
     * The window: {@code rows > 0} for the newest rows, else {@code duration} back from the newest record.
     *
     * @param rows     rows kept, or 0 for a time window
     * @param duration the time window, or null for a window of rows
     */
    public record Window(int rows, Duration duration) {
        public Window {
            if ((rows > 0) == (duration != null)) {
                throw new IllegalArgumentException("a window is either a number of rows or a duration, not both");
            }
            if (duration != null && (duration.isNegative() || duration.isZero())) {
                throw new IllegalArgumentException("a window's duration must be positive: " + duration);
            }
        }

        /** The newest {@code n} rows. */
        public static Window rows(int n) {
            return new Window(n, null);
        }

        /** The rows within {@code d} of the newest one. */
        public static Window duration(Duration d) {
            return new Window(0, Objects.requireNonNull(d, "duration"));
        }

        /** As written in the settings: {@code 5000 rows}, {@code 24h}. */
        public String describe() {
            return rows > 0 ? rows + " rows" : duration.toString().substring(2).toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A bound on a live metric: exactly one of {@code min} and {@code max}.
     *
     * @param metric the metric
     * @param min    the lowest acceptable value, or null
     * @param max    the highest acceptable value, or null
     */
    public record Floor(Metric metric, Double min, Double max) {
        public Floor {
            Objects.requireNonNull(metric, "metric");
            if ((min == null) == (max == null)) {
                throw new IllegalArgumentException("a floor on " + metric.key() + " needs exactly one of min and max");
            }
        }

        /** The bound's value. */
        public double bound() {
            return min != null ? min : max;
        }

        /** Whether {@code value} is on the right side of the bound. */
        public boolean holds(double value) {
            return min != null ? value >= min : value <= max;
        }

        /** {@code accuracy >= 0.8}. */
        public String describe() {
            return metric.key() + (min != null ? " >= " + min : " <= " + max);
        }
    }

    public MonitorSettings {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(drift, "drift");
        if (minRows < 1) {
            throw new IllegalArgumentException("min_rows must be at least 1, got " + minRows);
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("decision_threshold must be between 0 and 1, got " + threshold);
        }
        floors = List.copyOf(floors);
    }

    /** A window of 10 000 rows, 100 rows before judging, 1000 resamples at 95 %, no floors, the drift defaults. */
    public static MonitorSettings defaults() {
        return new MonitorSettings(Window.rows(10_000), 100, BootstrapConfig.defaults(), 0.5, List.of(),
                DriftThresholds.defaults());
    }

    public MonitorSettings withWindow(Window w) {
        return new MonitorSettings(w, minRows, bootstrap, threshold, floors, drift);
    }

    public MonitorSettings withMinRows(int n) {
        return new MonitorSettings(window, n, bootstrap, threshold, floors, drift);
    }

    public MonitorSettings withFloors(List<Floor> f) {
        return new MonitorSettings(window, minRows, bootstrap, threshold, f, drift);
    }

    public MonitorSettings withBootstrap(BootstrapConfig b) {
        return new MonitorSettings(window, minRows, b, threshold, floors, drift);
    }

    /**
     * Reads the section (or a settings file's root). Unknown keys, bad values and unknown metrics
     * are errors naming the file, line and path.
     */
    public static MonitorSettings read(ConfigNode node) {
        node.requireObject(KEYS);
        MonitorSettings d = defaults();
        Window window = node.optional("window").map(MonitorSettings::window).orElse(d.window());
        BootstrapConfig bootstrap = new BootstrapConfig(
                node.optional("bootstrap").map(ConfigNode::positiveInt).orElse(BootstrapConfig.DEFAULT_RESAMPLES),
                node.optional("confidence").map(ConfigNode::openFraction).orElse(BootstrapConfig.DEFAULT_LEVEL),
                node.optional("seed").map(ConfigNode::anyLong).orElse(BootstrapConfig.DEFAULT_SEED));
        List<Floor> floors = new ArrayList<>();
        for (ConfigNode f : node.optional("floors").map(ConfigNode::list).orElse(List.of())) {
            f.requireObject(FLOOR_KEYS);
            String key = f.required("metric").string();
            Metric metric;
            try {
                metric = Metric.fromKey(key);
            } catch (IllegalArgumentException e) {
                throw f.get("metric").error(e.getMessage() + ConfigNode.suggestion(key,
                        java.util.Arrays.stream(Metric.values()).map(Metric::key).toList()));
            }
            Double min = f.optional("min").map(ConfigNode::number).orElse(null);
            Double max = f.optional("max").map(ConfigNode::number).orElse(null);
            if ((min == null) == (max == null)) {
                throw f.error("give exactly one of min and max for " + metric.key() + " (min for a score, max for"
                        + " an error such as rmse)");
            }
            floors.add(new Floor(metric, min, max));
        }
        DriftThresholds drift = d.drift();
        if (node.has("drift")) {
            ConfigNode n = node.get("drift").requireObject(DRIFT_KEYS);
            drift = new DriftThresholds(
                    n.optional("psi").map(v -> v.numberIn(0, false, Double.POSITIVE_INFINITY, false)).orElse(drift.maxPsi()),
                    n.optional("ks_p_value").map(ConfigNode::fraction).orElse(drift.minKsPValue()),
                    n.optional("chi_square_p_value").map(ConfigNode::fraction).orElse(drift.minChiSquarePValue()));
        }
        return new MonitorSettings(window,
                node.optional("min_rows").map(ConfigNode::positiveInt).orElse(d.minRows()), bootstrap,
                node.optional("decision_threshold").map(ConfigNode::fraction).orElse(d.threshold()), floors, drift);
    }

    /**
     * Checks the floors against the model's task; {@code node} (the section, or null) places the error.
     *
     * @throws IllegalArgumentException (a {@link io.ctkit.config.ConfigException} when node is given)
     */
    public void checkTask(Task task, ConfigNode node) {
        for (int i = 0; i < floors.size(); i++) {
            Metric m = floors.get(i).metric();
            if (!m.supports(task)) {
                String problem = m.key() + " is not defined for " + task.shortName() + " models; choose one of "
                        + String.join(", ", Metric.forTask(task).stream().map(Metric::key).toList());
                if (node != null && node.get("floors").raw().isArray()) {
                    throw node.get("floors").list().get(i).get("metric").error(problem);
                }
                throw new IllegalArgumentException("monitor floors: " + problem);
            }
        }
    }

    /** The evaluator for the live metrics. */
    Evaluator evaluator() {
        return Evaluator.create().withThreshold(threshold).withBootstrap(bootstrap);
    }

    private static Window window(ConfigNode n) {
        if (n.raw().isInt()) {
            return Window.rows(n.positiveInt());
        }
        if (n.raw().isTextual()) {
            Optional<Duration> d = Durations.parse(n.raw().asText());
            if (d.isPresent()) {
                return Window.duration(d.get());
            }
        }
        throw n.error("expected a number of rows (e.g. 5000) or a duration (e.g. 90m, 24h, 7d), got "
                + ConfigNode.describe(n.raw()));
    }
}
