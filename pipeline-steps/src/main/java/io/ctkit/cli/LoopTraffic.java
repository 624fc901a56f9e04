package io.ctkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The loop's clients: days of a data file (rows grouped by their first column, the date) sent to a
 * served model as V2 infer requests, each followed by the rows' true label as feedback, counting
 * the requests that failed.
 */
final class LoopTraffic {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;
    private final String model;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

    LoopTraffic(int port, String model) {
        this.base = URI.create("http://127.0.0.1:" + port + "/");
        this.model = model;
    }

    /** One day: its rows, as header-named cells. */
    record Day(String date, List<Map<String, String>> rows) {
    }

    /** Reads a generated CSV file (no quoted cells) as days, in file order. */
    static List<Day> days(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new UserException(csv + ": empty; expected a header line and rows");
        }
        String[] header = lines.get(0).split(",", -1);
        Map<String, List<Map<String, String>>> byDate = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != header.length) {
                throw new UserException(csv + ": line " + (i + 1) + ": " + cells.length + " cells, the header has "
                        + header.length + "; the loop reads the generator's plain CSV (no quoted commas)");
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], cells[c]);
            }
            byDate.computeIfAbsent(cells[0], d -> new ArrayList<>()).add(row);
        }
        return byDate.entrySet().stream().map(e -> new Day(e.getKey(), e.getValue())).toList();
    }

    /** Sends each day as one request of its rows (the model's {@code inputs} only) and the label as feedback. */
    void send(List<Day> days, List<String> inputs, String label) throws InterruptedException {
        for (Day day : days) {
            sendDay(day, inputs, label);
        }
    }

    private void sendDay(Day day, List<String> inputs, String label) throws InterruptedException {
        sent.incrementAndGet();
        try {
            HttpResponse<String> answer = post("v2/models/" + model + "/infer", request(day, inputs));
            if (answer.statusCode() != 200) {
                fail(day, "infer answered " + answer.statusCode() + ": " + answer.body());
                return;
            }
            String id = answer.headers().firstValue("X-Prediction-Id").orElse("");
            ObjectNode feedback = JSON.createObjectNode().put("id", id);
            ArrayNode outcomes = feedback.putArray("outcomes");
            day.rows().forEach(row -> outcomes.add(Double.parseDouble(row.get(label))));
            HttpResponse<String> accepted = post("v2/models/" + model + "/feedback", feedback.toString());
            if (accepted.statusCode() != 200) {
                fail(day, "feedback answered " + accepted.statusCode() + ": " + accepted.body());
            }
        } catch (IOException e) {
            fail(day, e.toString());
        }
    }

    private static String request(Day day, List<String> inputs) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode tensors = root.putArray("inputs");
        for (String name : inputs) {
            boolean number = isNumber(day.rows().get(0).get(name));
            ObjectNode tensor = tensors.addObject().put("name", name).put("datatype", number ? "FP64" : "BYTES");
            tensor.putArray("shape").add(day.rows().size());
            ArrayNode data = tensor.putArray("data");
            for (Map<String, String> row : day.rows()) {
                if (number) {
                    data.add(Double.parseDouble(row.get(name)));
                } else {
                    data.add(row.get(name));
                }
            }
        }
        return root.toString();
    }

    private static boolean isNumber(String cell) {
        try {
            Double.parseDouble(cell);
            return true;
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void fail(Day day, String why) {
        failed.incrementAndGet();
        if (failures.size() < 5) {
            failures.add(day.date() + ": " + why);
        }
    }

    /** The version the server answers with now (the {@code model_version} of an infer answer). */
    String servedVersion(Day day, List<String> inputs) throws IOException, InterruptedException {
        HttpResponse<String> answer = post("v2/models/" + model + "/infer", request(day, inputs));
        JsonNode body = JSON.readTree(answer.body());
        return body.path("model_version").asText();
    }

    int sent() {
        return sent.get();
    }

    int failed() {
        return failed.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }
}
