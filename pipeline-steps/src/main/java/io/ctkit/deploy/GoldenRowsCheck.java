package io.ctkit.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.registry.GoldenRows;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The smoke test: a version's golden rows sent through the V2 infer route of a started candidate,
 * one tensor per input, and its answers compared with the engine's within {@link GoldenRows#TOLERANCE}.
 */
final class GoldenRowsCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenRowsCheck() {
    }

    /** Checks the candidate; a failure is a {@code smoke-test} {@link DeployException} naming the first differing row. */
    static void run(DeployTarget.Candidate candidate, String model, GoldenRows golden) throws IOException {
        String path = "/v2/models/" + model + "/infer";
        DeployTarget.Reply reply;
        try {
            reply = candidate.post(path, request(golden));
        } catch (IOException e) {
            throw new DeployException("smoke-test", candidate.endpoint() + path + " did not answer: " + e.getMessage(), e);
        }
        if (reply.status() != 200) {
            throw new DeployException("smoke-test", candidate.endpoint() + path + " answered the golden rows with HTTP "
                    + reply.status() + ": " + clip(reply.body()));
        }
        List<GoldenRows.Answer> answers;
        try {
            answers = answers(JSON.readTree(reply.body()), golden);
        } catch (IOException | RuntimeException e) {
            throw new DeployException("smoke-test", candidate.endpoint() + path + " gave an answer that is not a V2"
                    + " infer response (" + e.getMessage() + "): " + clip(reply.body()));
        }
        var difference = golden.firstDifference(answers);
        if (difference.isPresent()) {
            throw new DeployException("smoke-test", candidate.endpoint() + " does not give the golden answers of "
                    + model + ": " + difference.get());
        }
    }

    /** The V2 infer request: one tensor per input, FP64 for numbers, BYTES for the rest. */
    static String request(GoldenRows golden) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode inputs = root.putArray("inputs");
        int n = golden.size();
        for (String name : golden.inputs().get(0).keySet()) {
            boolean number = golden.inputs().get(0).get(name) instanceof Number;
            ObjectNode tensor = inputs.addObject().put("name", name).put("datatype", number ? "FP64" : "BYTES");
            tensor.putArray("shape").add(n);
            ArrayNode data = tensor.putArray("data");
            for (Map<String, Object> row : golden.inputs()) {
                Object v = row.get(name);
                if (number) {
                    data.add(((Number) v).doubleValue());
                } else {
                    data.add((String) v);
                }
            }
        }
        return root.toString();
    }

    private static List<GoldenRows.Answer> answers(JsonNode response, GoldenRows golden) {
        JsonNode prediction = null;
        JsonNode probabilities = null;
        JsonNode label = null;
        for (JsonNode output : response.required("outputs")) {
            switch (output.required("name").asText()) {
                case "prediction" -> prediction = output.required("data");
                case "probabilities" -> probabilities = output.required("data");
                case "label" -> label = output.required("data");
                default -> {
                    // other outputs are not compared
                }
            }
        }
        List<GoldenRows.Answer> answers = new ArrayList<>();
        for (int row = 0; row < golden.size(); row++) {
            if (prediction != null) {
                answers.add(new GoldenRows.Answer(prediction.get(row).asDouble(), List.of(), null));
            } else {
                int classes = golden.outputs().get(row).probabilities().size();
                List<Double> p = new ArrayList<>();
                for (int k = 0; k < classes && probabilities != null; k++) {
                    p.add(probabilities.get(row * classes + k).asDouble());
                }
                answers.add(new GoldenRows.Answer(null, p, label == null ? null : label.get(row).asText()));
            }
        }
        return answers;
    }

    private static String clip(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
