package io.ctkit.serving.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctkit.model.preprocess.InputSpec;
import java.util.List;

/** Builds the columns of an {@link InputBatch}, converting JSON values with the model's input rules. */
final class Columns {

    private final List<InputSpec> inputs;
    private final int rows;
    private final Object[] columns;
    private final boolean[] seen;

    Columns(List<InputSpec> inputs, int rows) {
        this.inputs = inputs;
        this.rows = rows;
        this.columns = new Object[inputs.size()];
        this.seen = new boolean[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i) instanceof InputSpec.NumberInput) {
                double[] column = new double[rows];
                java.util.Arrays.fill(column, Double.NaN);
                columns[i] = column;
            } else {
                columns[i] = new String[rows];
            }
        }
    }

    int rows() {
        return rows;
    }

    /** Index of the input called {@code name}, or -1. */
    int indexOf(String name) {
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Marks an input as given; a second time is an error (a repeated tensor or key). */
    void markSeen(int input, String where) {
        if (seen[input]) {
            throw RequestException.badRequest(where + ": input \"" + inputs.get(input).name() + "\" is given twice");
        }
        seen[input] = true;
    }

    boolean seen(int input) {
        return seen[input];
    }

    void set(int input, int row, JsonNode value, boolean float32, String where) {
        InputSpec spec = inputs.get(input);
        if (spec instanceof InputSpec.NumberInput) {
            setNumber(input, row, value, float32, where);
        } else if (value == null || value.isNull()) {
            ((String[]) columns[input])[row] = null;
        } else if (value.isTextual()) {
            ((String[]) columns[input])[row] = value.textValue();
        } else if (spec instanceof InputSpec.CategoryInput && (value.isIntegralNumber() || value.isBoolean())) {
            ((String[]) columns[input])[row] = value.asText();
        } else {
            throw RequestException.badRequest(where + ": input \"" + spec.name() + "\" is a " + spec.type()
                    + " and takes a string, got " + Json.describe(value));
        }
    }

    void setNumber(int input, int row, JsonNode value, boolean float32, String where) {
        double[] column = (double[]) columns[input];
        if (value == null || value.isNull()) {
            column[row] = Double.NaN;
            return;
        }
        if (!value.isNumber()) {
            throw RequestException.badRequest(where + ": input \"" + inputs.get(input).name()
                    + "\" takes a number, got " + Json.describe(value));
        }
        double v = float32 ? (float) value.doubleValue() : value.doubleValue();
        if (!Double.isFinite(v)) {
            throw RequestException.badRequest(where + ": " + value.asText() + " is out of range for input \""
                    + inputs.get(input).name() + "\"" + (float32 ? " (FP32)" : "") + "; numbers must be finite");
        }
        column[row] = v;
    }

    InputBatch build() {
        return new InputBatch(inputs, rows, columns);
    }
}
