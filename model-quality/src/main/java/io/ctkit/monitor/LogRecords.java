package io.ctkit.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctkit.model.Task;
import io.ctkit.model.preprocess.InputSpec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of the scoring server's prediction log (docs/scoring-server.md, "Prediction and
 * feedback log") as the monitor needs them: prediction rows with their inputs in model order and
 * their outputs, and feedback outcomes keyed by prediction id and row. A line that is not such a
 * record is refused with what was wrong; the caller adds the file and line.
 */
final class LogRecords {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private LogRecords() {
    }

    /** A record of the log: its rows, or its outcomes. */
    sealed interface Entry permits Predicted, Feedback {
    }

    /** The rows of one prediction record. */
    record Predicted(List<WindowRow> rows) implements Entry {
    }

    /** One outcome given for prediction {@code id}, row {@code row} (a String label or a Double). */
    record Outcome(String id, int row, Object value) {
    }

    /** The outcomes of one feedback record. */
    record Feedback(List<Outcome> outcomes) implements Entry {
    }

    /**
     * Parses one line for a model with these inputs, task and labels.
     *
     * @throws IllegalArgumentException saying what is wrong with the line
     */
    static Entry parse(String line, List<InputSpec> inputs, Task task, List<String> labels) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage();
            int noise = why.indexOf(" (start marker at");
            throw new IllegalArgumentException("not a JSON record (corrupt or truncated): "
                    + (noise < 0 ? why : why.substring(0, noise)).lines().findFirst().orElse(""));
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String type = text(node, "type");
        String id = text(node, "id");
        long time = time(node);
        return switch (type) {
            case "prediction" -> prediction(node, id, time, inputs, task, labels);
            case "feedback" -> feedback(node, id, task, labels);
            default -> throw new IllegalArgumentException("type \"" + type + "\" is neither prediction nor feedback");
        };
    }

    private static Predicted prediction(JsonNode node, String id, long time, List<InputSpec> inputs, Task task,
            List<String> labels) {
        int rows = node.path("rows").asInt(-1);
        if (!node.path("rows").isInt() || rows < 1) {
            throw new IllegalArgumentException("rows: expected a positive integer, got " + node.path("rows"));
        }
        JsonNode in = node.path("inputs");
        Object[][] values = new Object[rows][inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            InputSpec spec = inputs.get(i);
            JsonNode column = in.path(spec.name());
            if (!column.isArray() || column.size() != rows) {
                throw new IllegalArgumentException("inputs." + spec.name() + ": expected " + rows
                        + " values; is this the log of this model?");
            }
            for (int r = 0; r < rows; r++) {
                JsonNode v = column.get(r);
                if (v.isNull()) {
                    values[r][i] = null;
                } else if (spec instanceof InputSpec.NumberInput) {
                    if (!v.isNumber()) {
                        throw new IllegalArgumentException("inputs." + spec.name() + "[" + r + "]: expected a number, got "
                                + v);
                    }
                    values[r][i] = v.doubleValue();
                } else {
                    values[r][i] = v.asText();
                }
            }
        }
        JsonNode out = node.path("outputs");
        List<WindowRow> result = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            double[] output;
            if (task == Task.REGRESSION) {
                output = new double[] {number(out.path("prediction").path(r), "outputs.prediction[" + r + "]")};
            } else {
                JsonNode p = out.path("probabilities").path(r);
                if (!p.isArray() || p.size() != labels.size()) {
                    throw new IllegalArgumentException("outputs.probabilities[" + r + "]: expected " + labels.size()
                            + " probabilities (one per label), got " + p);
                }
                output = new double[labels.size()];
                for (int c = 0; c < output.length; c++) {
                    output[c] = number(p.get(c), "outputs.probabilities[" + r + "][" + c + "]");
                }
            }
            result.add(new WindowRow(id, r, time, values[r], output, null));
        }
        return new Predicted(result);
    }

    private static Feedback feedback(JsonNode node, String id, Task task, List<String> labels) {
        List<Outcome> outcomes = new ArrayList<>();
        if (node.has("outcomes")) {
            JsonNode all = node.get("outcomes");
            if (!all.isArray() || all.isEmpty()) {
                throw new IllegalArgumentException("outcomes: expected a non-empty array, got " + all);
            }
            for (int r = 0; r < all.size(); r++) {
                outcomes.add(new Outcome(id, r, outcome(all.get(r), "outcomes[" + r + "]", task, labels)));
            }
        } else {
            JsonNode row = node.path("row");
            if (!row.isInt() || row.asInt() < 0) {
                throw new IllegalArgumentException("row: expected a row number (0 or more), got " + row);
            }
            outcomes.add(new Outcome(id, row.asInt(), outcome(node.path("outcome"), "outcome", task, labels)));
        }
        return new Feedback(outcomes);
    }

    private static Object outcome(JsonNode v, String field, Task task, List<String> labels) {
        if (task == Task.REGRESSION) {
            return number(v, field);
        }
        if (!v.isTextual() || !labels.contains(v.asText())) {
            throw new IllegalArgumentException(field + ": expected one of the model's labels " + labels + ", got " + v);
        }
        return v.asText();
    }

    private static double number(JsonNode v, String field) {
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw new IllegalArgumentException(field + ": expected a finite number, got " + (v.isMissingNode() ? "nothing" : v));
        }
        return v.doubleValue();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException(field + ": expected a string, got " + (v.isMissingNode() ? "nothing" : v));
        }
        return v.asText();
    }

    private static long time(JsonNode node) {
        String t = text(node, "time");
        try {
            return Instant.parse(t).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time: expected an ISO-8601 UTC instant, got \"" + t + "\"");
        }
    }
}
