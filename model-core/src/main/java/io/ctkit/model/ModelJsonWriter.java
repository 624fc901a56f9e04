package io.ctkit.model;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.NumberOutput;
import io.ctkit.model.preprocess.ArrayRef;
import io.ctkit.model.preprocess.InputSpec;
import io.ctkit.model.preprocess.PreprocessingOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Canonical {@code model.json}: fields in a fixed order, two-space indentation, arrays of
 * scalars on one line, {@code \n} line ends, a final newline, and numbers in their shortest
 * round-tripping form (Schubfach, the same on every JDK).
 */
final class ModelJsonWriter {

    private ModelJsonWriter() {
    }

    static String write(ModelDefinition definition) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", ModelDefinition.FORMAT);
        root.put("name", definition.name());
        root.put("task", definition.task().jsonName());
        root.put("inputs", definition.inputs().stream().map(ModelJsonWriter::input).toList());
        root.put("preprocessing", definition.preprocessing().stream().map(ModelJsonWriter::op).toList());
        root.put("layers", definition.layers().stream().map(ModelJsonWriter::layer).toList());
        if (!definition.labels().isEmpty()) {
            root.put("labels", definition.labels());
        }
        StringBuilder out = new StringBuilder();
        print(root, "", out);
        return out.append('\n').toString();
    }

    private static Map<String, Object> input(InputSpec input) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("name", input.name());
        object.put("type", input.type());
        if (input instanceof InputSpec.CategoryInput category) {
            object.put("values", category.values());
        } else if (input instanceof InputSpec.TextInput text) {
            object.put("buckets", text.buckets());
        }
        return object;
    }

    private static Map<String, Object> op(PreprocessingOp op) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("op", op.op());
        object.put("features", op.features());
        op.arrays().forEach((name, ref) -> object.put(name, ref instanceof ArrayRef.Inline inline
                ? boxed(inline.values()) : ((ArrayRef.File) ref).path()));
        if (op instanceof PreprocessingOp.HashText hash) {
            object.put("mode", hash.mode().jsonName());
        }
        return object;
    }

    private static Map<String, Object> layer(LayerSpec layer) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("type", LayerSpec.DENSE);
        object.put("weights", layer.weights());
        if (layer.bias() != null) {
            object.put("bias", layer.bias());
        }
        object.put("activation", layer.activation().jsonName());
        if (layer.alpha() != null) {
            object.put("alpha", layer.alpha());
        }
        return object;
    }

    private static List<Double> boxed(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double value : values) {
            list.add(value);
        }
        return list;
    }

    private static void print(Object value, String indent, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            String inner = indent + "  ";
            int i = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(inner);
                string((String) entry.getKey(), out);
                out.append(": ");
                print(entry.getValue(), inner, out);
                out.append(++i < map.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof List<?> list) {
            boolean scalars = list.stream().noneMatch(e -> e instanceof Map || e instanceof List);
            if (list.isEmpty() || scalars) {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    print(list.get(i), indent, out);
                    out.append(i + 1 < list.size() ? ", " : "");
                }
                out.append(']');
                return;
            }
            out.append("[\n");
            String inner = indent + "  ";
            for (int i = 0; i < list.size(); i++) {
                out.append(inner);
                print(list.get(i), inner, out);
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (value instanceof String text) {
            string(text, out);
        } else if (value instanceof Double number) {
            out.append(NumberOutput.toString(number, true));
        } else {
            out.append(value);
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(text)).append('"');
    }
}
