package io.ctkit.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.config.ConfigException;
import io.ctkit.config.ConfigNode;
import io.ctkit.data.Dataset;
import io.ctkit.model.Model;
import io.ctkit.model.Prediction;
import io.ctkit.model.PredictionBatch;
import io.ctkit.model.Task;
import io.ctkit.model.preprocess.InputSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Golden rows (format {@code ctkit-golden/1}): a few holdout rows of a version with the engine's
 * answers, stored with the version at register time ({@link Registration#withGoldenRows},
 * {@link ModelRegistry#goldenRows}). A deployment smoke-tests a started server with them, and a
 * parity check compares any scoring path with them.
 *
 * <pre>{@code
 * {"format": "ctkit-golden/1", "model": "wine", "bundle": "sha256:…", "task": "binary-classification",
 *  "inputs":  [{"alcohol": 13.2, "colour": "red"}, …],
 *  "outputs": [{"label": "good", "probabilities": [0.12, 0.88]}, …]}
 * }</pre>
 *
 * @param model the model's name
 * @param bundle the digest of the bundle whose engine gave the answers
 * @param task the model's task
 * @param inputs one row per golden row, input name to value (a number, or a string for category and
 *     text inputs), in the model's input order
 * @param outputs the engine's answer for each row
 */
public record GoldenRows(String model, String bundle, Task task, List<Map<String, Object>> inputs,
        List<Answer> outputs) {

    /** The format name written into every golden-rows document. */
    public static final String FORMAT = "ctkit-golden/1";

    /**
     * How far an answer may be from the golden one: {@code 1e-6}, relative to the golden value when
     * its magnitude is above 1. The scoring server computes in float32 and the engine in float64;
     * the scoring container's parity test holds them to the same bound.
     */
    public static final double TOLERANCE = 1e-6;

    /** Default number of golden rows chosen at register time. */
    public static final int DEFAULT_ROWS = 8;

    public GoldenRows {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(task, "task");
        inputs = inputs.stream().map(r -> Collections.unmodifiableMap(new LinkedHashMap<>(r))).toList();
        outputs = List.copyOf(outputs);
        if (inputs.size() != outputs.size()) {
            throw new IllegalArgumentException(inputs.size() + " golden inputs but " + outputs.size() + " outputs");
        }
    }

    /**
     * One answer: {@code prediction} for regression, {@code probabilities} (in label order) and
     * {@code label} for classifiers.
     */
    public record Answer(Double prediction, List<Double> probabilities, String label) {
        public Answer {
            probabilities = probabilities == null ? List.of() : List.copyOf(probabilities);
        }

        static Answer of(Prediction p, Task task) {
            return task == Task.REGRESSION ? new Answer(p.value(), List.of(), null)
                    : new Answer(null, p.probabilities(), p.label());
        }
    }

    /**
     * Chooses up to {@code count} rows of {@code data} (rows without a missing value, picked with
     * {@code seed}, kept in file order) and records the engine's answers for them.
     *
     * @throws IllegalArgumentException when no row of {@code data} is complete
     */
    public static GoldenRows choose(Model model, String bundleDigest, Dataset data, int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("the number of golden rows must be at least 1, got " + count);
        }
        List<InputSpec> specs = model.definition().inputs();
        List<Integer> complete = new ArrayList<>();
        for (int row = 0; row < data.rowCount(); row++) {
            if (complete(specs, data, row)) {
                complete.add(row);
            }
        }
        if (complete.isEmpty()) {
            throw new IllegalArgumentException(data.source() + ": no row has a value for every input, so no golden"
                    + " rows can be chosen; give data with complete rows");
        }
        Collections.shuffle(complete, new Random(seed));
        List<Integer> chosen = new ArrayList<>(complete.subList(0, Math.min(count, complete.size())));
        chosen.sort(null);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int row : chosen) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (InputSpec spec : specs) {
                values.put(spec.name(), spec instanceof InputSpec.NumberInput ? (Object) data.number(spec.name(), row)
                        : data.string(spec.name(), row));
            }
            rows.add(values);
        }
        return of(model, bundleDigest, rows);
    }

    /** The engine's answers to {@code rows}. */
    public static GoldenRows of(Model model, String bundleDigest, List<Map<String, Object>> rows) {
        PredictionBatch batch = model.predict(rows);
        List<Answer> answers = new ArrayList<>();
        for (Prediction p : batch) {
            answers.add(Answer.of(p, model.task()));
        }
        return new GoldenRows(model.name(), bundleDigest, model.task(), rows, answers);
    }

    private static boolean complete(List<InputSpec> specs, Dataset data, int row) {
        for (InputSpec spec : specs) {
            if (spec instanceof InputSpec.NumberInput) {
                if (!Double.isFinite(data.number(spec.name(), row))) {
                    return false;
                }
            } else if (data.string(spec.name(), row) == null) {
                return false;
            }
        }
        return true;
    }

    /** The number of golden rows. */
    public int size() {
        return inputs.size();
    }

    /**
     * The first answer in {@code actual} that differs from the golden one beyond {@link #TOLERANCE},
     * described with its row and input; empty when all agree.
     */
    public Optional<String> firstDifference(List<Answer> actual) {
        if (actual.size() != outputs.size()) {
            return Optional.of("expected " + outputs.size() + " answers, got " + actual.size());
        }
        for (int row = 0; row < outputs.size(); row++) {
            Optional<String> d = difference(outputs.get(row), actual.get(row));
            if (d.isPresent()) {
                return Optional.of("golden row " + row + " " + inputs.get(row) + ": " + d.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> difference(Answer expected, Answer got) {
        if (expected.prediction() != null) {
            if (got.prediction() == null || !close(expected.prediction(), got.prediction())) {
                return Optional.of("expected prediction " + expected.prediction() + ", got " + got.prediction()
                        + " (tolerance " + TOLERANCE + ")");
            }
            return Optional.empty();
        }
        if (!Objects.equals(expected.label(), got.label())) {
            return Optional.of("expected label " + expected.label() + ", got " + got.label());
        }
        if (expected.probabilities().size() != got.probabilities().size()) {
            return Optional.of("expected " + expected.probabilities().size() + " probabilities, got "
                    + got.probabilities().size());
        }
        for (int k = 0; k < expected.probabilities().size(); k++) {
            if (!close(expected.probabilities().get(k), got.probabilities().get(k))) {
                return Optional.of("expected probability " + expected.probabilities().get(k) + " for class " + k
                        + ", got " + got.probabilities().get(k) + " (tolerance " + TOLERANCE + ")");
            }
        }
        return Optional.empty();
    }

    private static boolean close(double expected, double got) {
        return Math.abs(expected - got) <= TOLERANCE * Math.max(1, Math.abs(expected));
    }

    /** The {@code ctkit-golden/1} document. */
    public byte[] toBytes() {
        ObjectNode root = Json.MAPPER.createObjectNode().put("format", FORMAT).put("model", model)
                .put("bundle", bundle).put("task", task.jsonName());
        ArrayNode in = root.putArray("inputs");
        for (Map<String, Object> row : inputs) {
            ObjectNode r = in.addObject();
            row.forEach((k, v) -> {
                if (v instanceof Number n) {
                    r.put(k, n.doubleValue());
                } else {
                    r.put(k, (String) v);
                }
            });
        }
        ArrayNode out = root.putArray("outputs");
        for (Answer a : outputs) {
            ObjectNode o = out.addObject();
            if (a.prediction() != null) {
                o.put("prediction", a.prediction());
            } else {
                o.put("label", a.label());
                ArrayNode p = o.putArray("probabilities");
                a.probabilities().forEach(p::add);
            }
        }
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a golden-rows tree cannot fail to serialize", e);
        }
    }

    /**
     * Reads a {@code ctkit-golden/1} document.
     *
     * @throws IllegalArgumentException naming {@code source} and the field when it is malformed
     */
    public static GoldenRows parse(byte[] content, String source) {
        JsonNode tree;
        try {
            tree = Json.parse(content, source);
        } catch (RegistryException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        try {
            ConfigNode root = ConfigNode.root(source, tree)
                    .requireObject(Set.of("format", "model", "bundle", "task", "inputs", "outputs"));
            String format = root.required("format").string();
            if (!format.equals(FORMAT)) {
                throw root.get("format").error("expected \"" + FORMAT + "\", got \"" + format + "\"");
            }
            Task task;
            try {
                task = Task.parse(root.required("task").string());
            } catch (IllegalArgumentException e) {
                throw root.get("task").error(e.getMessage());
            }
            List<Map<String, Object>> inputs = new ArrayList<>();
            for (ConfigNode row : root.required("inputs").list()) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (String key : row.requireMap().keys()) {
                    ConfigNode v = row.get(key);
                    values.put(key, v.raw().isNumber() ? (Object) v.number() : v.string());
                }
                inputs.add(values);
            }
            List<Answer> outputs = new ArrayList<>();
            for (ConfigNode o : root.required("outputs").list()) {
                o.requireObject(task == Task.REGRESSION ? Set.of("prediction") : Set.of("label", "probabilities"));
                if (task == Task.REGRESSION) {
                    outputs.add(new Answer(o.required("prediction").number(), List.of(), null));
                } else {
                    List<Double> p = new ArrayList<>();
                    o.required("probabilities").list().forEach(n -> p.add(n.number()));
                    outputs.add(new Answer(null, p, o.required("label").string()));
                }
            }
            if (inputs.size() != outputs.size()) {
                throw root.get("outputs").error("has " + outputs.size() + " answers for " + inputs.size() + " inputs");
            }
            return new GoldenRows(root.required("model").string(), root.optional("bundle").map(ConfigNode::string)
                    .orElse(null), task, inputs, outputs);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d golden rows of %s", size(), model);
    }
}
