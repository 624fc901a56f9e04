package io.ctkit.testkit.internal.serving;

import io.ctkit.data.Dataset;
import io.ctkit.model.Model;
import io.ctkit.model.PredictionBatch;
import io.ctkit.scoring.DatasetRows;
import io.ctkit.scoring.ModelData;
import io.ctkit.scoring.Scoring;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Serving parity: the server's answers on a dataset equal the in-process engine's (model-quality's
 * {@link Scoring}, model-core's inference) within a tolerance. The server computes in float32 and
 * the engine in float64; the scoring server's own protocol tests hold them equal to
 * {@value #TOLERANCE}, and so does this check by default. Labels must be equal.
 */
public final class ParityCheck {

    /** The tolerance of the scoring server's parity tests (ProtocolTest, ScoringContainerIT). */
    public static final double TOLERANCE = 1e-6;

    /** Rows per infer request. */
    static final int BATCH = 256;

    /** Differing rows shown in a failure. */
    static final int SHOWN = 5;

    private ParityCheck() {
    }

    /**
     * Runs the check.
     *
     * @return null when every row agrees, else the failure message
     */
    public static String run(Model model, String modelDescription, Path data, double tolerance,
            Supplier<RequestSpecification> http, String inferPath, String serverDescription) throws IOException {
        Dataset dataset = ModelData.read(model, data, null, null);
        List<Map<String, Object>> rows = DatasetRows.of(dataset, model.definition().inputs());
        PredictionBatch expected = Scoring.score(model, dataset);
        int[] sourceRows = dataset.sourceRows();
        boolean classifier = model.task().isClassification();
        int classes = classifier ? model.labels().size() : 0;
        List<String> differences = new ArrayList<>();
        int differing = 0;
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<Map<String, Object>> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
            Response response = http.get().contentType("application/json").body(InferBodies.body(model, batch))
                    .post(inferPath);
            if (response.statusCode() != 200) {
                return "serving parity on " + data + ": " + serverDescription + " answered HTTP " + response.statusCode()
                        + " to rows " + (sourceRows[from] + 1) + "-" + (sourceRows[from + batch.size() - 1] + 1) + ": "
                        + clip(response.asString()) + System.lineSeparator() + "(model " + modelDescription + ")";
            }
            List<Map<String, Object>> outputs = response.jsonPath().getList("outputs");
            List<?> values = data(outputs, classifier ? "probabilities" : "prediction");
            List<?> labels = classifier ? data(outputs, "label") : null;
            int width = classifier ? classes : 1;
            if (values == null || values.size() != batch.size() * width || (classifier && (labels == null || labels.size() != batch.size()))) {
                return "serving parity on " + data + ": " + serverDescription + " answered rows " + (sourceRows[from] + 1)
                        + "-" + (sourceRows[from + batch.size() - 1] + 1) + " without the expected outputs ("
                        + (classifier ? "probabilities [" + batch.size() + ", " + classes + "] and label [" + batch.size() + "]"
                                : "prediction [" + batch.size() + "]") + "): " + clip(response.asString());
            }
            for (int i = 0; i < batch.size(); i++) {
                int r = from + i;
                String difference = classifier
                        ? compareClasses(model, expected, r, values, labels, i, classes, tolerance)
                        : compare("prediction", expected.value(r), ((Number) values.get(i)).doubleValue(), tolerance);
                if (difference != null) {
                    differing++;
                    if (differences.size() < SHOWN) {
                        differences.add("  data row " + (sourceRows[r] + 1) + " " + show(model, rows.get(r)) + ": " + difference);
                    }
                }
            }
        }
        if (differing == 0) {
            return null;
        }
        return String.format(Locale.ROOT, "serving parity failed: %d of %d rows of %s differ beyond %s between %s and the"
                + " in-process engine on model %s; the first %d:%n%s", differing, rows.size(), data, tolerance,
                serverDescription, modelDescription, differences.size(), String.join(System.lineSeparator(), differences));
    }

    private static String compareClasses(Model model, PredictionBatch expected, int r, List<?> values, List<?> labels,
            int i, int classes, double tolerance) {
        List<String> parts = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            String d = compare("probability of " + model.labels().get(c), expected.probability(r, c),
                    ((Number) values.get(i * classes + c)).doubleValue(), tolerance);
            if (d != null) {
                parts.add(d);
            }
        }
        String served = String.valueOf(labels.get(i));
        if (!served.equals(expected.label(r))) {
            parts.add("label served " + served + ", engine " + expected.label(r));
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private static String compare(String what, double engine, double served, double tolerance) {
        double diff = Math.abs(served - engine);
        if (diff <= tolerance || (Double.isNaN(engine) && Double.isNaN(served))) {
            return null;
        }
        return String.format(Locale.ROOT, "%s served %s, engine %s (difference %.3g)", what, served, engine, diff);
    }

    private static List<?> data(List<Map<String, Object>> outputs, String name) {
        if (outputs == null) {
            return null;
        }
        for (Map<String, Object> output : outputs) {
            if (name.equals(output.get("name")) && output.get("data") instanceof List<?> list) {
                return list;
            }
        }
        return null;
    }

    private static String show(Model model, Map<String, Object> row) {
        StringBuilder s = new StringBuilder("{");
        for (var input : model.definition().inputs()) {
            s.append(s.length() > 1 ? ", " : "").append(input.name()).append('=').append(row.get(input.name()));
        }
        return s.append('}').toString();
    }

    static String clip(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
