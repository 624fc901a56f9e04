package io.ctkit.data;

import io.ctkit.config.ConfigException;
import io.ctkit.config.ConfigNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The map form of a {@link Schema}: reading (with {@link ConfigNode}, strictly) and writing. */
final class SchemaMaps {
    private static final Set<String> SCHEMA_KEYS = Set.of("columns", "missingValues");
    private static final Set<String> COLUMN_KEYS =
            Set.of("name", "type", "kind", "missing", "fill", "min", "max", "values", "unknown");

    private SchemaMaps() {
    }

    static Schema schema(ConfigNode node) {
        if (node.isMissing()) {
            throw node.error("missing; expected a map with \"columns\"");
        }
        node.requireObject(SCHEMA_KEYS);
        List<ConfigNode> list = node.required("columns").list();
        if (list.isEmpty()) {
            throw node.get("columns").error("expected a non-empty list of columns, got an empty list");
        }
        List<String> missingValues = node.has("missingValues") ? node.get("missingValues").strings()
                : Schema.DEFAULT_MISSING_VALUES;
        var columns = new ArrayList<Column>();
        var seen = new LinkedHashMap<String, Integer>();
        for (int i = 0; i < list.size(); i++) {
            ConfigNode at = list.get(i);
            Column c = column(at);
            Integer previous = seen.putIfAbsent(c.name(), i);
            if (previous != null) {
                throw at.error("name", "duplicate column name \"" + c.name() + "\" (also columns[" + previous + "])");
            }
            if (c.type() == ColumnType.LABEL && columns.stream().anyMatch(o -> o.type() == ColumnType.LABEL)) {
                throw at.error("type", "a second label column; at most one is allowed");
            }
            columns.add(c);
        }
        return new Schema(columns, missingValues);
    }

    private static Column column(ConfigNode at) {
        if (!at.raw().isObject()) {
            throw at.error("expected a map with name and type, got " + ConfigNode.describe(at.raw()));
        }
        at.requireObject(COLUMN_KEYS);
        String name = at.required("name").string();
        String typeKey = at.required("type").anyString();
        ColumnType type = ColumnType.fromKey(typeKey).orElseThrow(() -> at.error("type",
                "unknown type \"" + typeKey + "\"; expected " + ColumnType.allKeys()
                        + ConfigNode.suggestion(typeKey, Arrays.stream(ColumnType.values()).map(ColumnType::key).toList())));
        LabelKind kind = null;
        if (type == ColumnType.LABEL) {
            kind = enumValue(at.required("kind"), LabelKind.values(), LabelKind::key);
        } else {
            onlyFor(at, "kind", type, null, "label columns");
        }
        boolean numeric = Column.isNumeric(type, kind);
        boolean categorical = Column.hasCategories(type, kind);
        if (!numeric) {
            onlyFor(at, "min", type, kind, "number columns and regression labels");
            onlyFor(at, "max", type, kind, "number columns and regression labels");
        }
        if (!categorical) {
            onlyFor(at, "values", type, kind, "category columns and classification labels");
            onlyFor(at, "unknown", type, kind, "category columns and classification labels");
        }
        Double min = at.has("min") ? number(at.get("min")) : null;
        Double max = at.has("max") ? number(at.get("max")) : null;
        if (min != null && max != null && min > max) {
            throw at.error("max", "max " + Cells.format(max) + " is below min " + Cells.format(min));
        }
        // Category values are compared with the CSV cells' text, so they must be strings: a YAML
        // number (0, 1.0, 01) has lost how it was written, and quoting keeps it exact.
        List<String> values = at.has("values") ? at.get("values").strings() : List.of();
        if (at.has("values") && values.isEmpty()) {
            throw at.error("values", "must not be empty; leave it out to accept any value");
        }
        UnknownCategory unknown = UnknownCategory.ERROR;
        if (at.has("unknown")) {
            if (values.isEmpty()) {
                throw at.error("unknown", "needs \"values\" to decide what is unknown");
            }
            unknown = enumValue(at.get("unknown"), UnknownCategory.values(), UnknownCategory::key);
        }
        MissingPolicy missing = missing(at);
        try {
            return new Column(name, type, kind, MissingPolicy.error(), min, max, values, unknown).withMissing(missing);
        } catch (IllegalArgumentException e) {
            throw missing.action() == MissingPolicy.Action.FILL ? at.error("fill", e.getMessage()) : at.error(e.getMessage());
        }
    }

    private static MissingPolicy missing(ConfigNode at) {
        MissingPolicy.Action action = at.has("missing")
                ? enumValue(at.get("missing"), MissingPolicy.Action.values(), MissingPolicy.Action::key)
                : MissingPolicy.Action.ERROR;
        if (action == MissingPolicy.Action.FILL) {
            if (!at.has("fill")) {
                throw at.error("missing: fill needs a \"fill\" value");
            }
            ConfigNode fill = at.get("fill");
            if (fill.raw().isTextual()) {
                return MissingPolicy.fill(fill.raw().asText());
            }
            if (fill.raw().isNumber()) {
                return MissingPolicy.fill(fill.raw().isIntegralNumber() ? fill.raw().asText() : Cells.format(fill.number()));
            }
            throw fill.error("expected a string or number, got " + ConfigNode.describe(fill.raw()));
        }
        if (at.has("fill")) {
            throw at.error("fill", "only allowed with missing: fill (missing is " + action.key() + ")");
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

    private static void onlyFor(ConfigNode at, String key, ColumnType type, LabelKind kind, String appliesTo) {
        if (at.raw().has(key)) {
            throw at.error(key, "not allowed for a " + Column.describe(type, kind) + " column; it applies only to "
                    + appliesTo);
        }
    }

    private static Double number(ConfigNode node) {
        if (node.raw().isNumber() && !Double.isNaN(node.raw().asDouble())) {
            return node.raw().asDouble();
        }
        throw node.error("expected a number, got " + ConfigNode.describe(node.raw()));
    }

    private static <E> E enumValue(ConfigNode node, E[] values, Function<E, String> keyOf) {
        String text = node.raw().isTextual() ? node.raw().asText() : null;
        for (E v : values) {
            if (keyOf.apply(v).equals(text)) {
                return v;
            }
        }
        throw unknownValue(node, values, keyOf);
    }

    private static <E> ConfigException unknownValue(ConfigNode node, E[] values, Function<E, String> keyOf) {
        List<String> keys = Arrays.stream(values).map(keyOf).toList();
        String got = ConfigNode.describe(node.raw());
        return node.error("unknown value " + got + "; expected " + String.join(", ", keys)
                + (node.raw().isTextual() ? ConfigNode.suggestion(node.raw().asText(), keys) : ""));
    }
}
