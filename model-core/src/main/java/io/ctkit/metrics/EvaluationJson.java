package io.ctkit.metrics;

import io.ctkit.model.Task;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;

/** The metrics report format; see {@link Evaluation#toJson()}. */
final class EvaluationJson {

    static final String BOOTSTRAP_METHOD = "percentile";

    private EvaluationJson() {
    }

    static ObjectNode write(Evaluation evaluation) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("task", evaluation.task().shortName());
        root.put("rows", evaluation.rows());
        evaluation.threshold().ifPresent(t -> root.put("threshold", t));
        ObjectNode metrics = root.putObject("metrics");
        evaluation.values().forEach((metric, value) -> metrics.set(metric.key(), writeValue(metric, value)));
        evaluation.bootstrap().ifPresent(config -> {
            ObjectNode bootstrap = root.putObject("bootstrap");
            bootstrap.put("method", BOOTSTRAP_METHOD);
            bootstrap.put("resamples", config.resamples());
            bootstrap.put("level", config.level());
            bootstrap.put("seed", config.seed());
        });
        evaluation.confusionMatrix().ifPresent(matrix -> {
            ArrayNode rows = root.putArray("confusion_matrix");
            for (long[] row : matrix.toArray()) {
                ArrayNode out = rows.addArray();
                for (long count : row) {
                    out.add(count);
                }
            }
        });
        return root;
    }

    private static ObjectNode writeValue(Metric metric, MetricValue value) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        putNumber(node, "value", value.value());
        if (value.hasInterval()) {
            putNumber(node, "ci_low", value.interval().low());
            putNumber(node, "ci_high", value.interval().high());
            node.put("ci_skipped", value.interval().skipped());
        }
        if (Double.isNaN(value.value())) {
            node.put("reason", metric.undefinedReason());
        } else if (Double.isInfinite(value.value())) {
            node.put("reason", "not finite: " + value.value());
        }
        return node;
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    static Evaluation read(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("metrics report: expected a JSON object, got " + describe(root));
        }
        Task task;
        try {
            task = Task.parse(requiredText(root, "task", "task"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("task: " + e.getMessage(), e);
        }
        int rows = requiredInt(root, "rows", "rows");
        if (rows < 1) {
            throw new IllegalArgumentException("rows: an evaluation needs at least one row, got " + rows);
        }
        double threshold = Double.NaN;
        if (task == Task.BINARY_CLASSIFICATION) {
            JsonNode t = root.get("threshold");
            threshold = t == null ? Evaluator.DEFAULT_THRESHOLD : number(t, "threshold");
            if (!(threshold >= 0 && threshold <= 1)) {
                throw new IllegalArgumentException("threshold: expected a number in [0, 1], got " + describe(t));
            }
        }
        BootstrapConfig bootstrap = readBootstrap(root.get("bootstrap"));
        JsonNode metricsNode = root.get("metrics");
        if (metricsNode == null || !metricsNode.isObject()) {
            throw new IllegalArgumentException("metrics: expected an object of metric name to value, got "
                    + describe(metricsNode));
        }
        Map<Metric, MetricValue> values = new EnumMap<>(Metric.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = metricsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = "metrics." + entry.getKey();
            Metric metric;
            try {
                metric = Metric.fromKey(entry.getKey());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
            }
            if (!metric.supports(task)) {
                throw new IllegalArgumentException(path + ": metric " + metric.key() + " is not defined for "
                        + task.shortName() + " predictions");
            }
            values.put(metric, readValue(entry.getValue(), path, bootstrap));
        }
        return new Evaluation(task, rows, threshold, values, bootstrap, readConfusion(root.get("confusion_matrix")));
    }

    private static MetricValue readValue(JsonNode node, String path, BootstrapConfig bootstrap) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(path + ": expected an object like {\"value\": 0.9}, got "
                    + describe(node));
        }
        if (!node.has("value")) {
            throw new IllegalArgumentException(path + ": missing \"value\" (a number, or null when undefined)");
        }
        double value = number(node.get("value"), path + ".value");
        boolean hasLow = node.has("ci_low");
        if (hasLow != node.has("ci_high")) {
            throw new IllegalArgumentException(path + ": ci_low and ci_high must be given together");
        }
        if (!hasLow) {
            return new MetricValue(value, null);
        }
        if (bootstrap == null) {
            throw new IllegalArgumentException(path + " has ci_low/ci_high but the report has no \"bootstrap\" object"
                    + " giving the level and number of resamples");
        }
        JsonNode skippedNode = node.get("ci_skipped");
        int skipped = skippedNode == null ? 0 : requiredInt(node, "ci_skipped", path + ".ci_skipped");
        try {
            return new MetricValue(value, new ConfidenceInterval(number(node.get("ci_low"), path + ".ci_low"),
                    number(node.get("ci_high"), path + ".ci_high"), bootstrap.level(), bootstrap.resamples(), skipped));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    private static BootstrapConfig readBootstrap(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("bootstrap: expected an object, got " + describe(node));
        }
        JsonNode method = node.get("method");
        if (method != null && !BOOTSTRAP_METHOD.equals(method.asText())) {
            throw new IllegalArgumentException("bootstrap.method: only \"" + BOOTSTRAP_METHOD
                    + "\" intervals are supported, got " + describe(method));
        }
        JsonNode seed = node.get("seed");
        if (seed == null || !seed.canConvertToLong() || !seed.isIntegralNumber()) {
            throw new IllegalArgumentException("bootstrap.seed: expected an integer, got " + describe(seed));
        }
        int resamples = requiredInt(node, "resamples", "bootstrap.resamples");
        double level = number(node.get("level"), "bootstrap.level");
        try {
            return new BootstrapConfig(resamples, level, seed.longValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bootstrap: " + e.getMessage(), e);
        }
    }

    private static ConfusionMatrix readConfusion(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("confusion_matrix: expected an array of rows, got " + describe(node));
        }
        long[][] counts = new long[node.size()][];
        for (int t = 0; t < counts.length; t++) {
            JsonNode row = node.get(t);
            if (!row.isArray()) {
                throw new IllegalArgumentException("confusion_matrix[" + t + "]: expected an array of counts, got "
                        + describe(row));
            }
            counts[t] = new long[row.size()];
            for (int p = 0; p < counts[t].length; p++) {
                JsonNode cell = row.get(p);
                if (!cell.isIntegralNumber() || !cell.canConvertToLong()) {
                    throw new IllegalArgumentException("confusion_matrix[" + t + "][" + p + "]: expected a count, got "
                            + describe(cell));
                }
                counts[t][p] = cell.longValue();
            }
        }
        try {
            return ConfusionMatrix.of(counts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("confusion_matrix: " + e.getMessage(), e);
        }
    }

    private static String requiredText(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException(path + ": expected a string, got " + describe(node));
        }
        return node.textValue();
    }

    private static int requiredInt(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new IllegalArgumentException(path + ": expected an integer, got " + describe(node));
        }
        return node.intValue();
    }

    /** A number, or NaN for null (how undefined values are written). */
    private static double number(JsonNode node, String path) {
        if (node == null || !(node.isNumber() || node.isNull())) {
            throw new IllegalArgumentException(path + ": expected a number or null, got " + describe(node));
        }
        return node.isNull() ? Double.NaN : node.doubleValue();
    }

    private static String describe(JsonNode node) {
        return node == null ? "nothing" : node.toString();
    }
}
