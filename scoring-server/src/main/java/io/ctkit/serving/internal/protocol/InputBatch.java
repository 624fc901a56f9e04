package io.ctkit.serving.internal.protocol;

import io.ctkit.model.preprocess.InputSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of one request, decoded from either protocol, in the model's input order: as columns
 * (a {@code double[]} per number input, NaN where missing, and a {@code String[]} per category or
 * text input, {@code null} where missing), or, for an all-number model read by the fast path, as
 * the row-major numbers it read. Scoring takes the row-major form as it is; the columns, which the
 * prediction log writes, are made from it on first use, off the request's path.
 */
public final class InputBatch {

    private final List<InputSpec> inputs;
    private final int rows;
    /** {@code [rows, inputs]} numbers, or null when the batch was read into columns. */
    private final double[] rowMajor;
    private volatile Object[] columns;

    /**
     * @param columns one array per input of {@code inputs}, each of length {@code rows}
     */
    public InputBatch(List<InputSpec> inputs, int rows, Object[] columns) {
        if (columns.length != inputs.size()) {
            throw new IllegalArgumentException(columns.length + " columns for " + inputs.size() + " inputs");
        }
        this.inputs = inputs;
        this.rows = rows;
        this.rowMajor = null;
        this.columns = columns;
    }

    private InputBatch(List<InputSpec> inputs, int rows, double[] rowMajor) {
        this.inputs = inputs;
        this.rows = rows;
        this.rowMajor = rowMajor;
    }

    /**
     * Rows of an all-number model, row-major. The array is kept, not copied: the caller hands it
     * over and must not change it afterwards.
     */
    public static InputBatch ofNumericRows(List<InputSpec> inputs, int rows, double[] rowMajor) {
        if (rowMajor.length != rows * inputs.size()) {
            throw new IllegalArgumentException(rowMajor.length + " numbers for " + rows + " rows of " + inputs.size());
        }
        return new InputBatch(inputs, rows, rowMajor);
    }

    public List<InputSpec> inputs() {
        return inputs;
    }

    public int rows() {
        return rows;
    }

    /** One array per input, each of length {@link #rows}; do not modify them. */
    public Object[] columns() {
        Object[] c = columns;
        if (c == null) {
            // two threads may both build them; both get equal columns
            int n = inputs.size();
            c = new Object[n];
            for (int i = 0; i < n; i++) {
                double[] column = new double[rows];
                for (int r = 0; r < rows; r++) {
                    column[r] = rowMajor[r * n + i];
                }
                c[i] = column;
            }
            columns = c;
        }
        return c;
    }

    public double[] numbers(int input) {
        return (double[]) columns()[input];
    }

    public String[] strings(int input) {
        return (String[]) columns()[input];
    }

    /** The number at {@code row} of number input {@code input} (NaN when missing). */
    public double number(int row, int input) {
        return rowMajor != null ? rowMajor[row * inputs.size() + input] : ((double[]) columns[input])[row];
    }

    /** Row-major {@code [rows, inputs]} numbers, for a model whose inputs are all numbers; do not modify it. */
    public double[] numericRows() {
        if (rowMajor != null) {
            return rowMajor;
        }
        int n = inputs.size();
        double[] values = new double[rows * n];
        for (int i = 0; i < n; i++) {
            double[] column = numbers(i);
            for (int r = 0; r < rows; r++) {
                values[r * n + i] = column[r];
            }
        }
        return values;
    }

    /** One map per row, input name to value (absent when missing), for the general encoder. */
    public List<Map<String, Object>> mapRows() {
        Object[] c = columns();
        List<Map<String, Object>> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            Map<String, Object> row = new HashMap<>();
            for (int i = 0; i < inputs.size(); i++) {
                Object value = c[i] instanceof double[] d ? (Double.isNaN(d[r]) ? null : (Object) d[r])
                        : ((String[]) c[i])[r];
                if (value != null) {
                    row.put(inputs.get(i).name(), value);
                }
            }
            out.add(row);
        }
        return out;
    }
}
