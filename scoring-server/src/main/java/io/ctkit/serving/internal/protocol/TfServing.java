package io.ctkit.serving.internal.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.ctkit.serving.internal.model.Scores;
import io.ctkit.model.preprocess.InputSpec;
import io.ctkit.serving.internal.model.ServedModel;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TensorFlow Serving REST bodies: model status, metadata (a {@code serving_default} signature
 * derived from model.json) and predict in the row format ({@code instances} → {@code predictions})
 * and the columnar format ({@code inputs} → {@code outputs}).
 */
public final class TfServing {

    static final String SIGNATURE = "serving_default";
    private static final Set<String> REQUEST_FIELDS = Set.of("signature_name", "instances", "inputs");

    private final Json json;
    private final int maxRows;

    public TfServing(Json json, int maxRows) {
        this.json = json;
        this.maxRows = maxRows;
    }

    /** A decoded predict request; {@code columnar} when it came as {@code inputs}. */
    public record Predict(InputBatch batch, boolean columnar) {
    }

    public byte[] status(ServedModel served) {
        return json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("model_version_status");
            g.writeStartObject();
            g.writeStringField("version", served.version());
            g.writeStringField("state", "AVAILABLE");
            g.writeObjectFieldStart("status");
            g.writeStringField("error_code", "OK");
            g.writeStringField("error_message", "");
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    public byte[] metadata(ServedModel served) {
        var model = served.model();
        return json.write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("model_spec");
            g.writeStringField("name", served.name());
            g.writeStringField("signature_name", "");
            g.writeStringField("version", served.version());
            g.writeEndObject();
            g.writeObjectFieldStart("metadata");
            g.writeObjectFieldStart("signature_def");
            g.writeObjectFieldStart("signature_def");
            g.writeObjectFieldStart(SIGNATURE);
            g.writeObjectFieldStart("inputs");
            for (InputSpec input : model.definition().inputs()) {
                tensorInfo(g, input.name(), input instanceof InputSpec.NumberInput ? "DT_DOUBLE" : "DT_STRING", -1);
            }
            g.writeEndObject();
            g.writeObjectFieldStart("outputs");
            if (model.task().isClassification()) {
                tensorInfo(g, ModelOutputs.PROBABILITIES, "DT_DOUBLE", -1, model.labels().size());
                tensorInfo(g, ModelOutputs.LABEL, "DT_STRING", -1);
            } else {
                tensorInfo(g, ModelOutputs.PREDICTION, "DT_DOUBLE", -1);
            }
            g.writeEndObject();
            g.writeStringField("method_name", "tensorflow/serving/predict");
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static void tensorInfo(JsonGenerator g, String name, String dtype, long... dims) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("dtype", dtype);
        g.writeObjectFieldStart("tensor_shape");
        g.writeArrayFieldStart("dim");
        for (long d : dims) {
            g.writeStartObject();
            g.writeStringField("size", Long.toString(d));
            g.writeStringField("name", "");
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeBooleanField("unknown_rank", false);
        g.writeEndObject();
        g.writeStringField("name", name);
        g.writeEndObject();
    }

    /**
     * The common case read without a JSON tree: {@code instances} as arrays of numbers for an
     * all-number model. Null when the body is anything else (then {@link #decode} reads it).
     */
    public Predict decodeFast(byte[] body, ServedModel served) {
        if (!served.model().encoder().numericOnly()) {
            return null;
        }
        return new NumericFastPath(served.model().definition().inputs(), maxRows, json.maxDepth()).tf(body);
    }

    public Predict decode(JsonNode body, ServedModel served) {
        Json.object(body, "request body", REQUEST_FIELDS);
        String signature = Json.text(body, "signature_name", "request body", false);
        if (signature != null && !signature.equals(SIGNATURE) && !signature.isEmpty()) {
            throw RequestException.badRequest("signature_name: unknown signature \"" + Json.clip(signature)
                    + "\"; this model has only \"" + SIGNATURE + "\"");
        }
        JsonNode instances = body.get("instances");
        JsonNode inputs = body.get("inputs");
        if ((instances == null) == (inputs == null)) {
            throw RequestException.badRequest("request body: give exactly one of \"instances\" (rows) or \"inputs\""
                    + " (columns)" + (instances != null ? ", not both" : ""));
        }
        List<InputSpec> specs = served.model().definition().inputs();
        if (instances != null) {
            return new Predict(instances(instances, specs), false);
        }
        return new Predict(columns(inputs, specs), true);
    }

    private InputBatch instances(JsonNode instances, List<InputSpec> specs) {
        if (!instances.isArray()) {
            throw RequestException.badRequest("instances: must be an array of rows, got " + Json.describe(instances));
        }
        Columns columns = new Columns(specs, rows(instances.size(), "instances"));
        for (int r = 0; r < instances.size(); r++) {
            JsonNode row = instances.get(r);
            String where = "instances[" + r + "]";
            if (row.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    int input = known(columns, field.getKey(), where, specs);
                    columns.set(input, r, scalar(field.getValue(), where + "." + field.getKey()), false,
                            where + "." + field.getKey());
                }
            } else if (row.isArray()) {
                numericRow(row, columns, r, where, specs);
            } else {
                throw RequestException.badRequest(where + ": must be an object keyed by input name"
                        + (allNumbers(specs) ? " or an array of " + specs.size() + " numbers" : "") + ", got "
                        + Json.describe(row));
            }
        }
        return columns.build();
    }

    private InputBatch columns(JsonNode inputs, List<InputSpec> specs) {
        if (inputs.isArray()) {
            if (!allNumbers(specs)) {
                throw RequestException.badRequest("inputs: an array of rows needs a model whose inputs are all"
                        + " numbers; send an object keyed by input name");
            }
            Columns columns = new Columns(specs, rows(inputs.size(), "inputs"));
            for (int r = 0; r < inputs.size(); r++) {
                numericRow(inputs.get(r), columns, r, "inputs[" + r + "]", specs);
            }
            return columns.build();
        }
        if (!inputs.isObject()) {
            throw RequestException.badRequest("inputs: must be an object keyed by input name, got "
                    + Json.describe(inputs));
        }
        if (inputs.isEmpty()) {
            throw RequestException.badRequest("inputs: is empty; give a column per input");
        }
        if (inputs.size() == 1 && inputs.has(V2Tensors.COMBINED) && allNumbers(specs)
                && specs.stream().noneMatch(s -> s.name().equals(V2Tensors.COMBINED))) {
            return columns(inputs.get(V2Tensors.COMBINED), specs);
        }
        Columns columns = null;
        String first = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = inputs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String where = "inputs." + field.getKey();
            JsonNode values = field.getValue();
            if (!values.isArray()) {
                throw RequestException.badRequest(where + ": must be an array with one value per row, got "
                        + Json.describe(values));
            }
            if (columns == null) {
                columns = new Columns(specs, rows(values.size(), where));
                first = field.getKey();
            } else if (values.size() != columns.rows()) {
                throw RequestException.badRequest(where + ": has " + values.size() + " values but \"" + first
                        + "\" has " + columns.rows() + "; every column needs one value per row");
            }
            int input = known(columns, field.getKey(), "inputs", specs);
            for (int r = 0; r < values.size(); r++) {
                columns.set(input, r, scalar(values.get(r), where + "[" + r + "]"), false, where + "[" + r + "]");
            }
        }
        return columns.build();
    }

    private static void numericRow(JsonNode row, Columns columns, int r, String where, List<InputSpec> specs) {
        if (!allNumbers(specs)) {
            throw RequestException.badRequest(where + ": a row given as an array needs a model whose inputs are all"
                    + " numbers; send an object keyed by input name");
        }
        if (!row.isArray() || row.size() != specs.size()) {
            throw RequestException.badRequest(where + ": must be an array of " + specs.size() + " numbers (the inputs "
                    + "in model order), got " + (row.isArray() ? row.size() + " values" : Json.describe(row)));
        }
        for (int i = 0; i < row.size(); i++) {
            columns.setNumber(i, r, scalar(row.get(i), where + "[" + i + "]"), false, where + "[" + i + "]");
        }
    }

    private static int known(Columns columns, String name, String where, List<InputSpec> specs) {
        int input = columns.indexOf(name);
        if (input < 0) {
            throw RequestException.badRequest(where + ": unknown input \"" + Json.clip(name) + "\"; the model's inputs"
                    + " are " + String.join(", ", specs.stream().map(s -> "\"" + s.name() + "\"").toList()));
        }
        return input;
    }

    private static JsonNode scalar(JsonNode value, String where) {
        if (value.isContainerNode()) {
            throw RequestException.badRequest(where + ": must be a single value, got " + Json.describe(value));
        }
        return value;
    }

    private int rows(int rows, String where) {
        if (rows == 0) {
            throw RequestException.badRequest(where + ": is empty; send at least one row");
        }
        if (rows > maxRows) {
            throw new RequestException(413, where + ": " + rows + " rows is more than the limit of " + maxRows
                    + " per request (--max-rows)");
        }
        return rows;
    }

    private static boolean allNumbers(List<InputSpec> specs) {
        return specs.stream().allMatch(s -> s instanceof InputSpec.NumberInput);
    }

    public byte[] response(Predict request, Scores predictions) {
        int rows = predictions.size();
        boolean classifier = predictions.task().isClassification();
        int classes = predictions.labels().size();
        return json.write(g -> {
            g.writeStartObject();
            if (!request.columnar()) {
                g.writeArrayFieldStart("predictions");
                for (int r = 0; r < rows; r++) {
                    if (classifier) {
                        g.writeStartObject();
                        g.writeArrayFieldStart(ModelOutputs.PROBABILITIES);
                        for (int c = 0; c < classes; c++) {
                            Json.number(g, predictions.probability(r, c));
                        }
                        g.writeEndArray();
                        g.writeStringField(ModelOutputs.LABEL, predictions.label(r));
                        g.writeEndObject();
                    } else {
                        Json.number(g, predictions.value(r));
                    }
                }
                g.writeEndArray();
            } else if (classifier) {
                g.writeObjectFieldStart("outputs");
                g.writeArrayFieldStart(ModelOutputs.PROBABILITIES);
                for (int r = 0; r < rows; r++) {
                    g.writeStartArray();
                    for (int c = 0; c < classes; c++) {
                        Json.number(g, predictions.probability(r, c));
                    }
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeArrayFieldStart(ModelOutputs.LABEL);
                for (int r = 0; r < rows; r++) {
                    g.writeString(predictions.label(r));
                }
                g.writeEndArray();
                g.writeEndObject();
            } else {
                g.writeArrayFieldStart("outputs");
                for (int r = 0; r < rows; r++) {
                    Json.number(g, predictions.value(r));
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }
}
