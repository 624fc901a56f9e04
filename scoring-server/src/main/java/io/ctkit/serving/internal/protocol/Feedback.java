package io.ctkit.serving.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctkit.model.Task;
import io.ctkit.serving.internal.predictionlog.LogRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The feedback body: {@code {"id": "<prediction id>", "outcome": <true value>, "row": n}} for one
 * row (row defaults to 0), or {@code {"id": ..., "outcomes": [...]}} with one value per row. The id
 * must have the form of {@link PredictionIds}. A classifier's outcome is one of its labels; a
 * regression model's a finite number.
 */
public final class Feedback {

    private static final Set<String> FIELDS = Set.of("id", "row", "outcome", "outcomes");

    private Feedback() {
    }

    public static LogRecord.Feedback decode(JsonNode body, Task task, List<String> labels, int maxRows, long now) {
        Json.object(body, "request body", FIELDS);
        String id = Json.text(body, "id", "request body", true);
        if (!PredictionIds.isWellFormed(id)) {
            // the server keeps no index of its ids (replicas share none), but it can refuse what none of them sent
            throw RequestException.badRequest("id: " + Json.clip(body.get("id").toString()) + " is not a prediction id ("
                    + PredictionIds.FORM + "); send the X-Prediction-Id of the answer you are giving feedback on, like "
                    + PredictionIds.EXAMPLE);
        }
        JsonNode one = body.get("outcome");
        JsonNode many = body.get("outcomes");
        if ((one == null) == (many == null)) {
            throw RequestException.badRequest("request body: give exactly one of \"outcome\" (one row) or"
                    + " \"outcomes\" (one per row)");
        }
        if (one != null) {
            JsonNode rowNode = body.get("row");
            int row = 0;
            if (rowNode != null) {
                if (!rowNode.isIntegralNumber() || !rowNode.canConvertToInt() || rowNode.asInt() < 0
                        || rowNode.asInt() >= maxRows) {
                    throw RequestException.badRequest("row: must be an integer from 0 to " + (maxRows - 1)
                            + ", got " + Json.describe(rowNode));
                }
                row = rowNode.asInt();
            }
            return new LogRecord.Feedback(id, now, row, List.of(outcome(one, task, labels, "outcome")));
        }
        if (body.has("row")) {
            throw RequestException.badRequest("row: goes with \"outcome\"; \"outcomes\" has one value per row");
        }
        if (!many.isArray() || many.isEmpty()) {
            throw RequestException.badRequest("outcomes: must be a non-empty array, got " + Json.describe(many));
        }
        if (many.size() > maxRows) {
            throw new RequestException(413, "outcomes: " + many.size() + " values is more than the limit of "
                    + maxRows + " rows (--max-rows)");
        }
        List<Object> outcomes = new ArrayList<>(many.size());
        for (int r = 0; r < many.size(); r++) {
            outcomes.add(outcome(many.get(r), task, labels, "outcomes[" + r + "]"));
        }
        return new LogRecord.Feedback(id, now, null, outcomes);
    }

    private static Object outcome(JsonNode value, Task task, List<String> labels, String where) {
        if (task.isClassification()) {
            if (!value.isTextual() || !labels.contains(value.textValue())) {
                throw RequestException.badRequest(where + ": must be one of the model's labels " + labels + ", got "
                        + Json.describe(value));
            }
            return value.textValue();
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw RequestException.badRequest(where + ": must be a finite number (the true value), got "
                    + Json.describe(value));
        }
        return value.doubleValue();
    }
}
