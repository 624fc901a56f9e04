package io.ctkit.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Turns a Jackson binding failure into ctkit's message form, {@code file: path: problem}: the
 * path from the exception's reference chain (snake_case keys, [i] indices), the rule from the
 * exception type, known properties and a "did you mean" for unknown keys. What a switch would add
 * on top of Jackson to keep today's messages.
 */
final class JacksonErrors {

    private JacksonErrors() {
    }

    static String message(String file, JsonProcessingException e) {
        return message(file, e, null, null);
    }

    /**
     * As {@link #message(String, JsonProcessingException)}, and with the mapper and the file's tree
     * (read again only on this error path) it restores the unknown-key error that Jackson reports
     * too late for records: a record's creator runs (and may fail: a required field missing, a rule in
     * the compact constructor) before the unknown keys it buffered are reported, so a misspelt required
     * key would read "holdout: missing" instead of "holdot: unknown field (did you mean "holdout"?)".
     */
    static String message(String file, JsonProcessingException e, ObjectMapper mapper, Supplier<JsonNode> tree) {
        if (mapper != null && e instanceof JsonMappingException m && (e instanceof ValueInstantiationException
                || e instanceof MismatchedInputException mi && mi.getOriginalMessage().startsWith("Missing required"))) {
            String unknown = unknownKeyFirst(file, m, mapper, tree);
            if (unknown != null) {
                return unknown;
            }
        }
        if (!(e instanceof JsonMappingException m) || e.getCause() instanceof com.fasterxml.jackson.core.JsonParseException) {
            // A YAML syntax error (possibly wrapped with the path where binding was): the line is what helps.
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            return file + ": " + where + "not valid YAML: " + e.getOriginalMessage().split("\n")[0];
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        String problem;
        if (e instanceof UnrecognizedPropertyException u) {
            problem = "unknown field; expected one of " + sorted(u.getKnownPropertyIds())
                    + suggestion(u.getPropertyName(), u.getKnownPropertyIds());
        } else if (e instanceof ValueInstantiationException v && v.getCause() instanceof JacksonPipeline.Invalid i) {
            path.append(path.length() == 0 ? "" : ".").append(i.field);
            problem = i.getMessage() + (i.value == null ? "" : ", got " + describe(i.value));
        } else if (e instanceof InvalidFormatException f) {
            problem = "must be " + expected(f.getTargetType()) + ", got " + describe(f.getValue());
        } else if (e instanceof MismatchedInputException mi && mi.getOriginalMessage().startsWith("Missing required")) {
            problem = "missing; this field is required";
        } else if (e instanceof com.fasterxml.jackson.databind.exc.InvalidNullException) {
            problem = "missing (null); this field is required";
        } else if (e instanceof MismatchedInputException mi && mi.getOriginalMessage().startsWith("No content")) {
            problem = "the file is empty";
        } else if (e instanceof MismatchedInputException mi) {
            problem = "must be " + expected(mi.getTargetType()) + " (" + mi.getOriginalMessage().split("\n")[0] + ")";
        } else {
            problem = m.getOriginalMessage().split("\n")[0];
        }
        return file + ": " + (path.length() == 0 ? "" : path + ": ") + problem;
    }

    private static String unknownKeyFirst(String file, JsonMappingException m, ObjectMapper mapper,
            Supplier<JsonNode> tree) {
        List<JsonMappingException.Reference> path = m.getPath();
        Class<?> owner;
        int depth;
        if (m instanceof ValueInstantiationException v) {
            owner = v.getType().getRawClass();
            depth = path.size();
        } else {
            if (path.isEmpty() || !(path.get(path.size() - 1).getFrom() instanceof Class<?> c)) {
                return null;
            }
            owner = c;
            depth = path.size() - 1;
        }
        JsonNode node = tree == null ? null : tree.get();
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < depth && node != null; i++) {
            JsonMappingException.Reference r = path.get(i);
            node = r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
            where.append(r.getFieldName() != null ? (where.length() == 0 ? "" : ".") + r.getFieldName()
                    : "[" + r.getIndex() + "]");
        }
        if (node == null || !node.isObject()) {
            return null;
        }
        Set<Object> known = new TreeSet<>();
        mapper.getDeserializationConfig().introspect(mapper.constructType(owner)).findProperties()
                .forEach(p -> known.add(p.getName()));
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                return file + ": " + (where.length() == 0 ? "" : where + ".") + key + ": unknown field; expected one of "
                        + sorted(known) + suggestion(key, known);
            }
        }
        return null;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "something else";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(c -> {
                try {
                    var p = type.getField(((Enum<?>) c).name()).getAnnotation(
                            com.fasterxml.jackson.annotation.JsonProperty.class);
                    return p == null ? ((Enum<?>) c).name() : p.value();
                } catch (NoSuchFieldException ex) {
                    return ((Enum<?>) c).name();
                }
            }).collect(Collectors.joining(", "));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isRecord() || java.util.Map.class.isAssignableFrom(type)) {
            return "a map";
        }
        return type.getSimpleName();
    }

    private static String describe(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }

    private static String sorted(Collection<Object> keys) {
        return keys.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new)).stream()
                .collect(Collectors.joining(", "));
    }

    private static String suggestion(String key, Collection<Object> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Object k : known) {
            int d = distance(key, String.valueOf(k));
            if (d < bestDistance) {
                bestDistance = d;
                best = String.valueOf(k);
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
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1),
                        prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
