package io.ctkit.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * An immutable table read against a {@link Schema}, stored by column: {@code double[]} for
 * number columns and regression labels ({@code NaN} where a missing value was kept),
 * {@code String[]} for category, text, id and class-label columns ({@code null} where kept
 * missing), {@code Instant[]} for time columns. Array getters return copies; the
 * per-cell getters do not copy.
 */
public final class Dataset {
    private final Schema schema;
    private final String source;
    private final String fingerprint;
    private final int rowCount;
    private final Map<String, Object> data;
    private final int[] sourceRows;
    private final int skippedRows;

    Dataset(Schema schema, String source, String fingerprint, Map<String, Object> data,
            int[] sourceRows, int skippedRows) {
        this.schema = schema;
        this.source = source;
        this.fingerprint = fingerprint;
        this.data = data;
        this.sourceRows = sourceRows;
        this.rowCount = sourceRows.length;
        this.skippedRows = skippedRows;
    }

    /** The schema the data was read with. */
    public Schema schema() {
        return schema;
    }

    /** The file name or source name given to the reader. */
    public String source() {
        return source;
    }

    /**
     * {@code sha256:<hex>} of the exact bytes read (including any BOM); for a {@code Reader},
     * of the UTF-8 encoding of its characters. A {@link #select(int[]) selection} keeps the
     * fingerprint of the data it was taken from.
     */
    public String fingerprint() {
        return fingerprint;
    }

    /** The number of rows. */
    public int rowCount() {
        return rowCount;
    }

    /** Rows of the source dropped by a {@code skip-row} missing policy while reading. */
    public int skippedRows() {
        return skippedRows;
    }

    /**
     * For each row, its 0-based position among the data records of the source (header and
     * blank lines not counted, skipped rows counted), so rows can be traced back.
     */
    public int[] sourceRows() {
        return sourceRows.clone();
    }

    /** A copy of a number column or regression label. */
    public double[] numbers(String column) {
        return doubles(column).clone();
    }

    /** One cell of a number column or regression label. */
    public double number(String column, int row) {
        return doubles(column)[row];
    }

    /** A copy of a category, text, id or class-label column. */
    public String[] strings(String column) {
        return texts(column).clone();
    }

    /** One cell of a category, text, id or class-label column. */
    public String string(String column, int row) {
        return texts(column)[row];
    }

    /** A copy of a time column. */
    public Instant[] times(String column) {
        return instants(column).clone();
    }

    /** One cell of a time column. */
    public Instant time(String column, int row) {
        return instants(column)[row];
    }

    /** A copy of the class labels; requires a classification label column. */
    public String[] labels() {
        return texts(labelColumn(LabelKind.CLASSIFICATION).name()).clone();
    }

    /** A copy of the regression targets; requires a regression label column. */
    public double[] targets() {
        return doubles(labelColumn(LabelKind.REGRESSION).name()).clone();
    }

    /**
     * The class names: the declared {@link Column#values()} of the label column, or when none
     * are declared the distinct labels present, sorted by {@link String#compareTo}.
     */
    public List<String> classes() {
        Column label = labelColumn(LabelKind.CLASSIFICATION);
        if (!label.values().isEmpty()) {
            return label.values();
        }
        var distinct = new TreeSet<String>();
        for (String s : texts(label.name())) {
            if (s != null) {
                distinct.add(s);
            }
        }
        return List.copyOf(distinct);
    }

    /**
     * Each row's label as an index into {@code classes} (e.g. the model's label list).
     *
     * @throws IllegalArgumentException naming the first row whose label is missing or not in
     *                                  {@code classes}
     */
    public int[] labelIndices(List<String> classes) {
        var index = new HashMap<String, Integer>();
        for (int i = 0; i < classes.size(); i++) {
            if (index.putIfAbsent(Objects.requireNonNull(classes.get(i), "class name"), i) != null) {
                throw new IllegalArgumentException("class \"" + classes.get(i) + "\" is listed twice");
            }
        }
        String[] labels = texts(labelColumn(LabelKind.CLASSIFICATION).name());
        int[] out = new int[rowCount];
        // The reader keeps one String per distinct label, so with a few classes most rows find
        // their class by identity among the Strings already seen, without hashing.
        String[] seen = classes.size() <= 16 ? new String[classes.size()] : null;
        for (int r = 0; r < rowCount; r++) {
            String label = labels[r];
            int i = seen == null || label == null ? -1 : identityIndex(seen, label);
            if (i < 0) {
                Integer found = label == null ? null : index.get(label);
                if (found == null) {
                    throw new IllegalArgumentException(source + ": row " + r + " (source row "
                            + sourceRows[r] + ") has label " + (label == null ? "missing"
                            : "\"" + label + "\"") + ", which is not among the classes " + classes);
                }
                i = found;
                if (seen != null) {
                    seen[i] = label;
                }
            }
            out[r] = i;
        }
        return out;
    }

    private static int identityIndex(String[] seen, String label) {
        for (int c = 0; c < seen.length; c++) {
            if (seen[c] == label) {
                return c;
            }
        }
        return -1;
    }

    /**
     * A dataset of the given rows, in the given order (repeats allowed), with the same schema,
     * source and fingerprint.
     */
    public Dataset select(int[] rows) {
        for (int r : rows) {
            if (r < 0 || r >= rowCount) {
                throw new IndexOutOfBoundsException("row " + r + " is outside 0.." + (rowCount - 1));
            }
        }
        var selected = new LinkedHashMap<String, Object>();
        data.forEach((name, array) -> selected.put(name, pick(array, rows)));
        int[] origin = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            origin[i] = sourceRows[rows[i]];
        }
        return new Dataset(schema, source, fingerprint, selected, origin, skippedRows);
    }

    private static Object pick(Object array, int[] rows) {
        if (array instanceof double[] d) {
            double[] out = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = d[rows[i]];
            }
            return out;
        }
        Object[] a = (Object[]) array;
        Object[] out = Arrays.copyOf(a, rows.length);
        for (int i = 0; i < rows.length; i++) {
            out[i] = a[rows[i]];
        }
        return out;
    }

    @Override
    public String toString() {
        return "Dataset[" + source + ", " + rowCount + " rows, " + fingerprint + "]";
    }

    private Column labelColumn(LabelKind kind) {
        Column label = schema.label().orElseThrow(() ->
                new IllegalStateException("the schema of " + source + " declares no label column"));
        if (label.labelKind() != kind) {
            throw new IllegalStateException("label column \"" + label.name() + "\" is a "
                    + label.labelKind().key() + " label, not a " + kind.key() + " label");
        }
        return label;
    }

    private double[] doubles(String column) {
        return typed(column, double[].class, "numbers");
    }

    private String[] texts(String column) {
        return typed(column, String[].class, "text");
    }

    private Instant[] instants(String column) {
        return typed(column, Instant[].class, "times");
    }

    private <T> T typed(String column, Class<T> type, String what) {
        Object array = data.get(column);
        if (array == null) {
            throw new IllegalArgumentException("no column \"" + column + "\" in " + source
                    + "; columns: " + new ArrayList<>(data.keySet()));
        }
        if (!type.isInstance(array)) {
            Column c = schema.column(column).orElseThrow();
            throw new IllegalArgumentException("column \"" + column + "\" is a "
                    + Column.describe(c.type(), c.labelKind()) + " column and does not hold " + what);
        }
        return type.cast(array);
    }
}
