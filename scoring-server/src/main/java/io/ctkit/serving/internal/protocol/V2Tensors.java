package io.ctkit.serving.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctkit.model.preprocess.InputSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes the {@code inputs} of a KServe V2 infer request: either one numeric tensor named
 * {@code input} of shape {@code [batch, inputs]} (all-number models), or one tensor per model
 * input of shape {@code [batch]} or {@code [batch, 1]}. Data is flat in row-major order or nested
 * exactly as the shape says.
 */
final class V2Tensors {

    static final String COMBINED = "input";
    private static final Set<String> TENSOR_FIELDS = Set.of("name", "shape", "datatype", "data", "parameters");
    private static final Set<String> NUMERIC = Set.of("FP16", "FP32", "FP64", "INT8", "INT16", "INT32", "INT64",
            "UINT8", "UINT16", "UINT32", "UINT64");

    /** The values each integer datatype holds; UINT64 only up to Long.MAX_VALUE (a long holds no more). */
    private static final java.util.Map<String, long[]> INTEGER_RANGES = java.util.Map.of(
            "INT8", new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE},
            "INT16", new long[] {Short.MIN_VALUE, Short.MAX_VALUE},
            "INT32", new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
            "INT64", new long[] {Long.MIN_VALUE, Long.MAX_VALUE},
            "UINT8", new long[] {0, 0xFFL},
            "UINT16", new long[] {0, 0xFFFFL},
            "UINT32", new long[] {0, 0xFFFF_FFFFL},
            "UINT64", new long[] {0, Long.MAX_VALUE});

    private final List<InputSpec> inputs;
    private final int maxRows;

    V2Tensors(List<InputSpec> inputs, int maxRows) {
        this.inputs = inputs;
        this.maxRows = maxRows;
    }

    InputBatch decode(JsonNode tensors) {
        if (tensors == null || tensors.isNull()) {
            throw RequestException.badRequest("missing field \"inputs\": an array of tensors");
        }
        if (!tensors.isArray()) {
            throw RequestException.badRequest("inputs: must be an array of tensors, got " + Json.describe(tensors));
        }
        if (tensors.isEmpty()) {
            throw RequestException.badRequest("inputs: is empty; give one tensor per model input, or one tensor \""
                    + COMBINED + "\"");
        }
        List<JsonNode> list = new ArrayList<>();
        for (int t = 0; t < tensors.size(); t++) {
            JsonNode tensor = Json.object(tensors.get(t), "inputs[" + t + "]", TENSOR_FIELDS);
            String name = Json.text(tensor, "name", "inputs[" + t + "]", true);
            if (COMBINED.equals(name) && combined(inputs)) {
                if (tensors.size() != 1) {
                    throw RequestException.badRequest("inputs[" + t + "]: tensor \"" + COMBINED
                            + "\" holds all inputs; send it alone, not with other tensors");
                }
                return combined(tensor, "inputs[" + t + "]");
            }
            list.add(tensor);
        }
        return perInput(list);
    }

    private InputBatch combined(JsonNode tensor, String where) {
        String datatype = datatype(tensor, where);
        InputSpec notNumber = inputs.stream().filter(i -> !(i instanceof InputSpec.NumberInput)).findFirst()
                .orElse(null);
        if (notNumber != null) {
            throw RequestException.badRequest(where + ": tensor \"" + COMBINED + "\" needs a model whose inputs are"
                    + " all numbers, but \"" + notNumber.name() + "\" is a " + notNumber.type()
                    + "; send one tensor per input, named like the input");
        }
        requireNumeric(datatype, where, COMBINED);
        long[] shape = shape(tensor, where);
        if (shape.length != 2 || shape[1] != inputs.size()) {
            throw RequestException.badRequest(where + ".shape: tensor \"" + COMBINED + "\" must have shape [batch, "
                    + inputs.size() + "], got " + show(shape));
        }
        int rows = rows(shape[0], where);
        List<JsonNode> data = data(tensor, shape, where);
        Columns columns = new Columns(inputs, rows);
        boolean fp32 = "FP32".equals(datatype) || "FP16".equals(datatype);
        int n = inputs.size();
        for (int k = 0; k < data.size(); k++) {
            JsonNode value = data.get(k);
            checkInteger(datatype, value, where, k);
            columns.setNumber(k % n, k / n, value, fp32, where + ".data[" + k + "]");
        }
        return columns.build();
    }

    private InputBatch perInput(List<JsonNode> tensors) {
        Columns columns = null;
        long batch = -1;
        for (int t = 0; t < tensors.size(); t++) {
            JsonNode tensor = tensors.get(t);
            String where = "inputs[" + t + "]";
            String name = tensor.get("name").textValue();
            int input = indexOf(name);
            if (input < 0) {
                throw RequestException.badRequest(where + ".name: unknown input \"" + Json.clip(name)
                        + "\"; the model's inputs are " + names() + allNumbersHint());
            }
            String datatype = datatype(tensor, where);
            InputSpec spec = inputs.get(input);
            if (spec instanceof InputSpec.NumberInput) {
                requireNumeric(datatype, where, name);
            } else if (!"BYTES".equals(datatype)) {
                throw RequestException.badRequest(where + ".datatype: input \"" + name + "\" is a " + spec.type()
                        + " and takes a BYTES tensor (strings), got " + datatype);
            }
            long[] shape = shape(tensor, where);
            if (shape.length == 0 || shape.length > 2 || (shape.length == 2 && shape[1] != 1)) {
                throw RequestException.badRequest(where + ".shape: tensor \"" + name
                        + "\" must have shape [batch] or [batch, 1], got " + show(shape));
            }
            if (batch >= 0 && shape[0] != batch) {
                throw RequestException.badRequest(where + ".shape: tensor \"" + name + "\" has batch " + shape[0]
                        + " but " + tensors.get(0).get("name").textValue() + " has " + batch
                        + "; all tensors need the same batch size");
            }
            batch = shape[0];
            int rows = rows(shape[0], where);
            if (columns == null) {
                columns = new Columns(inputs, rows);
            }
            columns.markSeen(input, where);
            List<JsonNode> data = data(tensor, shape, where);
            boolean fp32 = "FP32".equals(datatype) || "FP16".equals(datatype);
            for (int r = 0; r < data.size(); r++) {
                if (spec instanceof InputSpec.NumberInput) {
                    checkInteger(datatype, data.get(r), where, r);
                }
                columns.set(input, r, data.get(r), fp32, where + ".data[" + r + "]");
            }
        }
        for (int i = 0; i < inputs.size(); i++) {
            if (!columns.seen(i)) {
                throw RequestException.badRequest("inputs: no tensor for input \"" + inputs.get(i).name()
                        + "\"; the model's inputs are " + names());
            }
        }
        return columns.build();
    }

    private static String datatype(JsonNode tensor, String where) {
        return Json.text(tensor, "datatype", where, true);
    }

    private static void requireNumeric(String datatype, String where, String name) {
        if (!NUMERIC.contains(datatype)) {
            throw RequestException.badRequest(where + ".datatype: tensor \"" + name + "\" holds numbers; use FP32 or"
                    + " FP64 (or an INT/UINT type), got \"" + Json.clip(datatype) + "\"");
        }
    }

    private static void checkInteger(String datatype, JsonNode value, String where, int k) {
        long[] range = INTEGER_RANGES.get(datatype);
        if (range == null || value.isNull()) {
            return;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw RequestException.badRequest(where + ".data[" + k + "]: " + Json.describe(value)
                    + " is not a " + datatype + " value");
        }
        long v = value.asLong();
        if (v < range[0] || v > range[1]) {
            throw RequestException.badRequest(where + ".data[" + k + "]: " + v + " is out of range for "
                    + datatype + " (" + range[0] + " to " + range[1] + ")");
        }
    }

    private long[] shape(JsonNode tensor, String where) {
        JsonNode shape = tensor.get("shape");
        if (shape == null || shape.isNull()) {
            throw RequestException.badRequest(where + ": missing field \"shape\"");
        }
        if (!shape.isArray() || shape.size() > 8) {
            throw RequestException.badRequest(where + ".shape: must be an array of at most 8 dimensions, got "
                    + Json.describe(shape));
        }
        long[] dims = new long[shape.size()];
        for (int d = 0; d < dims.length; d++) {
            JsonNode dim = shape.get(d);
            if (!dim.isIntegralNumber() || !dim.canConvertToLong() || dim.asLong() < 0
                    || dim.asLong() > Integer.MAX_VALUE) {
                throw RequestException.badRequest(where + ".shape[" + d + "]: must be an integer from 0 to "
                        + Integer.MAX_VALUE + ", got " + Json.describe(dim));
            }
            dims[d] = dim.asLong();
        }
        return dims;
    }

    private int rows(long batch, String where) {
        if (batch == 0) {
            throw RequestException.badRequest(where + ".shape[0]: the batch is empty; send at least one row");
        }
        if (batch > maxRows) {
            throw new RequestException(413, where + ".shape[0]: " + batch + " rows is more than the limit of "
                    + maxRows + " per request (--max-rows)");
        }
        return (int) batch;
    }

    /** The tensor's elements in row-major order, checked against the shape. */
    private static List<JsonNode> data(JsonNode tensor, long[] shape, String where) {
        JsonNode data = tensor.get("data");
        if (data == null) {
            throw RequestException.badRequest(where + ": missing field \"data\"");
        }
        if (!data.isArray()) {
            throw RequestException.badRequest(where + ".data: must be an array, got " + Json.describe(data));
        }
        long expected = 1;
        for (long d : shape) {
            expected *= d; // dims are below 2^31 and the batch below maxRows, so 2 dims cannot overflow
        }
        List<JsonNode> flat = new ArrayList<>((int) Math.min(expected, 1 << 16));
        boolean nested = !data.isEmpty() && data.get(0).isArray();
        if (nested) {
            flatten(data, shape, 0, where + ".data", flat);
        } else {
            if (data.size() != expected) {
                throw RequestException.badRequest(where + ".data: has " + data.size() + " elements but shape "
                        + show(shape) + " needs " + expected);
            }
            for (int k = 0; k < data.size(); k++) {
                JsonNode value = data.get(k);
                if (value.isContainerNode()) {
                    throw RequestException.badRequest(where + ".data[" + k + "]: must be a scalar, got "
                            + Json.describe(value) + " (flat data holds scalars only)");
                }
                flat.add(value);
            }
        }
        return flat;
    }

    private static void flatten(JsonNode node, long[] shape, int dim, String where, List<JsonNode> out) {
        if (dim == shape.length) {
            if (node.isContainerNode()) {
                throw RequestException.badRequest(where + ": must be a scalar, got " + Json.describe(node)
                        + "; the data is nested deeper than shape " + show(shape));
            }
            out.add(node);
            return;
        }
        if (!node.isArray() || node.size() != shape[dim]) {
            throw RequestException.badRequest(where + ": must be an array of " + shape[dim] + " elements (shape "
                    + show(shape) + "), got " + (node.isArray() ? node.size() + " elements" : Json.describe(node)));
        }
        for (int k = 0; k < node.size(); k++) {
            flatten(node.get(k), shape, dim + 1, where + "[" + k + "]", out);
        }
    }

    private int indexOf(String name) {
        return indexOf(inputs, name);
    }

    private static int indexOf(List<InputSpec> inputs, String name) {
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether a tensor named {@value #COMBINED} is the combined {@code [batch, features]} tensor:
     * unless the model has an input of that name, which such a tensor then is.
     */
    static boolean combined(List<InputSpec> inputs) {
        return indexOf(inputs, COMBINED) < 0;
    }

    private String names() {
        return inputs.stream().map(i -> "\"" + i.name() + "\"").collect(java.util.stream.Collectors.joining(", "));
    }

    private String allNumbersHint() {
        return inputs.stream().allMatch(i -> i instanceof InputSpec.NumberInput)
                ? ", or send one tensor \"" + COMBINED + "\" of shape [batch, " + inputs.size() + "]" : "";
    }

    static String show(long[] shape) {
        StringBuilder s = new StringBuilder("[");
        for (int d = 0; d < shape.length; d++) {
            s.append(d == 0 ? "" : ", ").append(shape[d]);
        }
        return s.append(']').toString();
    }
}
