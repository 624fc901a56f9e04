package io.ctkit.npy;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The header dictionary of a {@code .npy} file, parsed strictly: exactly the keys
 * {@code descr}, {@code fortran_order} and {@code shape}, Python literal syntax only, nothing
 * evaluated. numpy itself uses {@code ast.literal_eval}; this accepts the subset numpy writes.
 */
record NpyHeader(NpyDType dtype, ByteOrder byteOrder, boolean fortranOrder, int[] shape) {

    /** Longest shape numpy supports (NPY_MAXDIMS is 32 in numpy 1.x, 64 in 2.x). */
    static final int MAX_RANK = 64;

    static NpyHeader parse(String text, String source) throws NpyFormatException {
        if (!text.endsWith("\n")) {
            throw new NpyFormatException(source, "header is not a valid .npy header: it does not end with a newline "
                    + "(the format pads the dictionary with spaces and ends it with '\\n')");
        }
        return new Parser(text.substring(0, text.length() - 1), source).header();
    }

    /** The dictionary text numpy writes for this header, before padding. */
    String format() {
        StringBuilder s = new StringBuilder("{'descr': '");
        s.append(byteOrder == ByteOrder.LITTLE_ENDIAN ? '<' : '>').append(dtype.code());
        s.append("', 'fortran_order': ").append(fortranOrder ? "True" : "False");
        s.append(", 'shape': ").append(Npy.shapeText(shape)).append(", }");
        if (shape.length > 0) {
            int growthAxis = fortranOrder ? shape.length - 1 : 0;
            s.append(" ".repeat(21 - Integer.toString(shape[growthAxis]).length()));
        }
        return s.toString();
    }

    private static final class Parser {
        private final String text;
        private final String source;
        private int pos;

        Parser(String text, String source) {
            this.text = text;
            this.source = source;
        }

        NpyHeader header() throws NpyFormatException {
            String descr = null;
            Boolean fortran = null;
            int[] shape = null;
            skipSpace();
            expect('{');
            skipSpace();
            while (peek() != '}') {
                String key = string("a dictionary key");
                skipSpace();
                expect(':');
                skipSpace();
                switch (key) {
                    case "descr" -> {
                        if (descr != null) {
                            throw fail("key 'descr' appears twice");
                        }
                        if (peek() == '[') {
                            throw fail("structured dtypes (descr is a list) are not supported; "
                                    + "expected one of float32, float64, int32, int64");
                        }
                        descr = string("the 'descr' value");
                    }
                    case "fortran_order" -> {
                        if (fortran != null) {
                            throw fail("key 'fortran_order' appears twice");
                        }
                        fortran = bool();
                    }
                    case "shape" -> {
                        if (shape != null) {
                            throw fail("key 'shape' appears twice");
                        }
                        shape = shape();
                    }
                    default -> throw fail("unexpected key '" + key + "' in the header; "
                            + "expected exactly 'descr', 'fortran_order' and 'shape'");
                }
                skipSpace();
                if (peek() == ',') {
                    pos++;
                    skipSpace();
                } else if (peek() != '}') {
                    throw fail("expected ',' or '}' at offset " + pos + " of the header");
                }
            }
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c != ' ') {
                    throw fail("unexpected " + show(c) + " after the header dictionary; only spaces may pad it");
                }
            }
            if (descr == null || fortran == null || shape == null) {
                throw fail("header lacks " + (descr == null ? "'descr'" : fortran == null ? "'fortran_order'" : "'shape'"));
            }
            return dtype(descr, fortran, shape);
        }

        private NpyHeader dtype(String descr, boolean fortran, int[] shape) throws NpyFormatException {
            if (descr.contains("O")) {
                throw fail("dtype '" + descr + "' holds Python objects (pickles), which are never loaded");
            }
            String supported = "; supported: float32, float64, int32, int64 in either byte order (<f4 >f4 <f8 >f8 <i4 >i4 <i8 >i8)";
            if (descr.length() != 3) {
                throw fail("unsupported dtype '" + descr + "'" + supported);
            }
            char order = descr.charAt(0);
            NpyDType type = NpyDType.ofCode(descr.charAt(1), descr.charAt(2) - '0');
            if (type == null) {
                throw fail("unsupported dtype '" + descr + "'" + supported);
            }
            ByteOrder byteOrder = switch (order) {
                case '<' -> ByteOrder.LITTLE_ENDIAN;
                case '>' -> ByteOrder.BIG_ENDIAN;
                default -> throw fail("dtype '" + descr + "' has byte order '" + order
                        + "'; a file must say '<' (little-endian) or '>' (big-endian)");
            };
            return new NpyHeader(type, byteOrder, fortran, shape);
        }

        private String string(String what) throws NpyFormatException {
            char quote = peek();
            if (quote != '\'' && quote != '"') {
                throw fail("expected a quoted string for " + what + " at offset " + pos + " of the header");
            }
            int end = text.indexOf(quote, pos + 1);
            if (end < 0) {
                throw fail("unterminated string at offset " + pos + " of the header");
            }
            String s = text.substring(pos + 1, end);
            if (s.indexOf('\\') >= 0 || s.indexOf('\n') >= 0) {
                throw fail("unexpected escape or newline in a string of the header");
            }
            pos = end + 1;
            return s;
        }

        private boolean bool() throws NpyFormatException {
            if (text.startsWith("True", pos)) {
                pos += 4;
                return true;
            }
            if (text.startsWith("False", pos)) {
                pos += 5;
                return false;
            }
            throw fail("'fortran_order' must be True or False");
        }

        private int[] shape() throws NpyFormatException {
            expect('(');
            List<Integer> dims = new ArrayList<>();
            skipSpace();
            boolean comma = false;
            while (peek() != ')') {
                if (!dims.isEmpty() && !comma) {
                    throw fail("expected ',' between the dimensions of 'shape'");
                }
                dims.add(dimension());
                if (dims.size() > MAX_RANK) {
                    throw fail("'shape' has more than " + MAX_RANK + " dimensions");
                }
                skipSpace();
                comma = peek() == ',';
                if (comma) {
                    pos++;
                    skipSpace();
                }
            }
            if (dims.size() == 1 && !comma) {
                throw fail("'shape' must be a tuple; a one-dimensional shape is written (n,)");
            }
            pos++;
            int[] shape = new int[dims.size()];
            long size = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = dims.get(i);
                size *= shape[i];
                if (size > Integer.MAX_VALUE) {
                    throw fail("shape " + Npy.shapeText(shape) + " has more than " + Integer.MAX_VALUE + " elements");
                }
            }
            return shape;
        }

        private int dimension() throws NpyFormatException {
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 128) {
                pos++;
            }
            if (start == pos) {
                throw fail("'shape' must hold non-negative integers, found '" + snippet(start) + "'");
            }
            String digits = text.substring(start, pos);
            if (digits.length() > 1 && digits.charAt(0) == '0') {
                throw fail("dimension " + digits + " in 'shape' has a leading zero, which Python does not allow");
            }
            if (digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE) {
                throw fail("dimension " + digits + " in 'shape' is too large");
            }
            return Integer.parseInt(digits);
        }

        /** A character for a message: quoted when printable ASCII, else its code point. */
        private static String show(char c) {
            return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
        }

        private String snippet(int from) {
            return text.substring(from, Math.min(text.length(), from + 12));
        }

        private void skipSpace() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }

        private char peek() throws NpyFormatException {
            if (pos >= text.length()) {
                throw fail("header dictionary ends early");
            }
            return text.charAt(pos);
        }

        private void expect(char c) throws NpyFormatException {
            if (peek() != c) {
                throw fail("expected '" + c + "' at offset " + pos + " of the header, found " + show(peek()));
            }
            pos++;
        }

        private NpyFormatException fail(String problem) {
            return new NpyFormatException(source, "header is not a valid .npy header dictionary: " + problem);
        }
    }
}
