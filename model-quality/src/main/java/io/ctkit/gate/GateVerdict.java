package io.ctkit.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a gate, and the {@code ctkit-gate/1} file format: {@link #toJson()} writes it,
 * {@link #parse} reads it back (the registry records verdicts with it). Passed when every check
 * passed.
 *
 * @param challenger what was judged (kind, source, name, sha256, data, rows), as written in the file
 * @param champion   what it was compared with, or null on a first run
 */
public record GateVerdict(boolean passed, boolean firstRun, List<GateCheck> checks, Map<String, Object> challenger,
        Map<String, Object> champion) {

    public static final String FORMAT = "ctkit-gate/1";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public GateVerdict {
        checks = List.copyOf(checks);
        challenger = challenger == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(challenger));
        champion = champion == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(champion));
    }

    /** The checks that failed. */
    public List<GateCheck> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /**
     * The bundle digest of the challenger when the gate scored a model bundle ({@code challenger.kind}
     * "model"), else null: a verdict on a predictions file names no bundle.
     */
    public String challengerDigest() {
        return "model".equals(challenger.get("kind")) && challenger.get("sha256") instanceof String s ? s : null;
    }

    /**
     * Refuses this verdict as evidence for a bundle it was not made for: a verdict on a model names
     * its bundle's digest, which must be {@code bundleDigest}.
     *
     * @throws IllegalArgumentException naming {@code source}, both digests and the fix
     */
    public void requireFor(String bundleDigest, String what, String source) {
        String digest = challengerDigest();
        if (digest != null && !digest.equals(bundleDigest)) {
            throw new IllegalArgumentException(source + ": this gate verdict judged the bundle " + digest + ", not "
                    + what + " (" + bundleDigest + "); record the verdict of this version's own gate");
        }
    }

    /**
     * {@code {"format":"ctkit-gate/1","passed":..,"first_run":..,"checks":[..],"challenger":{..},
     * "champion":{..}|null}}; undefined numbers are {@code null}.
     */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("passed", passed);
        root.put("first_run", firstRun);
        var list = root.putArray("checks");
        for (GateCheck c : checks) {
            ObjectNode n = list.addObject();
            n.put("name", c.name());
            n.put("kind", c.kind() == null ? null : c.kind().key());
            n.put("metric", c.metric());
            n.put("slice", c.slice());
            number(n, "observed", c.observed());
            number(n, "ci_low", c.ciLow());
            number(n, "ci_high", c.ciHigh());
            number(n, "bound", c.bound());
            number(n, "champion", c.champion() == null ? Double.NaN : c.champion());
            number(n, "delta", c.delta() == null ? Double.NaN : c.delta());
            n.put("passed", c.passed());
            n.put("message", c.message());
        }
        root.set("challenger", JSON.valueToTree(challenger));
        if (champion == null) {
            root.putNull("champion");
        } else {
            root.set("champion", JSON.valueToTree(champion));
        }
        return root;
    }

    /**
     * Reads a verdict strictly: the format, {@code passed}, {@code first_run} and {@code checks}
     * must be there with the right types; each check needs {@code name} and {@code passed};
     * {@code kind} is one of threshold, no_regression, improvement, tests, or null; a verdict that
     * passed may not hold a failed check; duplicate keys and trailing content are refused.
     * Other keys are allowed (and kept by whoever stores the file).
     *
     * @param source names the file in error messages
     * @throws IllegalArgumentException naming {@code source}, the field and what was wrong
     */
    public static GateVerdict parse(byte[] content, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new IllegalArgumentException(source + ": is not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": cannot be read: " + e, e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException(source + ": is empty; expected JSON");
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(source + ": a gate verdict must be a JSON object");
        }
        JsonNode format = root.get("format");
        if (format == null || !format.isTextual() || !format.asText().equals(FORMAT)) {
            throw new IllegalArgumentException(source + ": \"format\" must be \"" + FORMAT + "\", got "
                    + (format == null ? "nothing" : format.toString()) + "; is it a gate verdict?");
        }
        boolean passed = bool(root, "passed", source);
        boolean firstRun = bool(root, "first_run", source);
        JsonNode array = root.get("checks");
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException(source + ": \"checks\" must be an array");
        }
        List<GateCheck> checks = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode c = array.get(i);
            String where = source + ": checks[" + i + "]";
            if (!c.isObject()) {
                throw new IllegalArgumentException(where + " must be an object");
            }
            String kindText = text(c, "kind", where, false);
            GateCheck.Kind kind = kindText == null ? null : GateCheck.Kind.fromKey(kindText).orElseThrow(() ->
                    new IllegalArgumentException(where + ": \"kind\" must be threshold, no_regression, improvement or"
                            + " null, got \"" + kindText + "\""));
            double champion = number(c, "champion", where);
            double delta = number(c, "delta", where);
            GateCheck check = new GateCheck(text(c, "name", where, true), kind, text(c, "metric", where, false),
                    text(c, "slice", where, false), number(c, "observed", where), number(c, "ci_low", where),
                    number(c, "ci_high", where), number(c, "bound", where), Double.isNaN(champion) ? null : champion,
                    Double.isNaN(delta) ? null : delta, bool(c, "passed", where), text(c, "message", where, false));
            if (passed && !check.passed()) {
                throw new IllegalArgumentException(where + " (\"" + check.name() + "\") failed, but the verdict says"
                        + " \"passed\": true; the file is inconsistent");
            }
            checks.add(check);
        }
        return new GateVerdict(passed, firstRun, checks, map(root.get("challenger"), source, "challenger"),
                root.hasNonNull("champion") ? map(root.get("champion"), source, "champion") : null);
    }

    /** One line per check, failures marked, then the verdict. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("gate: ").append(checks.size()).append(checks.size() == 1 ? " check" : " checks")
                .append(firstRun ? " (first run: no champion)" : "").append(System.lineSeparator());
        for (GateCheck c : checks) {
            sb.append(c.passed() ? "  PASS  " : "  FAIL  ").append(c.message()).append(System.lineSeparator());
        }
        sb.append(passed ? "gate passed" : "gate FAILED: " + failures().size() + " of " + checks.size()
                + " checks failed");
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode node, String source, String field) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(source + ": \"" + field + "\" must be an object or null, got " + node);
        }
        return JSON.convertValue(node, Map.class);
    }

    private static void number(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }

    private static boolean bool(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isBoolean()) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" must be true or false, got "
                    + (v == null ? "nothing" : v.toString()));
        }
        return v.asBoolean();
    }

    private static String text(JsonNode node, String field, String where, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException(where + ": \"" + field + "\" is missing");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" must be a string, got " + v);
        }
        return v.asText();
    }

    private static double number(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" must be a number or null, got " + v);
        }
        return v.asDouble();
    }
}
