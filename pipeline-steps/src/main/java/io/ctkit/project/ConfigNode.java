package io.ctkit.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A place in a parsed {@code ctkit.yaml}: a YAML node with its field path, so every check can
 * say where it failed. Reading is strict: a value of the wrong kind is an error, never coerced.
 */
final class ConfigNode {
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private final String file;
    private final String path;
    private final JsonNode node;

    ConfigNode(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    String path() {
        return path;
    }

    JsonNode raw() {
        return node;
    }

    PipelineFileException error(String problem) {
        return new PipelineFileException(file, path, problem);
    }

    PipelineFileException error(String key, String problem) {
        return new PipelineFileException(file, child(key), problem);
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** This node as a map whose keys must all be in {@code allowed}; lists the allowed keys otherwise. */
    ConfigNode requireObject(Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw error("expected a map with keys " + sorted(allowed) + ", got " + describe(node));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw error(key, "unknown field; expected one of " + sorted(allowed) + suggestion(key, allowed));
            }
        }
        return this;
    }

    boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    ConfigNode get(String key) {
        return new ConfigNode(file, child(key), node.get(key));
    }

    ConfigNode required(String key) {
        if (!has(key)) {
            throw error(key, "missing; this field is required");
        }
        return get(key);
    }

    Optional<ConfigNode> optional(String key) {
        return has(key) ? Optional.of(get(key)) : Optional.empty();
    }

    List<ConfigNode> list() {
        if (node == null || !node.isArray()) {
            throw error("expected a list, got " + describe(node));
        }
        List<ConfigNode> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(new ConfigNode(file, path + "[" + i + "]", node.get(i)));
        }
        return items;
    }

    String string() {
        if (node == null || !node.isTextual()) {
            throw error("expected a string, got " + describe(node));
        }
        if (node.asText().isBlank()) {
            throw error("must not be empty");
        }
        return node.asText();
    }

    int positiveInt() {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
            throw error("must be a positive integer, got " + describe(node));
        }
        return node.asInt();
    }

    int nonNegativeInt() {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 0) {
            throw error("must be an integer of 0 or more, got " + describe(node));
        }
        return node.asInt();
    }

    long anyLong() {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw error("must be an integer, got " + describe(node));
        }
        return node.asLong();
    }

    double number() {
        if (node == null || !node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw error("must be a number, got " + describe(node));
        }
        return node.asDouble();
    }

    /** A number in {@code (low, high)}, the ends included as the flags say. */
    double numberIn(double low, boolean lowIncluded, double high, boolean highIncluded) {
        double v = number();
        boolean ok = (lowIncluded ? v >= low : v > low) && (highIncluded ? v <= high : v < high);
        if (!ok) {
            throw error("must be " + (lowIncluded ? "at least " : "greater than ") + fmt(low)
                    + (Double.isInfinite(high) ? "" : " and " + (highIncluded ? "at most " : "less than ") + fmt(high))
                    + ", got " + describe(node));
        }
        return v;
    }

    /** One of {@code choices}, by exact text. */
    String choice(List<String> choices) {
        String v = node != null && node.isTextual() ? node.asText() : null;
        if (v == null || !choices.contains(v)) {
            throw error("must be one of " + String.join(", ", choices) + ", got " + describe(node));
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> toMap() {
        return PLAIN.convertValue(node, Map.class);
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "\"" + node.asText() + "\"";
        }
        if (node.isObject()) {
            return "a map";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String sorted(Set<String> keys) {
        return String.join(", ", new TreeSet<>(keys));
    }

    /** A "did you mean" for a misspelt key: the allowed key with the smallest edit distance, if close. */
    private static String suggestion(String key, Set<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = distance(key, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(1, key.length() / 3) ? " (did you mean \"" + best + "\"?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
