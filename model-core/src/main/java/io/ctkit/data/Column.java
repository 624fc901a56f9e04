package io.ctkit.data;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * One declared column of a {@link Schema}. Build with the static factories and refine with
 * the {@code with…} methods, each of which returns a new column:
 * <pre>{@code
 * Column.number("spend").withRange(0, 10_000).withMissing(MissingPolicy.keep())
 * Column.category("channel", List.of("email", "search")).withUnknown(UnknownCategory.MISSING)
 * Column.classLabel("outcome", List.of("no", "yes"))
 * }</pre>
 *
 * @param name      the header name the column is matched by (exact, case-sensitive)
 * @param type      what the column holds
 * @param labelKind for {@link ColumnType#LABEL} columns, regression or classification;
 *                  {@code null} for every other type
 * @param missing   what a missing cell does
 * @param min       inclusive lower bound for numeric columns, or {@code null}
 * @param max       inclusive upper bound for numeric columns, or {@code null}
 * @param values    allowed categories / class names in their declared order; empty means
 *                  "not declared" (any value is accepted)
 * @param unknown   what a value outside {@code values} does; only meaningful with values
 */
public record Column(String name, ColumnType type, LabelKind labelKind, MissingPolicy missing,
                     Double min, Double max, List<String> values, UnknownCategory unknown) {

    public Column {
        Objects.requireNonNull(name, "column name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("column name must not be blank");
        }
        Objects.requireNonNull(type, "type of column \"" + name + "\"");
        Objects.requireNonNull(missing, "missing policy of column \"" + name + "\"");
        Objects.requireNonNull(unknown, "unknown-category handling of column \"" + name + "\"");
        values = List.copyOf(Objects.requireNonNull(values, "values of column \"" + name + "\""));
        String where = "column \"" + name + "\": ";
        if ((type == ColumnType.LABEL) != (labelKind != null)) {
            throw new IllegalArgumentException(where + (labelKind == null
                    ? "a label column needs a kind (regression or classification)"
                    : "only label columns have a label kind"));
        }
        if ((min != null || max != null) && !isNumeric(type, labelKind)) {
            throw new IllegalArgumentException(where + "min/max apply only to number columns and"
                    + " regression labels, not " + describe(type, labelKind));
        }
        if (min != null && max != null && !(min <= max)) {
            throw new IllegalArgumentException(where + "min " + min + " is greater than max " + max);
        }
        if ((min != null && min.isNaN()) || (max != null && max.isNaN())) {
            throw new IllegalArgumentException(where + "min/max must not be NaN");
        }
        if (!values.isEmpty() && !hasCategories(type, labelKind)) {
            throw new IllegalArgumentException(where + "values apply only to category columns and"
                    + " classification labels, not " + describe(type, labelKind));
        }
        var seen = new HashSet<String>();
        for (String v : values) {
            if (!seen.add(v)) {
                throw new IllegalArgumentException(where + "value \"" + v + "\" is listed twice");
            }
        }
        if (unknown != UnknownCategory.ERROR && values.isEmpty()) {
            throw new IllegalArgumentException(where + "unknown-category handling needs declared values");
        }
        if (missing.action() == MissingPolicy.Action.FILL) {
            try {
                Cells.converterFor(type, labelKind, min, max, values, unknown).convert(missing.fill());
            } catch (Cells.BadCell e) {
                throw new IllegalArgumentException(where + "fill value " + e.getMessage());
            }
        }
    }

    /** A number column with no bounds; a missing value is an error. */
    public static Column number(String name) {
        return new Column(name, ColumnType.NUMBER, null, MissingPolicy.error(), null, null, List.of(),
                UnknownCategory.ERROR);
    }

    /** A category column restricted to {@code values}; an unknown value is an error. */
    public static Column category(String name, List<String> values) {
        return new Column(name, ColumnType.CATEGORY, null, MissingPolicy.error(), null, null, values,
                UnknownCategory.ERROR);
    }

    /** A category column that accepts any value. */
    public static Column category(String name) {
        return category(name, List.of());
    }

    /** A free-text column. */
    public static Column text(String name) {
        return simple(name, ColumnType.TEXT);
    }

    /** An id column. */
    public static Column id(String name) {
        return simple(name, ColumnType.ID);
    }

    /** A time column (ISO-8601 date or date-time). */
    public static Column time(String name) {
        return simple(name, ColumnType.TIME);
    }

    /** A numeric label (regression target). */
    public static Column regressionLabel(String name) {
        return new Column(name, ColumnType.LABEL, LabelKind.REGRESSION, MissingPolicy.error(), null,
                null, List.of(), UnknownCategory.ERROR);
    }

    /** A class label restricted to {@code classes}; empty means any class name is accepted. */
    public static Column classLabel(String name, List<String> classes) {
        return new Column(name, ColumnType.LABEL, LabelKind.CLASSIFICATION, MissingPolicy.error(),
                null, null, classes, UnknownCategory.ERROR);
    }

    private static Column simple(String name, ColumnType type) {
        return new Column(name, type, null, MissingPolicy.error(), null, null, List.of(),
                UnknownCategory.ERROR);
    }

    /** This column with another missing-value policy. */
    public Column withMissing(MissingPolicy policy) {
        return new Column(name, type, labelKind, policy, min, max, values, unknown);
    }

    /** This column with inclusive bounds; {@code null} leaves a side open. */
    public Column withRange(Double min, Double max) {
        return new Column(name, type, labelKind, missing, min, max, values, unknown);
    }

    /** This column with another handling of values outside {@link #values()}. */
    public Column withUnknown(UnknownCategory handling) {
        return new Column(name, type, labelKind, missing, min, max, values, handling);
    }

    /** Whether cells are stored as {@code double} (numbers and regression labels). */
    public boolean isNumeric() {
        return isNumeric(type, labelKind);
    }

    static boolean isNumeric(ColumnType type, LabelKind kind) {
        return type == ColumnType.NUMBER || kind == LabelKind.REGRESSION;
    }

    static boolean hasCategories(ColumnType type, LabelKind kind) {
        return type == ColumnType.CATEGORY || kind == LabelKind.CLASSIFICATION;
    }

    static String describe(ColumnType type, LabelKind kind) {
        return kind == null ? type.key() : kind.key() + " label";
    }
}
