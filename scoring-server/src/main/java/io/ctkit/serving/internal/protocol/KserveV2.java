package io.ctkit.serving.internal.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.ctkit.serving.internal.model.Scores;
import io.ctkit.model.preprocess.InputSpec;
import io.ctkit.serving.internal.model.ServedModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * KServe Open Inference Protocol (V2) bodies: server and model metadata, infer requests and
 * responses. Metadata is derived from model.json: an all-number model takes one FP32 tensor
 * {@code input} of shape {@code [-1, inputs]} (per-input tensors are accepted too), any other model
 * one tensor per input (FP64 for numbers, BYTES for categories and text) of shape {@code [-1]}.
 */
public final class KserveV2 {

    private static final Set<String> REQUEST_FIELDS = Set.of("id", "parameters", "inputs", "outputs");
    private static final Set<String> OUTPUT_FIELDS = Set.of("name", "parameters");

    private final Json json;
    private final int maxRows;

    public KserveV2(Json json, int maxRows) {
        this.json = json;
        this.maxRows = maxRows;
    }

    /** A decoded infer request. */
    public record Infer(String id, InputBatch batch, List<String> outputs) {
    }

    public byte[] serverMetadata(String version) {
        return json.write(g -> {
            g.writeStartObject();
            g.writeStringField("name", "ctkit");
            g.writeStringField("version", version);
            g.writeArrayFieldStart("extensions");
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    public byte[] modelMetadata(ServedModel served) {
        List<InputSpec> inputs = served.model().definition().inputs();
        boolean numeric = served.model().encoder().numericOnly();
        return json.write(g -> {
            g.writeStartObject();
            g.writeStringField("name", served.name());
            g.writeArrayFieldStart("versions");
            g.writeString(served.version());
            g.writeEndArray();
            g.writeStringField("platform", "ctkit");
            g.writeArrayFieldStart("inputs");
            if (numeric) {
                tensorMetadata(g, V2Tensors.COMBINED, "FP32", -1, inputs.size());
            } else {
                for (InputSpec input : inputs) {
                    tensorMetadata(g, input.name(), input instanceof InputSpec.NumberInput ? "FP64" : "BYTES", -1);
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("outputs");
            if (served.model().task().isClassification()) {
                tensorMetadata(g, ModelOutputs.PROBABILITIES, "FP64", -1, served.model().labels().size());
                tensorMetadata(g, ModelOutputs.LABEL, "BYTES", -1);
            } else {
                tensorMetadata(g, ModelOutputs.PREDICTION, "FP64", -1);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("parameters");
            g.writeStringField("task", served.model().task().jsonName());
            g.writeStringField("bundle_digest", served.digest());
            g.writeArrayFieldStart("input_names");
            for (InputSpec input : inputs) {
                g.writeString(input.name());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("input_types");
            for (InputSpec input : inputs) {
                g.writeString(input.type());
            }
            g.writeEndArray();
            if (served.model().task().isClassification()) {
                g.writeArrayFieldStart("labels");
                for (String label : served.model().labels()) {
                    g.writeString(label);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static void tensorMetadata(JsonGenerator g, String name, String datatype, long... shape) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("datatype", datatype);
        g.writeArrayFieldStart("shape");
        for (long d : shape) {
            g.writeNumber(d);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * The common case read without a JSON tree: one {@code input} tensor for an all-number model.
     * Null when the body is anything else (then {@link #decode} reads it and names any problem).
     */
    public Infer decodeFast(byte[] body, ServedModel served) {
        if (!served.model().encoder().numericOnly()) {
            return null;
        }
        return new NumericFastPath(served.model().definition().inputs(), maxRows, json.maxDepth())
                .v2(body, ModelOutputs.names(served.model().task()));
    }

    public Infer decode(JsonNode body, ServedModel served) {
        Json.object(body, "request body", REQUEST_FIELDS);
        String id = Json.text(body, "id", "request body", false);
        JsonNode parameters = body.get("parameters");
        if (parameters != null && !parameters.isObject() && !parameters.isNull()) {
            throw RequestException.badRequest("parameters: must be an object, got " + Json.describe(parameters));
        }
        InputBatch batch = new V2Tensors(served.model().definition().inputs(), maxRows).decode(body.get("inputs"));
        List<String> known = ModelOutputs.names(served.model().task());
        List<String> outputs = known;
        JsonNode requested = body.get("outputs");
        if (requested != null && !requested.isNull()) {
            if (!requested.isArray()) {
                throw RequestException.badRequest("outputs: must be an array of {\"name\": ...}, got "
                        + Json.describe(requested));
            }
            Set<String> names = new LinkedHashSet<>();
            for (int o = 0; o < requested.size(); o++) {
                String where = "outputs[" + o + "]";
                String name = Json.text(Json.object(requested.get(o), where, OUTPUT_FIELDS), "name", where, true);
                if (!known.contains(name)) {
                    throw RequestException.badRequest(where + ".name: unknown output \"" + Json.clip(name)
                            + "\"; this model's outputs are " + String.join(", ", known));
                }
                if (!names.add(name)) {
                    throw RequestException.badRequest(where + ".name: output \"" + name + "\" is requested twice");
                }
            }
            outputs = names.isEmpty() ? known : new ArrayList<>(names);
        }
        return new Infer(id, batch, outputs);
    }

    /**
     * The infer response. Written as bytes directly (see {@link JsonBytes}), not through a
     * generator: it is the one body written for every scoring request.
     */
    public byte[] response(ServedModel served, Infer request, Scores predictions, String predictionId) {
        int rows = predictions.size();
        JsonBytes out = new JsonBytes();
        out.raw("{\"model_name\":").string(served.name())
                .raw(",\"model_version\":").string(served.version())
                .raw(",\"id\":").string(request.id() != null ? request.id() : predictionId)
                .raw(",\"parameters\":{\"prediction_id\":").string(predictionId)
                .raw("},\"outputs\":[");
        boolean first = true;
        for (String output : request.outputs()) {
            out.raw(first ? "{\"name\":" : ",{\"name\":").string(output);
            first = false;
            switch (output) {
                case ModelOutputs.PREDICTION -> {
                    out.raw(",\"datatype\":\"FP64\",\"shape\":[").number(rows).raw("],\"data\":[");
                    for (int r = 0; r < rows; r++) {
                        (r == 0 ? out : out.raw(',')).number(predictions.value(r));
                    }
                }
                case ModelOutputs.PROBABILITIES -> {
                    int classes = predictions.labels().size();
                    out.raw(",\"datatype\":\"FP64\",\"shape\":[").number(rows).raw(',').number(classes)
                            .raw("],\"data\":[");
                    for (int r = 0; r < rows; r++) {
                        for (int c = 0; c < classes; c++) {
                            (r == 0 && c == 0 ? out : out.raw(',')).number(predictions.probability(r, c));
                        }
                    }
                }
                default -> {
                    out.raw(",\"datatype\":\"BYTES\",\"shape\":[").number(rows).raw("],\"data\":[");
                    for (int r = 0; r < rows; r++) {
                        (r == 0 ? out : out.raw(',')).string(predictions.label(r));
                    }
                }
            }
            out.raw("]}");
        }
        return out.raw("]}").toByteArray();
    }
}
