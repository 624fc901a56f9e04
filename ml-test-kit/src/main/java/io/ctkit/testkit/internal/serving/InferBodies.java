package io.ctkit.testkit.internal.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.data.Dataset;
import io.ctkit.model.Model;
import io.ctkit.model.preprocess.InputSpec;
import io.ctkit.scoring.DatasetRows;
import io.ctkit.scoring.ModelData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * KServe V2 infer request bodies for a model's rows, as the scoring server documents them: one
 * {@code input} tensor of shape {@code [rows, inputs]} for an all-number model without
 * preprocessing, else one tensor per input (FP64 for numbers, BYTES for categories and text; a
 * missing value is {@code null}).
 */
public final class InferBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private InferBodies() {
    }

    /** The rows of a CSV file with a column per model input, read as the evaluate step reads them. */
    public static List<Map<String, Object>> rows(Model model, Path data) throws IOException {
        Dataset dataset = ModelData.read(model, data, null, null);
        return DatasetRows.of(dataset, model.definition().inputs());
    }

    /** One body per row: what a load test sends. */
    public static List<byte[]> onePerRow(Model model, List<Map<String, Object>> rows) {
        List<byte[]> bodies = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            bodies.add(body(model, List.of(row)));
        }
        return bodies;
    }

    /** One body holding {@code rows} as a batch. */
    public static byte[] body(Model model, List<Map<String, Object>> rows) {
        List<InputSpec> inputs = model.definition().inputs();
        ObjectNode root = JSON.createObjectNode();
        ArrayNode tensors = root.putArray("inputs");
        if (model.encoder().numericOnly()) {
            ObjectNode tensor = tensors.addObject().put("name", "input").put("datatype", "FP64");
            tensor.putArray("shape").add(rows.size()).add(inputs.size());
            ArrayNode data = tensor.putArray("data");
            for (Map<String, Object> row : rows) {
                for (InputSpec input : inputs) {
                    number(data, row.get(input.name()));
                }
            }
        } else {
            for (InputSpec input : inputs) {
                boolean number = input instanceof InputSpec.NumberInput;
                ObjectNode tensor = tensors.addObject().put("name", input.name()).put("datatype", number ? "FP64" : "BYTES");
                tensor.putArray("shape").add(rows.size());
                ArrayNode data = tensor.putArray("data");
                for (Map<String, Object> row : rows) {
                    Object value = row.get(input.name());
                    if (number) {
                        number(data, value);
                    } else if (value == null) {
                        data.addNull();
                    } else {
                        data.add(value.toString());
                    }
                }
            }
        }
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void number(ArrayNode data, Object value) {
        if (value == null) {
            data.addNull();
        } else {
            data.add(((Number) value).doubleValue());
        }
    }
}
