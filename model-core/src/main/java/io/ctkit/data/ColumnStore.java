package io.ctkit.data;

import java.time.Instant;
import java.util.Arrays;

/** The growing storage of one column while a source is read. */
final class ColumnStore {
    /** Returned by {@link #missing} when the row is to be dropped. */
    static final Object SKIP = new Object();

    private final Column column;
    private final int position;
    private final Cells.Converter converter;
    private final Object fill;
    private final boolean numeric;
    private final Double min;
    private final Double max;
    // Categories repeat a lot; one String per distinct kept value keeps big files small, and
    // finding it from the cell's characters makes no String per cell. Open addressing.
    private String[] distinct;
    private int distinctCount;
    private double[] doubles;
    private Object[] objects;
    private int size;
    private double pendingNumber;
    private Object pendingObject;

    ColumnStore(Column column, int position) {
        this.column = column;
        this.position = position;
        this.converter = Cells.converterFor(column);
        this.numeric = column.isNumeric();
        this.min = column.min();
        this.max = column.max();
        this.distinct = Column.hasCategories(column.type(), column.labelKind()) ? new String[64] : null;
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

    /**
     * Converts the cell {@code text[from, to)} of the row being read and holds its value until
     * {@link #commit}; true when the row is to be dropped (a missing value under skip-row).
     *
     * @param declaredMissing whether the text is one of the schema's missing-value markers
     */
    boolean stage(char[] text, int from, int to, boolean declaredMissing) throws Cells.BadCell {
        if (numeric) {
            if (!declaredMissing) {
                pendingNumber = Cells.number(text, from, to, min, max);
                return false;
            }
            Object value = missing(new String(text, from, to - from), false);
            if (value == SKIP) {
                return true;
            }
            pendingNumber = value == null ? Double.NaN : (Double) value;
            return false;
        }
        String known = distinct != null ? known(text, from, to) : null;
        if (known != null && !declaredMissing) {
            // A kept value converted before: converting is a pure function of the text, and a
            // value is remembered only when it converted to itself.
            pendingObject = known;
            return false;
        }
        String cell = known != null ? known : new String(text, from, to - from);
        Object value = declaredMissing ? Cells.MISSING : converter.convert(cell);
        if (value == Cells.MISSING) {
            value = missing(cell, !declaredMissing);
        }
        if (distinct != null && known == null && value == cell) {
            remember(cell); // only values kept: unknown categories read as missing are not
        }
        pendingObject = value;
        return value == SKIP;
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

    /** Appends the value {@link #stage} took. */
    void commit() {
        if (numeric) {
            if (size == doubles.length) {
                doubles = Arrays.copyOf(doubles, size * 2);
            }
            doubles[size++] = pendingNumber;
        } else {
            if (size == objects.length) {
                objects = Arrays.copyOf(objects, size * 2);
            }
            objects[size++] = pendingObject;
        }
    }

    /** The String of this column's kept values equal to {@code text[from, to)}, or null. */
    private String known(char[] text, int from, int to) {
        int hash = 0;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + text[i]; // String.hashCode's, so a String's cached hash compares
        }
        int mask = distinct.length - 1;
        for (int slot = (hash ^ hash >>> 16) & mask; ; slot = (slot + 1) & mask) {
            String s = distinct[slot];
            if (s == null || s.hashCode() == hash && equal(s, text, from, to)) {
                return s;
            }
        }
    }

    private void remember(String value) {
        place(distinct, value);
        if (++distinctCount * 2 > distinct.length) {
            String[] old = distinct;
            distinct = new String[old.length * 2];
            for (String s : old) {
                if (s != null) {
                    place(distinct, s);
                }
            }
        }
    }

    private static void place(String[] table, String value) {
        int mask = table.length - 1;
        int hash = value.hashCode();
        int slot = (hash ^ hash >>> 16) & mask;
        while (table[slot] != null) {
            slot = (slot + 1) & mask;
        }
        table[slot] = value;
    }

    private static boolean equal(String s, char[] text, int from, int to) {
        if (s.length() != to - from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i - from) != text[i]) {
                return false;
            }
        }
        return true;
    }

    Object toArray() {
        return numeric ? Arrays.copyOf(doubles, size) : Arrays.copyOf(objects, size);
    }
}
