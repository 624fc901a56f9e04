package io.ctkit.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one level of a policy map with paths in its errors, and refuses keys nobody read:
 * a misspelt field must be an error, not a silently ignored setting.
 *
 * <pre>{@code
 * StrictMap m = StrictMap.of(map, "ctkit.yaml: validation");
 * double f = m.fraction("max_missing_fraction", 0.0);
 * m.finish();   // "ctkit.yaml: validation.max_mising_fraction: unknown key; known keys: ..."
 * }</pre>
 */
public final class StrictMap {
    private final Map<String, ?> map;
    private final String where;
    private final Set<String> known = new LinkedHashSet<>();

    private StrictMap(Map<String, ?> map, String where) {
        this.map = map;
        this.where = where;
    }

    /**
     * {@code where} is the path of the map itself: {@code "ctkit.yaml: gate"} (keys become
     * {@code ctkit.yaml: gate.key}) or a file name ending in a colon, {@code "policy.yaml:"}
     * (keys become {@code policy.yaml: key}).
     */
    public static StrictMap of(Map<String, ?> map, String where) {
        Objects.requireNonNull(where, "where");
        if (map == null) {
            throw new PolicyException(where + ": expected a map of settings, found nothing");
        }
        return new StrictMap(map, where);
    }

    /** Reads {@code value} at path {@code where} as a map. */
    public static StrictMap of(Object value, String where) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new PolicyException(where + ": expected a map of settings, found " + describe(value));
        }
        for (Object key : m.keySet()) {
            if (!(key instanceof String)) {
                throw new PolicyException(where + ": keys must be strings, found " + describe(key));
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> typed = (Map<String, ?>) m;
        return new StrictMap(typed, where);
    }

    /** The path of {@code key} inside this map. */
    public String path(String key) {
        return where.endsWith(":") ? where + " " + key : where + "." + key;
    }

    public boolean has(String key) {
        known.add(key);
        return map.containsKey(key) && map.get(key) != null;
    }

    public double number(String key, double fallback) {
        Object v = value(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw error(key, "must be a number", v);
        }
        return n.doubleValue();
    }

    /** A number in [0, 1]. */
    public double fraction(String key, double fallback) {
        double f = number(key, fallback);
        if (!(f >= 0 && f <= 1)) {
            throw error(key, "must be a fraction between 0 and 1", f);
        }
        return f;
    }

    /** A number strictly between 0 and 1, e.g. a confidence level. */
    public double openFraction(String key, double fallback) {
        double f = number(key, fallback);
        if (!(f > 0 && f < 1)) {
            throw error(key, "must be strictly between 0 and 1 (e.g. 0.95)", f);
        }
        return f;
    }

    public int integer(String key, int fallback, int min) {
        Object v = value(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < min
                || ((Number) v).longValue() > Integer.MAX_VALUE) {
            throw error(key, "must be a whole number of at least " + min, v);
        }
        return ((Number) v).intValue();
    }

    public long longValue(String key, long fallback) {
        Object v = value(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Integer || v instanceof Long)) {
            throw error(key, "must be a whole number", v);
        }
        return ((Number) v).longValue();
    }

    public boolean bool(String key, boolean fallback) {
        Object v = value(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw error(key, "must be true or false", v);
        }
        return b;
    }

    /** A string, or {@code fallback}; when {@code allowed} is not empty the string must be one of them. */
    public String string(String key, String fallback, String... allowed) {
        Object v = value(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s) || s.isEmpty()) {
            throw error(key, "must be a non-empty string", v);
        }
        if (allowed.length > 0 && !List.of(allowed).contains(s)) {
            throw error(key, "must be one of " + String.join(", ", allowed), v);
        }
        return s;
    }

    /** A nested map, or {@code null} when absent. */
    public StrictMap map(String key) {
        Object v = value(key);
        return v == null ? null : of(v, path(key));
    }

    /** Each element of a list, converted with access to its path ({@code key[i]}). */
    public <T> List<T> list(String key, Function<Element, T> convert) {
        Object v = value(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> items)) {
            throw error(key, "must be a list", v);
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(convert.apply(new Element(items.get(i), path(key) + "[" + i + "]")));
        }
        return out;
    }

    /** A map from names to fractions in [0, 1] (e.g. per-column limits). */
    public Map<String, Double> fractions(String key) {
        StrictMap m = map(key);
        Map<String, Double> out = new LinkedHashMap<>();
        if (m != null) {
            for (String name : m.map.keySet()) {
                out.put(name, m.fraction(name, 0));
            }
        }
        return out;
    }

    /** Fails on the first key no getter asked for, listing the known keys. */
    public void finish() {
        for (String key : map.keySet()) {
            if (!known.contains(key)) {
                throw new PolicyException(path(key) + ": unknown key; known keys here: " + String.join(", ", known));
            }
        }
    }

    /** A failure at {@code key}, showing the bad value. */
    public PolicyException error(String key, String rule, Object value) {
        return new PolicyException(path(key) + ": " + rule + ", got " + describe(value));
    }

    private Object value(String key) {
        known.add(key);
        return map.get(key);
    }

    static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof Map) {
            return "a map";
        }
        if (value instanceof List) {
            return "a list";
        }
        return String.valueOf(value);
    }

    /** One list element and its path. */
    public record Element(Object value, String path) {
        public StrictMap asMap() {
            return of(value, path);
        }
    }
}
