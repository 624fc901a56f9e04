package io.ctkit.serving.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ctkit.model.preprocess.InputSpec;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the two most common requests to an all-number model straight from the token stream,
 * without building a JSON tree: a V2 body {@code {"inputs": [{"name": "input", "shape": [b, n],
 * "datatype": "FP32"|"FP64", "data": [flat numbers]}]}} (optionally with a string {@code id}) and
 * a TF body {@code {"instances": [[n numbers], ...]}} (optionally with {@code signature_name}).
 *
 * <p>It accepts only bodies that are exactly of that form and valid; on anything else (another
 * field, a null, a nested or non-finite number, a wrong count, a syntax error) it returns null
 * and the request goes the general way, which gives the precise error. So the fast path changes
 * speed, never answers.
 */
final class NumericFastPath {

    private final JsonFactory factory;
    private final List<InputSpec> inputs;
    private final int maxRows;

    NumericFastPath(JsonFactory factory, List<InputSpec> inputs, int maxRows) {
        this.factory = factory;
        this.inputs = inputs;
        this.maxRows = maxRows;
    }

    /** The decoded V2 request, or null to take the general path. */
    KserveV2.Infer v2(byte[] body, List<String> outputs) {
        try (JsonParser p = factory.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String id = null;
            InputBatch batch = null;
            boolean seenId = false;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t != JsonToken.FIELD_NAME) {
                    return null;
                }
                String field = p.currentName();
                if (field.equals("id") && !seenId) {
                    seenId = true;
                    if (p.nextToken() != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    id = p.getText();
                } else if (field.equals("inputs") && batch == null) {
                    if (p.nextToken() != JsonToken.START_ARRAY || p.nextToken() != JsonToken.START_OBJECT) {
                        return null;
                    }
                    batch = tensor(p);
                    if (batch == null || p.nextToken() != JsonToken.END_ARRAY) {
                        return null;
                    }
                } else {
                    return null;
                }
            }
            return batch != null && p.nextToken() == null ? new KserveV2.Infer(id, batch, outputs) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private InputBatch tensor(JsonParser p) throws IOException {
        boolean named = false;
        boolean fp32 = false;
        boolean typed = false;
        long rows = -1;
        double[] data = null;
        int count = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (t != JsonToken.FIELD_NAME) {
                return null;
            }
            switch (p.currentName()) {
                case "name" -> {
                    if (named || p.nextToken() != JsonToken.VALUE_STRING || !p.getText().equals(V2Tensors.COMBINED)) {
                        return null;
                    }
                    named = true;
                }
                case "datatype" -> {
                    if (typed || p.nextToken() != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    String type = p.getText();
                    if (!type.equals("FP32") && !type.equals("FP64")) {
                        return null;
                    }
                    fp32 = type.equals("FP32");
                    typed = true;
                }
                case "shape" -> {
                    if (rows >= 0 || p.nextToken() != JsonToken.START_ARRAY || p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
                        return null;
                    }
                    rows = p.getLongValue();
                    if (p.nextToken() != JsonToken.VALUE_NUMBER_INT || p.getLongValue() != inputs.size()
                            || p.nextToken() != JsonToken.END_ARRAY) {
                        return null;
                    }
                }
                case "data" -> {
                    if (data != null || p.nextToken() != JsonToken.START_ARRAY) {
                        return null;
                    }
                    data = new double[inputs.size() * 8];
                    for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                            return null;
                        }
                        if (count == data.length) {
                            if ((long) count >= (long) maxRows * inputs.size()) {
                                return null; // more numbers than the row limit allows: the general path says so
                            }
                            data = Arrays.copyOf(data, (int) Math.min((long) count * 2, (long) maxRows * inputs.size()));
                        }
                        data[count++] = p.getDoubleValue();
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        if (!named || !typed || data == null || rows < 1 || rows > maxRows || count != rows * inputs.size()) {
            return null;
        }
        return columns(data, (int) rows, fp32);
    }

    /** The decoded TF row-format request, or null to take the general path. */
    TfServing.Predict tf(byte[] body) {
        try (JsonParser p = factory.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            InputBatch batch = null;
            boolean signed = false;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t != JsonToken.FIELD_NAME) {
                    return null;
                }
                String field = p.currentName();
                if (field.equals("signature_name") && !signed) {
                    signed = true;
                    if (p.nextToken() != JsonToken.VALUE_STRING || !p.getText().equals(TfServing.SIGNATURE)) {
                        return null;
                    }
                } else if (field.equals("instances") && batch == null) {
                    batch = instances(p);
                    if (batch == null) {
                        return null;
                    }
                } else {
                    return null;
                }
            }
            return batch != null && p.nextToken() == null ? new TfServing.Predict(batch, false) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private InputBatch instances(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_ARRAY) {
            return null;
        }
        int n = inputs.size();
        double[] data = new double[n * 8];
        int rows = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.START_ARRAY || rows == maxRows) {
                return null;
            }
            if ((rows + 1) * n > data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            for (int i = 0; i < n; i++) {
                t = p.nextToken();
                if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                    return null;
                }
                data[rows * n + i] = p.getDoubleValue();
            }
            if (p.nextToken() != JsonToken.END_ARRAY) {
                return null;
            }
            rows++;
        }
        return rows == 0 ? null : columns(data, rows, false);
    }

    private InputBatch columns(double[] rowMajor, int rows, boolean fp32) {
        int n = inputs.size();
        Object[] columns = new Object[n];
        for (int i = 0; i < n; i++) {
            double[] column = new double[rows];
            for (int r = 0; r < rows; r++) {
                double v = fp32 ? (float) rowMajor[r * n + i] : rowMajor[r * n + i];
                if (!Double.isFinite(v)) {
                    return null;
                }
                column[r] = v;
            }
            columns[i] = column;
        }
        return new InputBatch(inputs, rows, columns);
    }
}
