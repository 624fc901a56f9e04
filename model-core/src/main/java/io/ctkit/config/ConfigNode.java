package io.ctkit.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A place in a settings document (ctkit.yaml, a schema, a policy file): a parsed YAML or JSON
 * node with the file it came from and its field path, so every check can say where it failed.
 * The one strict reader of ctkit:
 * <ul>
 * <li>a map's keys must be among those the reader knows; an unknown one is an error listing the
 *     known keys, with a "did you mean" for a near miss;</li>
 * <li>a value of the wrong kind is an error, never coerced: {@code "5"} is not a number, {@code 5}
 *     is not a string, {@code "true"} is not a boolean;</li>
 * <li>every error is a {@link ConfigException} naming file, path, the bad value and the fix.</li>
 * </ul>
 *
 * <pre>{@code
 * ConfigNode gate = ConfigNode.root("ctkit.yaml", tree).get("gate");
 * gate.requireObject(Set.of("confidence", "bootstrap"));
 * double level = gate.optional("confidence").map(n -> n.numberIn(0, false, 1, false)).orElse(0.95);
 * }</pre>
 */
public final class ConfigNode {
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private final String source;
    private final String path;
    private final JsonNode node;
    private final Map<String, Integer> lines;

    private ConfigNode(String source, String path, JsonNode node, Map<String, Integer> lines) {
        this.source = source == null ? "" : source;
        this.path = path == null ? "" : path;
        this.node = node == null ? MissingNode.getInstance() : node;
        this.lines = lines;
    }

    /** The whole document read from {@code source} (a file name for messages, may be empty). */
    public static ConfigNode root(String source, JsonNode node) {
        return new ConfigNode(source, "", node, Map.of());
    }

    /**
     * The whole document read from the file {@code source}, with the line of every field
     * ({@link #lines}), so that errors say where in the file they are.
     */
    public static ConfigNode root(String source, JsonNode node, Map<String, Integer> lines) {
        return new ConfigNode(source, "", node, Map.copyOf(lines));
    }

    /** A node at {@code path} of {@code source}, e.g. a section handed to the step that owns it. */
    public static ConfigNode at(String source, String path, JsonNode node) {
        return new ConfigNode(source, path, node, Map.of());
    }

    /**
     * The line (1-based) of every field and list element of a YAML or JSON document, by its path
     * as {@link #path()} spells it ({@code training.batch_size}, {@code features[1].name}), read
     * from the parser's tokens with {@code factory} (the one the tree was read with). A document
     * the parser refuses gives what was read before the error.
     */
    public static Map<String, Integer> lines(byte[] content, JsonFactory factory) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = factory.createParser(content)) {
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                JsonStreamContext ctx = parser.getParsingContext();
                int line = parser.currentTokenLocation().getLineNr();
                if (t == JsonToken.FIELD_NAME) {
                    lines.putIfAbsent(pathOf(ctx), line);
                } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    // the new container's context is open: the value sits in its parent
                    JsonStreamContext parent = ctx.getParent();
                    if (parent != null && parent.inArray()) {
                        lines.putIfAbsent(pathOf(parent), line);
                    }
                } else if (ctx.inArray() && !t.isStructEnd()) {
                    lines.putIfAbsent(pathOf(ctx), line);
                }
            }
        } catch (IOException e) {
            // the tree reader reports the error; the lines read so far still help
        }
        return lines;
    }

    /** The path of the value the context is at: {@code a.b}, {@code a[2]}; empty at the root. */
    private static String pathOf(JsonStreamContext ctx) {
        if (ctx == null || ctx.inRoot()) {
            return "";
        }
        String base = pathOf(ctx.getParent());
        if (ctx.inArray()) {
            return base + "[" + Math.max(0, ctx.getCurrentIndex()) + "]";
        }
        String name = ctx.getCurrentName() == null ? "" : ctx.getCurrentName();
        return base.isEmpty() ? name : base + "." + name;
    }

    /** The line of {@code at}, else of its nearest ancestor the file has (a missing field: its map). */
    private int lineOf(String at) {
        if (lines.isEmpty()) {
            return 0;
        }
        String p = at;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 0;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
    }

    /**
     * A map given in Java (strings, numbers, booleans, lists and maps, as a YAML parser gives
     * them), read at {@code path} of {@code source}. Values are taken as they are: a Java
     * {@code Integer} stays a number, a {@code String} stays a string.
     */
    public static ConfigNode ofMap(String source, String path, Map<String, ?> map) {
        if (map == null) {
            throw new ConfigException(source, path, "missing; expected a map of settings");
        }
        JsonNode tree;
        try {
            tree = PLAIN.valueToTree(map);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, path, "cannot be read as settings: " + e.getMessage());
        }
        return new ConfigNode(source, path, tree, Map.of());
    }

    /** The file (or other source) this node came from, as messages name it. */
    public String source() {
        return source;
    }

    /** The field path, e.g. {@code gate.thresholds[0].min}; empty for the document itself. */
    public String path() {
        return path;
    }

    /** The parsed value (a {@link MissingNode} when absent). */
    public JsonNode raw() {
        return node;
    }

    /** Whether the value is absent or null. */
    public boolean isMissing() {
        return node.isMissingNode() || node.isNull();
    }

    /** An error at this node. */
    public ConfigException error(String problem) {
        return new ConfigException(source, lineOf(path), path, problem);
    }

    /** An error at this node's field {@code key}. */
    public ConfigException error(String key, String problem) {
        return new ConfigException(source, lineOf(child(key)), child(key), problem);
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /**
     * This node as a map whose keys must all be in {@code allowed}; an unknown key is an error
     * listing the allowed keys, with a "did you mean" for a near miss.
     */
    public ConfigNode requireObject(Collection<String> allowed) {
        if (!node.isObject()) {
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

    /**
     * As {@link #requireObject(Collection)}, for a map whose keys depend on its kind: the message
     * says which, e.g. {@code unknown field for a number input; expected one of name, type}.
     */
    public ConfigNode requireObject(Collection<String> allowed, String what) {
        requireMap();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw error(key, "unknown field for " + what + "; expected one of " + sorted(allowed)
                        + suggestion(key, allowed));
            }
        }
        return this;
    }

    /** This node as a map of any keys (e.g. names chosen by the user); an error for anything else. */
    public ConfigNode requireMap() {
        if (!node.isObject()) {
            throw error("expected a map, got " + describe(node));
        }
        return this;
    }

    /** The keys of this map, in document order (empty when not a map). */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(keys::add);
        }
        return keys;
    }

    /** Whether this map has {@code key} with a non-null value. */
    public boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    /** The value at {@code key} (missing when absent). */
    public ConfigNode get(String key) {
        return new ConfigNode(source, child(key), node.get(key), lines);
    }

    /** The value at {@code key}, which must be present. */
    public ConfigNode required(String key) {
        if (!has(key)) {
            throw error(key, "missing; this field is required");
        }
        return get(key);
    }

    public Optional<ConfigNode> optional(String key) {
        return has(key) ? Optional.of(get(key)) : Optional.empty();
    }

    /** The elements of this list, each with its path ({@code key[i]}). */
    public List<ConfigNode> list() {
        if (!node.isArray()) {
            throw error("expected a list, got " + describe(node));
        }
        List<ConfigNode> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(new ConfigNode(source, path + "[" + i + "]", node.get(i), lines));
        }
        return items;
    }

    /** A non-empty string. */
    public String string() {
        if (!node.isTextual()) {
            throw error("expected a string, got " + describe(node) + hintQuote());
        }
        if (node.asText().isBlank()) {
            throw error("must not be empty");
        }
        return node.asText();
    }

    /** A string, which may be empty. */
    public String anyString() {
        if (!node.isTextual()) {
            throw error("expected a string, got " + describe(node) + hintQuote());
        }
        return node.asText();
    }

    /** A list of strings; numbers and booleans are refused with the advice to quote them. */
    public List<String> strings() {
        List<String> out = new ArrayList<>();
        for (ConfigNode item : list()) {
            out.add(item.anyString());
        }
        return out;
    }

    public boolean bool() {
        if (!node.isBoolean()) {
            throw error("must be true or false, got " + describe(node));
        }
        return node.asBoolean();
    }

    public int positiveInt() {
        return intAtLeast(1);
    }

    public int nonNegativeInt() {
        return intAtLeast(0);
    }

    /** A whole number of at least {@code min} that fits an {@code int}. */
    public int intAtLeast(int min) {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min) {
            throw error(min == 1 ? "must be a positive integer, got " + describe(node)
                    : min == 0 ? "must be an integer of 0 or more, got " + describe(node)
                    : "must be an integer of at least " + min + ", got " + describe(node));
        }
        return node.asInt();
    }

    /** A positive duration written with its unit ({@code 90s}, {@code 15m}, {@code 6h}, {@code 1d}): {@link Durations}. */
    public java.time.Duration duration() {
        return Durations.of(this);
    }

    public long anyLong() {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw error("must be an integer, got " + describe(node));
        }
        return node.asLong();
    }

    /** A finite number. */
    public double number() {
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw error("must be a number, got " + describe(node));
        }
        return node.asDouble();
    }

    /** A number in {@code (low, high)}, the ends included as the flags say. */
    public double numberIn(double low, boolean lowIncluded, double high, boolean highIncluded) {
        double v = number();
        boolean ok = (lowIncluded ? v >= low : v > low) && (highIncluded ? v <= high : v < high);
        if (!ok) {
            throw error("must be " + (lowIncluded ? "at least " : "greater than ") + fmt(low)
                    + (Double.isInfinite(high) ? "" : " and " + (highIncluded ? "at most " : "less than ") + fmt(high))
                    + ", got " + describe(node));
        }
        return v;
    }

    /** A number in [0, 1]. */
    public double fraction() {
        return numberIn(0, true, 1, true);
    }

    /** A number strictly between 0 and 1, e.g. a confidence level. */
    public double openFraction() {
        return numberIn(0, false, 1, false);
    }

    /** One of {@code choices}, by exact text, with a "did you mean" for a near miss. */
    public String choice(Collection<String> choices) {
        String v = node.isTextual() ? node.asText() : null;
        if (v == null || !choices.contains(v)) {
            throw error("must be one of " + String.join(", ", choices) + ", got " + describe(node)
                    + (v == null ? "" : suggestion(v, choices)));
        }
        return v;
    }

    /** The value as plain Java (maps, lists, strings, numbers, booleans), e.g. for options passed on. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> toMap() {
        requireMap();
        return PLAIN.convertValue(node, Map.class);
    }

    /** The value as messages show it: {@code "text"}, {@code 5}, {@code a map}, {@code nothing}. */
    public static String describe(JsonNode node) {
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
        if (node.isNumber()) {
            return node.asText(); // 1e999 reads as infinity: "Infinity", not the JSON text of a string
        }
        return node.toString();
    }

    /** A value where a string belongs: a YAML number or boolean that the user meant as text. */
    private String hintQuote() {
        return node.isNumber() || node.isBoolean() ? " (quote it, \"" + node.asText()
                + "\", to give the text exactly as written)" : "";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String sorted(Collection<String> keys) {
        return String.join(", ", new TreeSet<>(keys));
    }

    /** A "did you mean" for a misspelt word: the allowed word with the smallest edit distance, if close. */
    public static String suggestion(String word, Collection<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : new TreeSet<>(allowed)) {
            int d = distance(word, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(1, word.length() / 3) ? " (did you mean \"" + best + "\"?)" : "";
    }

    /** Edit distance counting a swap of two neighbouring letters as one edit ("mni" is one from "min"). */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    @Override
    public String toString() {
        return (source.isEmpty() ? "" : source + ": ") + (path.isEmpty() ? "(document)" : path);
    }

}
