package io.ctkit.metrics;

import io.ctkit.model.Task;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The immutable result of evaluating one set of predictions: metric values (with bootstrap
 * intervals when requested), the confusion matrix for classifiers, and how it was computed.
 *
 * <p>Read values with {@link #asMap()}, {@link #get(Metric)} or the typed getters; the typed
 * getter of a metric that was not computed (e.g. {@link #f1()} of a multiclass evaluation)
 * throws IllegalStateException. {@link #toJson()} and {@link #fromJson(JsonNode)} write and
 * read the ctkit metrics report.
 */
public final class Evaluation {

    private final Task task;
    private final int rows;
    private final double threshold;
    private final Map<Metric, MetricValue> values;
    private final BootstrapConfig bootstrap;
    private final ConfusionMatrix confusionMatrix;

    Evaluation(Task task, int rows, double threshold, Map<Metric, MetricValue> values, BootstrapConfig bootstrap,
            ConfusionMatrix confusionMatrix) {
        this.task = Objects.requireNonNull(task, "task");
        if (rows < 1) {
            throw new IllegalArgumentException("an evaluation needs at least one row: " + rows);
        }
        this.rows = rows;
        this.threshold = task == Task.BINARY_CLASSIFICATION ? threshold : Double.NaN;
        EnumMap<Metric, MetricValue> copy = new EnumMap<>(Metric.class);
        for (Map.Entry<Metric, MetricValue> e : values.entrySet()) {
            if (!e.getKey().supports(task)) {
                throw new IllegalArgumentException("metric " + e.getKey().key() + " is not defined for " + task.shortName()
                        + " predictions");
            }
            copy.put(e.getKey(), Objects.requireNonNull(e.getValue(), e.getKey().key()));
        }
        this.values = Collections.unmodifiableMap(copy);
        this.bootstrap = bootstrap;
        this.confusionMatrix = confusionMatrix;
    }

    public Task task() {
        return task;
    }

    /** Number of rows evaluated. */
    public int rows() {
        return rows;
    }

    /** The decision threshold of a binary evaluation; empty for other tasks. */
    public OptionalDouble threshold() {
        return task == Task.BINARY_CLASSIFICATION ? OptionalDouble.of(threshold) : OptionalDouble.empty();
    }

    /** The bootstrap settings when intervals were computed. */
    public Optional<BootstrapConfig> bootstrap() {
        return Optional.ofNullable(bootstrap);
    }

    /** The confusion matrix (rows = true class) of a classification evaluation. */
    public Optional<ConfusionMatrix> confusionMatrix() {
        return Optional.ofNullable(confusionMatrix);
    }

    /** Every computed metric with its value and interval, in {@link Metric} order. */
    public Map<Metric, MetricValue> values() {
        return values;
    }

    /** Every computed metric's value (NaN when undefined), in {@link Metric} order. */
    public Map<Metric, Double> asMap() {
        EnumMap<Metric, Double> map = new EnumMap<>(Metric.class);
        values.forEach((metric, value) -> map.put(metric, value.value()));
        return Collections.unmodifiableMap(map);
    }

    public boolean has(Metric metric) {
        return values.containsKey(metric);
    }

    /** The value and interval of {@code metric}; throws IllegalStateException if it was not computed. */
    public MetricValue value(Metric metric) {
        MetricValue value = values.get(metric);
        if (value == null) {
            List<String> computed = values.keySet().stream().map(Metric::key).toList();
            throw new IllegalStateException("metric " + metric.key() + " was not computed for this " + task.shortName()
                    + " evaluation; computed: " + String.join(", ", computed));
        }
        return value;
    }

    /** The value of {@code metric} (NaN when undefined); throws IllegalStateException if it was not computed. */
    public double get(Metric metric) {
        return value(metric).value();
    }

    public double accuracy() {
        return get(Metric.ACCURACY);
    }

    public double balancedAccuracy() {
        return get(Metric.BALANCED_ACCURACY);
    }

    /** Binary only: precision of class 1. */
    public double precision() {
        return get(Metric.PRECISION);
    }

    /** Binary only: recall of class 1. */
    public double recall() {
        return get(Metric.RECALL);
    }

    /** Binary only: F1 of class 1. */
    public double f1() {
        return get(Metric.F1);
    }

    public double precisionMacro() {
        return get(Metric.PRECISION_MACRO);
    }

    public double recallMacro() {
        return get(Metric.RECALL_MACRO);
    }

    public double f1Macro() {
        return get(Metric.F1_MACRO);
    }

    public double f1Weighted() {
        return get(Metric.F1_WEIGHTED);
    }

    public double rocAuc() {
        return get(Metric.ROC_AUC);
    }

    public double averagePrecision() {
        return get(Metric.AVERAGE_PRECISION);
    }

    public double logLoss() {
        return get(Metric.LOG_LOSS);
    }

    public double brier() {
        return get(Metric.BRIER);
    }

    public double mcc() {
        return get(Metric.MCC);
    }

    public double rmse() {
        return get(Metric.RMSE);
    }

    public double mae() {
        return get(Metric.MAE);
    }

    public double r2() {
        return get(Metric.R2);
    }

    public double mape() {
        return get(Metric.MAPE);
    }

    public double medianAe() {
        return get(Metric.MEDIAN_AE);
    }

    /**
     * The metrics report: {@code {"task", "rows", "threshold"?, "metrics": {"<name>": {"value",
     * "ci_low"?, "ci_high"?, "ci_skipped"?, "reason"?}}, "bootstrap"?, "confusion_matrix"?}}.
     * JSON has no NaN: an undefined or non-finite value is written as {@code null} with a
     * {@code "reason"}.
     */
    public ObjectNode toJson() {
        return EvaluationJson.write(this);
    }

    /** Reads a report written by {@link #toJson()}; errors name the JSON path and the bad value. */
    public static Evaluation fromJson(JsonNode json) {
        return EvaluationJson.read(json);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Evaluation other && task == other.task && rows == other.rows
                && Double.compare(threshold, other.threshold) == 0 && values.equals(other.values)
                && Objects.equals(bootstrap, other.bootstrap) && Objects.equals(confusionMatrix, other.confusionMatrix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(task, rows, threshold, values, bootstrap, confusionMatrix);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Evaluation[").append(task.shortName()).append(", rows=").append(rows);
        values.forEach((metric, value) -> {
            out.append(", ").append(metric.key()).append('=').append(value.value());
            if (value.hasInterval()) {
                ConfidenceInterval ci = value.interval();
                out.append(" [").append(ci.low()).append(", ").append(ci.high()).append(']');
            }
        });
        return out.append(']').toString();
    }
}
