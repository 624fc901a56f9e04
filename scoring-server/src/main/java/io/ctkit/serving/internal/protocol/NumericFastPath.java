package io.ctkit.serving.internal.protocol;

import io.ctkit.model.preprocess.InputSpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the two most common requests to an all-number model straight from the body's bytes,
 * without a JSON parser or tree: a V2 body {@code {"inputs": [{"name": "input", "shape": [b, n],
 * "datatype": "FP32"|"FP64", "data": [flat numbers]}]}} (optionally with a string {@code id}) and
 * a TF body {@code {"instances": [[n numbers], ...]}} (optionally with {@code signature_name}).
 *
 * <p>It accepts only bodies that are exactly of that form and valid JSON; on anything else
 * (another field, a null, an escape or a non-ASCII byte in a string, a nested or non-finite
 * number, a wrong count, a syntax error, nesting beyond the server's limit) it returns null and
 * the request goes the general way, which gives the precise error. So the fast path changes
 * speed, never answers: numbers are read as Jackson reads them (correctly rounded; an integer
 * literal is the integer's value, so {@code -0} is {@code 0.0}), then narrowed to float for FP32
 * exactly as the general path narrows them.
 *
 * <p>One instance reads one body; it is not thread-safe.
 */
final class NumericFastPath {

    /** Thrown to leave the fast path; carries no stack trace, so it costs next to nothing. */
    private static final class Bail extends RuntimeException {
        Bail() {
            super(null, null, false, false);
        }
    }

    private static final Bail BAIL = new Bail();
    /** Exactly representable powers of ten, for the exact conversion of short decimals. */
    private static final double[] POWERS = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    /** Longer literals (Jackson's own limit is 400 characters) are left to the general path. */
    private static final int MAX_NUMBER_CHARS = 100;
    /** Longer strings are left to the general path, which applies the server's string limit. */
    private static final int MAX_STRING_BYTES = 4096;
    /** Nesting of the V2 form ({"inputs":[{"data":[...]}]}) and of the TF form ({"instances":[[...]]}). */
    private static final int V2_DEPTH = 4;
    private static final int TF_DEPTH = 3;

    private final List<InputSpec> inputs;
    private final int maxRows;
    private final int maxDepth;
    private byte[] b;
    private int pos;
    /** Start and end of the last string read by {@link #string()}, quotes excluded. */
    private int stringStart;
    private int stringEnd;

    NumericFastPath(List<InputSpec> inputs, int maxRows, int maxDepth) {
        this.inputs = inputs;
        this.maxRows = maxRows;
        this.maxDepth = maxDepth;
    }

    /** The decoded V2 request, or null to take the general path. */
    KserveV2.Infer v2(byte[] body, List<String> outputs) {
        if (maxDepth < V2_DEPTH || !V2Tensors.combined(inputs)) {
            return null;
        }
        b = body;
        pos = 0;
        try {
            expect('{');
            String id = null;
            boolean seenId = false;
            InputBatch batch = null;
            if (!next('}')) {
                do {
                    string();
                    expect(':');
                    if (!seenId && is("id")) {
                        seenId = true;
                        string();
                        id = new String(b, stringStart, stringEnd - stringStart, StandardCharsets.ISO_8859_1);
                    } else if (batch == null && is("inputs")) {
                        expect('[');
                        expect('{');
                        batch = tensor();
                        if (batch == null) {
                            return null; // and never read a second "inputs": the general path refuses the duplicate
                        }
                        expect(']');
                    } else {
                        return null;
                    }
                } while (next(','));
                expect('}');
            }
            end();
            return batch == null ? null : new KserveV2.Infer(id, batch, outputs);
        } catch (Bail | IndexOutOfBoundsException e) {
            return null;
        }
    }

    /** The tensor object after its opening brace, through its closing one. */
    private InputBatch tensor() {
        int n = inputs.size();
        boolean named = false;
        boolean fp32 = false;
        boolean typed = false;
        long rows = -1;
        double[] data = null;
        int count = 0;
        if (next('}')) {
            return null;
        }
        do {
            string();
            expect(':');
            if (!named && is("name")) {
                string();
                if (!is(V2Tensors.COMBINED)) {
                    return null;
                }
                named = true;
            } else if (!typed && is("datatype")) {
                string();
                fp32 = is("FP32");
                if (!fp32 && !is("FP64")) {
                    return null;
                }
                typed = true;
            } else if (rows < 0 && is("shape")) {
                expect('[');
                rows = count();
                if (rows < 1 || rows > maxRows) {
                    return null; // before any rows * n: an 18-digit count would overflow it
                }
                expect(',');
                if (count() != n) {
                    return null;
                }
                expect(']');
            } else if (data == null && is("data")) {
                expect('[');
                long limit = Math.min((long) maxRows * n, Integer.MAX_VALUE - 8);
                // The shape usually comes first: then the array is allocated once, at its size, but
                // never larger than the numbers the rest of the body can hold (two bytes each at least),
                // so a small body declaring a huge shape costs nothing.
                long room = Math.max(1, (b.length - pos) / 2);
                data = new double[(int) Math.min(rows >= 1 ? rows * n : n * 8L, Math.min(limit, room))];
                if (!next(']')) {
                    do {
                        if (count == data.length) {
                            if (count >= limit || (rows >= 1 && count >= rows * n)) {
                                return null; // more numbers than the shape or the row limit allows: the general path says so
                            }
                            data = Arrays.copyOf(data, (int) Math.min((long) count * 2, limit));
                        }
                        data[count++] = number();
                    } while (next(','));
                    expect(']');
                }
            } else {
                return null;
            }
        } while (next(','));
        expect('}');
        if (!named || !typed || data == null || rows < 1 || rows > maxRows || count != rows * n) {
            return null;
        }
        return batch(data, (int) rows, fp32);
    }

    /** The decoded TF row-format request, or null to take the general path. */
    TfServing.Predict tf(byte[] body) {
        if (maxDepth < TF_DEPTH) {
            return null;
        }
        b = body;
        pos = 0;
        try {
            expect('{');
            InputBatch batch = null;
            boolean signed = false;
            if (!next('}')) {
                do {
                    string();
                    expect(':');
                    if (!signed && is("signature_name")) {
                        signed = true;
                        string();
                        if (!is(TfServing.SIGNATURE)) {
                            return null;
                        }
                    } else if (batch == null && is("instances")) {
                        batch = instances();
                        if (batch == null) {
                            return null;
                        }
                    } else {
                        return null;
                    }
                } while (next(','));
                expect('}');
            }
            end();
            return batch == null ? null : new TfServing.Predict(batch, false);
        } catch (Bail | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private InputBatch instances() {
        expect('[');
        int n = inputs.size();
        double[] data = new double[n * 8];
        int rows = 0;
        if (next(']')) {
            return null;
        }
        do {
            if (rows == maxRows) {
                return null;
            }
            if ((rows + 1) * n > data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            expect('[');
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    expect(',');
                }
                data[rows * n + i] = number();
            }
            expect(']');
            rows++;
        } while (next(','));
        expect(']');
        return batch(data, rows, false);
    }

    /** Narrows to float for FP32 as the general path does; null (the general path) if a value is not finite. */
    private InputBatch batch(double[] data, int rows, boolean fp32) {
        int count = rows * inputs.size();
        double[] values = data.length == count ? data : Arrays.copyOf(data, count);
        for (int k = 0; k < count; k++) {
            double v = fp32 ? (float) values[k] : values[k];
            if (!Double.isFinite(v)) {
                return null;
            }
            values[k] = v;
        }
        return InputBatch.ofNumericRows(inputs, rows, values);
    }

    // --- the scanner: every method skips the white space before what it reads and bails on anything else

    private int skip() {
        int c = b[pos];
        while (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            c = b[++pos];
        }
        return c;
    }

    private void expect(char c) {
        if (skip() != c) {
            throw BAIL;
        }
        pos++;
    }

    /** Consumes {@code c} if it comes next. */
    private boolean next(char c) {
        if (skip() == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** Only white space may follow the value. */
    private void end() {
        while (pos < b.length) {
            int c = b[pos++];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                throw BAIL;
            }
        }
    }

    /** A string of printable ASCII without escapes; its bounds go to {@link #stringStart} and {@link #stringEnd}. */
    private void string() {
        expect('"');
        int start = pos;
        int limit = Math.min(b.length, start + MAX_STRING_BYTES);
        for (int p = start; p < limit; p++) {
            int c = b[p];
            if (c == '"') {
                stringStart = start;
                stringEnd = p;
                pos = p + 1;
                return;
            }
            if (c < 0x20 || c == '\\') { // a control byte (invalid), an escape, or (negative) a non-ASCII byte
                throw BAIL;
            }
        }
        throw BAIL;
    }

    /** Whether the last string read is {@code ascii}. */
    private boolean is(String ascii) {
        int length = stringEnd - stringStart;
        if (length != ascii.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (b[stringStart + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A non-negative JSON integer of up to 18 digits (a dimension). */
    private long count() {
        int c = skip();
        if (c == '0') {
            pos++;
            return 0;
        }
        if (c < '1' || c > '9') {
            throw BAIL;
        }
        long value = 0;
        int digits = 0;
        while (c >= '0' && c <= '9') {
            if (++digits > 18) {
                throw BAIL;
            }
            value = value * 10 + (c - '0');
            c = b[++pos];
        }
        if (c == '.' || c == 'e' || c == 'E') {
            throw BAIL;
        }
        return value;
    }

    /**
     * A JSON number, correctly rounded to a double: decimals of up to 18 significant digits with
     * a power of ten up to 22 exactly (the mantissa and the power are both exact doubles, so the
     * one multiplication or division rounds correctly); anything longer through
     * {@link Double#parseDouble}.
     */
    private double number() {
        boolean negative = skip() == '-';
        int from = pos;
        if (negative) {
            pos++;
        }
        long mantissa = 0;
        int significant = 0;
        int exponent = 0;
        boolean exact = true;
        boolean integer = true;
        int c = b[pos];
        if (c == '0') {
            c = b[++pos];
        } else if (c >= '1' && c <= '9') {
            do {
                if (significant < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                    significant++;
                } else {
                    exponent++;
                    exact = false;
                }
                c = b[++pos];
            } while (c >= '0' && c <= '9');
        } else {
            throw BAIL;
        }
        if (c == '.') {
            integer = false;
            c = b[++pos];
            if (c < '0' || c > '9') {
                throw BAIL;
            }
            do {
                if (significant < 18) {
                    if (mantissa != 0 || c != '0') {
                        mantissa = mantissa * 10 + (c - '0');
                        significant++;
                    }
                    exponent--;
                } else {
                    exact = false;
                }
                c = b[++pos];
            } while (c >= '0' && c <= '9');
        }
        if (c == 'e' || c == 'E') {
            integer = false;
            c = b[++pos];
            boolean negativeExponent = c == '-';
            if (c == '-' || c == '+') {
                c = b[++pos];
            }
            if (c < '0' || c > '9') {
                throw BAIL;
            }
            int power = 0;
            do {
                if (power < 100_000) {
                    power = power * 10 + (c - '0');
                }
                c = b[++pos];
            } while (c >= '0' && c <= '9');
            exponent += negativeExponent ? -power : power;
        }
        if (pos - from > MAX_NUMBER_CHARS) {
            throw BAIL;
        }
        if (mantissa == 0 && exact) {
            // an integer literal -0 is Jackson's integer 0; a decimal -0.0 keeps its sign
            return negative && !integer ? -0.0 : 0.0;
        }
        double value;
        if (exact && mantissa < (1L << 53) && exponent >= -22 && exponent <= 22) {
            value = exponent >= 0 ? mantissa * POWERS[exponent] : mantissa / POWERS[-exponent];
        } else {
            value = Math.abs(Double.parseDouble(new String(b, from, pos - from, StandardCharsets.ISO_8859_1)));
        }
        return negative ? -value : value;
    }
}
