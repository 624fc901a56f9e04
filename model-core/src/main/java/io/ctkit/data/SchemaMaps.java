package io.ctkit.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The map form of a {@link Schema}: reading with field-path errors, and writing. */
final class SchemaMaps {
    private static final Set<String> SCHEMA_KEYS = Set.of("columns", "missingValues");
    private static final List<String> COLUMN_KEYS =
            List.of("name", "type", "kind", "missing", "fill", "min", "max", "values", "unknown");

    private SchemaMaps() {
    }

    static Schema schema(Map<String, ?> map, String path) {
        if (map == null) {
            throw new SchemaException(path, "missing; expected a map with \"columns\"");
        }
        rejectUnknownKeys(map, path, SCHEMA_KEYS);
        Object rawColumns = map.get("columns");
        if (rawColumns == null) {
            throw new SchemaException(path, "missing required key \"columns\"");
        }
        if (!(rawColumns instanceof List<?> list) || list.isEmpty()) {
            throw new SchemaException(path + ".columns", "expected a non-empty list of columns, found "
                    + describe(rawColumns));
        }
        List<String> missingValues = map.containsKey("missingValues")
                ? strings(map.get("missingValues"), path + ".missingValues")
                : Schema.DEFAULT_MISSING_VALUES;
        var columns = new ArrayList<Column>();
        var seen = new LinkedHashMap<String, Integer>();
        for (int i = 0; i < list.size(); i++) {
            String at = path + ".columns[" + i + "]";
            Column c = column(list.get(i), at);
            Integer previous = seen.putIfAbsent(c.name(), i);
            if (previous != null) {
                throw new SchemaException(at + ".name", "duplicate column name \"" + c.name()
                        + "\" (also columns[" + previous + "])");
            }
            if (c.type() == ColumnType.LABEL
                    && columns.stream().anyMatch(o -> o.type() == ColumnType.LABEL)) {
                throw new SchemaException(at + ".type", "a second label column; at most one is allowed");
            }
            columns.add(c);
        }
        return new Schema(columns, missingValues);
    }

    private static Column column(Object raw, String at) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw new SchemaException(at, "expected a map with name and type, found " + describe(raw));
        }
        rejectUnknownKeys(map, at, COLUMN_KEYS);
        String name = requiredString(map, "name", at);
        if (name.isBlank()) {
            throw new SchemaException(at + ".name", "must not be blank");
        }
        String typeKey = requiredString(map, "type", at);
        ColumnType type = ColumnType.fromKey(typeKey).orElseThrow(() -> new SchemaException(
                at + ".type", "unknown type \"" + typeKey + "\"; expected " + ColumnType.allKeys()));
        LabelKind kind = null;
        if (type == ColumnType.LABEL) {
            kind = enumValue(requiredString(map, "kind", at), at + ".kind", LabelKind.values(),
                    LabelKind::key);
        } else {
            onlyFor(map, "kind", at, type, null, "label columns");
        }
        boolean numeric = Column.isNumeric(type, kind);
        boolean categorical = Column.hasCategories(type, kind);
        if (!numeric) {
            onlyFor(map, "min", at, type, kind, "number columns and regression labels");
            onlyFor(map, "max", at, type, kind, "number columns and regression labels");
        }
        if (!categorical) {
            onlyFor(map, "values", at, type, kind, "category columns and classification labels");
            onlyFor(map, "unknown", at, type, kind, "category columns and classification labels");
        }
        Double min = number(map.get("min"), at + ".min");
        Double max = number(map.get("max"), at + ".max");
        if (min != null && max != null && min > max) {
            throw new SchemaException(at + ".max", "max " + Cells.format(max) + " is below min "
                    + Cells.format(min));
        }
        List<String> values = map.containsKey("values")
                ? strings(map.get("values"), at + ".values") : List.of();
        if (map.containsKey("values") && values.isEmpty()) {
            throw new SchemaException(at + ".values", "must not be empty; leave it out to accept any value");
        }
        UnknownCategory unknown = UnknownCategory.ERROR;
        if (map.containsKey("unknown")) {
            if (values.isEmpty()) {
                throw new SchemaException(at + ".unknown", "needs \"values\" to decide what is unknown");
            }
            unknown = enumValue(string(map.get("unknown"), at + ".unknown"), at + ".unknown",
                    UnknownCategory.values(), UnknownCategory::key);
        }
        MissingPolicy missing = missing(map, at);
        try {
            return new Column(name, type, kind, MissingPolicy.error(), min, max, values, unknown)
                    .withMissing(missing);
        } catch (IllegalArgumentException e) {
            String field = missing.action() == MissingPolicy.Action.FILL ? ".fill" : "";
            throw new SchemaException(at + field, e.getMessage());
        }
    }

    private static MissingPolicy missing(Map<?, ?> map, String at) {
        MissingPolicy.Action action = map.containsKey("missing")
                ? enumValue(string(map.get("missing"), at + ".missing"), at + ".missing",
                        MissingPolicy.Action.values(), MissingPolicy.Action::key)
                : MissingPolicy.Action.ERROR;
        Object fill = map.get("fill");
        if (action == MissingPolicy.Action.FILL) {
            if (fill == null) {
                throw new SchemaException(at, "missing: fill needs a \"fill\" value");
            }
            if (!(fill instanceof String || fill instanceof Number)) {
                throw new SchemaException(at + ".fill", "expected a string or number, found "
                        + describe(fill));
            }
            return MissingPolicy.fill(fill instanceof Double d ? Cells.format(d) : fill.toString());
        }
        if (map.containsKey("fill")) {
            throw new SchemaException(at + ".fill", "only allowed with missing: fill (missing is "
                    + action.key() + ")");
        }
        return new MissingPolicy(action, null);
    }

    static Map<String, Object> toMap(Schema schema) {
        var columns = new ArrayList<Object>();
        for (Column c : schema.columns()) {
            var m = new LinkedHashMap<String, Object>();
            m.put("name", c.name());
            m.put("type", c.type().key());
            if (c.labelKind() != null) {
                m.put("kind", c.labelKind().key());
            }
            m.put("missing", c.missing().action().key());
            if (c.missing().fill() != null) {
                m.put("fill", c.missing().fill());
            }
            if (c.min() != null) {
                m.put("min", c.min());
            }
            if (c.max() != null) {
                m.put("max", c.max());
            }
            if (!c.values().isEmpty()) {
                m.put("values", c.values());
                m.put("unknown", c.unknown().key());
            }
            columns.add(m);
        }
        var out = new LinkedHashMap<String, Object>();
        out.put("columns", columns);
        out.put("missingValues", schema.missingValues());
        return out;
    }

    private static void rejectUnknownKeys(Map<?, ?> map, String at, java.util.Collection<String> allowed) {
        for (Object key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new SchemaException(at, "unknown key \"" + key + "\"; allowed keys: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private static void onlyFor(Map<?, ?> map, String key, String at, ColumnType type, LabelKind kind,
                                String appliesTo) {
        if (map.containsKey(key)) {
            throw new SchemaException(at + "." + key, "not allowed for a " + Column.describe(type, kind)
                    + " column; it applies only to " + appliesTo);
        }
    }

    private static String requiredString(Map<?, ?> map, String key, String at) {
        if (!map.containsKey(key)) {
            throw new SchemaException(at, "missing required key \"" + key + "\"");
        }
        return string(map.get(key), at + "." + key);
    }

    private static String string(Object value, String at) {
        if (value instanceof String s) {
            return s;
        }
        throw new SchemaException(at, "expected a string, found " + describe(value));
    }

    private static List<String> strings(Object value, String at) {
        if (!(value instanceof List<?> list)) {
            throw new SchemaException(at, "expected a list of strings, found " + describe(value));
        }
        var out = new ArrayList<String>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (item instanceof String s) {
                out.add(s);
            } else if (item instanceof Integer || item instanceof Long) {
                out.add(item.toString());
            } else {
                throw new SchemaException(at + "[" + i + "]", "expected a string, found "
                        + describe(item) + " (quote it)");
            }
        }
        return out;
    }

    private static Double number(Object value, String at) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n && !Double.isNaN(n.doubleValue())) {
            return n.doubleValue();
        }
        throw new SchemaException(at, "expected a number, found " + describe(value));
    }

    private static <E> E enumValue(String key, String at, E[] values, Function<E, String> keyOf) {
        return Arrays.stream(values).filter(v -> keyOf.apply(v).equals(key)).findFirst()
                .orElseThrow(() -> new SchemaException(at, "unknown value \"" + key + "\"; expected "
                        + Arrays.stream(values).map(keyOf).collect(Collectors.joining(", "))));
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing (null)";
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
        return value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + value;
    }
}
