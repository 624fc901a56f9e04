package io.ctkit.serving.protocol;

import io.ctkit.model.preprocess.InputSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of one request, decoded from either protocol into columns in the model's input order:
 * a {@code double[]} per number input (NaN where missing) and a {@code String[]} per category or
 * text input ({@code null} where missing). Columns make the metrics and the prediction log cheap.
 *
 * @param columns one array per input of {@link #inputs}, each of length {@link #rows}
 */
public record InputBatch(List<InputSpec> inputs, int rows, Object[] columns) {

    public InputBatch {
        if (columns.length != inputs.size()) {
            throw new IllegalArgumentException(columns.length + " columns for " + inputs.size() + " inputs");
        }
    }

    public double[] numbers(int input) {
        return (double[]) columns[input];
    }

    public String[] strings(int input) {
        return (String[]) columns[input];
    }

    /** Row-major {@code [rows, inputs]} numbers, for a model whose inputs are all numbers. */
    public double[] numericRows() {
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
        List<Map<String, Object>> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            Map<String, Object> row = new HashMap<>();
            for (int i = 0; i < inputs.size(); i++) {
                Object value = columns[i] instanceof double[] d ? (Double.isNaN(d[r]) ? null : (Object) d[r])
                        : ((String[]) columns[i])[r];
                if (value != null) {
                    row.put(inputs.get(i).name(), value);
                }
            }
            out.add(row);
        }
        return out;
    }
}
