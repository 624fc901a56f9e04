package io.ctkit.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The declared columns of a CSV dataset and the cell texts that count as missing.
 * Columns are matched to the CSV header by name; header columns not declared here are
 * ignored.
 *
 * @param columns       the declared columns, names unique, at most one {@link ColumnType#LABEL}
 * @param missingValues cell texts that mean "missing" (compared exactly, no trimming);
 *                      {@code [""]} by default
 */
public record Schema(List<Column> columns, List<String> missingValues) {

    /** The default {@link #missingValues()}: only the empty cell. */
    public static final List<String> DEFAULT_MISSING_VALUES = List.of("");

    public Schema {
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        missingValues = List.copyOf(Objects.requireNonNull(missingValues, "missingValues"));
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a schema needs at least one column");
        }
        var byName = new HashMap<String, Integer>();
        int labels = 0;
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            Integer previous = byName.putIfAbsent(c.name(), i);
            if (previous != null) {
                throw new IllegalArgumentException("column \"" + c.name() + "\" is declared twice"
                        + " (columns " + previous + " and " + i + ")");
            }
            if (c.type() == ColumnType.LABEL && ++labels > 1) {
                throw new IllegalArgumentException("at most one label column is allowed; \""
                        + c.name() + "\" is a second one");
            }
        }
    }

    /** A schema with the default missing values. */
    public static Schema of(Column... columns) {
        return new Schema(Arrays.asList(columns), DEFAULT_MISSING_VALUES);
    }

    /**
     * Reads a schema from its map form (as parsed from YAML or JSON), reporting errors
     * with paths under {@code schema}. See {@code docs/datasets.md} for the keys.
     *
     * @throws io.ctkit.config.ConfigException naming the path of the first bad field
     */
    public static Schema fromMap(Map<String, ?> map) {
        return fromMap(map, "schema");
    }

    /** As {@link #fromMap(Map)}, with error paths under {@code path} (e.g. {@code data.schema}). */
    public static Schema fromMap(Map<String, ?> map, String path) {
        return read(io.ctkit.config.ConfigNode.ofMap("", path, map));
    }

    /**
     * Reads a schema at a place in a settings document (e.g. {@code data.schema} of ctkit.yaml),
     * strictly: unknown keys, values of the wrong kind and numbers where category values belong
     * are errors naming file and path.
     */
    public static Schema read(io.ctkit.config.ConfigNode node) {
        return SchemaMaps.schema(node);
    }

    /** This schema as a map that {@link #fromMap(Map)} reads back to an equal schema. */
    public Map<String, Object> toMap() {
        return SchemaMaps.toMap(this);
    }

    /** The column named {@code name}, if declared. */
    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The label column, if declared. */
    public Optional<Column> label() {
        return columns.stream().filter(c -> c.type() == ColumnType.LABEL).findFirst();
    }

    /** A builder starting with no columns and the default missing values. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects columns in order; {@link #build()} validates. */
    public static final class Builder {
        private final List<Column> columns = new ArrayList<>();
        private List<String> missingValues = DEFAULT_MISSING_VALUES;

        private Builder() {
        }

        /** Adds a column. */
        public Builder column(Column column) {
            columns.add(Objects.requireNonNull(column, "column"));
            return this;
        }

        /** Replaces the cell texts that count as missing, e.g. {@code "", "NA"}. */
        public Builder missingValues(String... values) {
            missingValues = List.of(values);
            return this;
        }

        /** The schema. */
        public Schema build() {
            return new Schema(columns, missingValues);
        }
    }
}
