package io.ctkit.data;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** The growing storage of one column while a source is read. */
final class ColumnStore {
    /** Returned by {@link #missing} when the row is to be dropped. */
    static final Object SKIP = new Object();

    private final Column column;
    private final int position;
    private final Cells.Converter converter;
    private final Object fill;
    private final boolean numeric;
    // Categories repeat a lot; sharing one String per distinct value keeps big files small.
    private final Map<String, String> canonical;
    private double[] doubles;
    private Object[] objects;
    private int size;

    ColumnStore(Column column, int position) {
        this.column = column;
        this.position = position;
        this.converter = Cells.converterFor(column);
        this.numeric = column.isNumeric();
        this.canonical = Column.hasCategories(column.type(), column.labelKind()) ? new HashMap<>() : null;
        if (numeric) {
            doubles = new double[1024];
        } else {
            objects = column.type() == ColumnType.TIME ? new Instant[1024] : new String[1024];
        }
        try {
            this.fill = column.missing().action() == MissingPolicy.Action.FILL
                    ? converter.convert(column.missing().fill()) : null;
        } catch (Cells.BadCell e) {
            throw new IllegalStateException("Column validated its fill value", e);
        }
    }

    Column column() {
        return column;
    }

    /** The 1-based field position in the CSV. */
    int position() {
        return position;
    }

    Object convert(String text) throws Cells.BadCell {
        return converter.convert(text);
    }

    /** The value to store for a missing cell, or {@link #SKIP}. */
    Object missing(String text, boolean unknownCategory) throws Cells.BadCell {
        return switch (column.missing().action()) {
            case KEEP -> null;
            case FILL -> fill == Cells.MISSING ? null : fill;
            case SKIP_ROW -> SKIP;
            case ERROR -> throw new Cells.BadCell((unknownCategory
                    ? Cells.quote(text) + " is not among the declared values (unknown: missing) and"
                    + " a missing value is not allowed"
                    : "missing value (" + (text.isEmpty() ? "empty cell" : Cells.quote(text)) + ")")
                    + "; set the column's missing policy to skip-row, keep or fill to allow it");
        };
    }

    void add(Object value) {
        if (numeric) {
            if (size == doubles.length) {
                doubles = Arrays.copyOf(doubles, size * 2);
            }
            doubles[size++] = value == null ? Double.NaN : (Double) value;
        } else {
            if (size == objects.length) {
                objects = Arrays.copyOf(objects, size * 2);
            }
            if (canonical != null && value != null) {
                value = canonical.computeIfAbsent((String) value, k -> k);
            }
            objects[size++] = value;
        }
    }

    Object toArray() {
        return numeric ? Arrays.copyOf(doubles, size) : Arrays.copyOf(objects, size);
    }
}
