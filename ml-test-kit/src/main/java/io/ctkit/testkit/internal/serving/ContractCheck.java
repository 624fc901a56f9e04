package io.ctkit.testkit.internal.serving;

import io.ctkit.model.Model;
import io.ctkit.model.preprocess.InputSpec;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The protocol contract of a scoring server (docs/scoring-server.md): V2 model metadata
 * ({@code GET /v2/models/{name}}) describes the inputs and outputs model.json defines, with their
 * datatypes and shapes, and malformed infer requests get a 400 with a JSON {@code {"error": ...}}.
 */
public final class ContractCheck {

    private ContractCheck() {
    }

    /**
     * Runs every check.
     *
     * @return the broken points, empty when the contract holds
     */
    public static List<String> run(Model model, Supplier<RequestSpecification> http) {
        List<String> broken = new ArrayList<>();
        String path = "/v2/models/" + model.name();
        Response metadata = http.get().get(path);
        if (metadata.statusCode() != 200) {
            broken.add("GET " + path + ": expected HTTP 200 with the model's metadata, got " + metadata.statusCode() + ": "
                    + ParityCheck.clip(metadata.asString()));
        } else {
            JsonPath json = metadata.jsonPath();
            if (!model.name().equals(json.getString("name"))) {
                broken.add("GET " + path + ": name is " + json.getString("name") + ", model.json says " + model.name());
            }
            compare(broken, path, "inputs", expectedInputs(model), tensors(json.getList("inputs")));
            compare(broken, path, "outputs", expectedOutputs(model), tensors(json.getList("outputs")));
        }
        malformed(broken, http, path + "/infer", "{\"inputs\": [", "a body that is not JSON");
        malformed(broken, http, path + "/infer",
                "{\"inputs\": [{\"name\": \"no-such-input\", \"datatype\": \"FP64\", \"shape\": [1], \"data\": [1]}]}",
                "a tensor for an input the model does not have");
        return broken;
    }

    private static void malformed(List<String> broken, Supplier<RequestSpecification> http, String path, String body,
            String what) {
        Response response = http.get().contentType("application/json").body(body).post(path);
        String answer = ParityCheck.clip(response.asString());
        if (response.statusCode() != 400) {
            broken.add("POST " + path + " with " + what + ": expected HTTP 400, got " + response.statusCode() + ": " + answer);
            return;
        }
        String type = response.contentType();
        if (type == null || !type.startsWith("application/json")) {
            broken.add("POST " + path + " with " + what + ": expected a JSON error, got Content-Type " + type + ": " + answer);
            return;
        }
        Object error;
        try {
            error = response.jsonPath().get("error");
        } catch (RuntimeException e) {
            error = null;
        }
        if (!(error instanceof String text) || text.isBlank()) {
            broken.add("POST " + path + " with " + what + ": expected {\"error\": \"...\"}, got " + answer);
        }
    }

    /** What model.json implies for the V2 inputs: one combined tensor for an all-number model, else one per input. */
    static Map<String, String> expectedInputs(Model model) {
        Map<String, String> tensors = new LinkedHashMap<>();
        List<InputSpec> inputs = model.definition().inputs();
        if (model.encoder().numericOnly()) {
            tensors.put("input", "FP32 [-1, " + inputs.size() + "]");
        } else {
            for (InputSpec input : inputs) {
                tensors.put(input.name(), (input instanceof InputSpec.NumberInput ? "FP64" : "BYTES") + " [-1]");
            }
        }
        return tensors;
    }

    static Map<String, String> expectedOutputs(Model model) {
        Map<String, String> tensors = new LinkedHashMap<>();
        if (model.task().isClassification()) {
            tensors.put("probabilities", "FP64 [-1, " + model.labels().size() + "]");
            tensors.put("label", "BYTES [-1]");
        } else {
            tensors.put("prediction", "FP64 [-1]");
        }
        return tensors;
    }

    private static Map<String, String> tensors(List<Map<String, Object>> list) {
        Map<String, String> tensors = new LinkedHashMap<>();
        if (list != null) {
            for (Map<String, Object> t : list) {
                List<?> shape = t.get("shape") instanceof List<?> s ? s : List.of();
                List<String> dims = new ArrayList<>();
                shape.forEach(d -> dims.add(String.valueOf(d)));
                tensors.put(String.valueOf(t.get("name")), t.get("datatype") + " [" + String.join(", ", dims) + "]");
            }
        }
        return tensors;
    }

    private static void compare(List<String> broken, String path, String field, Map<String, String> expected,
            Map<String, String> actual) {
        if (!expected.equals(actual)) {
            broken.add("GET " + path + ": " + field + " are " + actual + ", model.json implies " + expected);
        }
    }
}
