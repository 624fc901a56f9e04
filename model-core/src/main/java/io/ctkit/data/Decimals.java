package io.ctkit.data;

/**
 * Numbers in plain decimal notation, {@code [+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?} (ASCII
 * digits), parsed to the double {@link Double#parseDouble} gives. A million-row file spends most
 * of its reading time on numbers, and the JDK's parser takes a slow big-integer path for the
 * 16- and 17-digit values that model outputs print as; this one checks the notation and takes
 * Clinger's exact fast path where it applies, handing everything else to the JDK.
 */
final class Decimals {

    /** 10^0 .. 10^22: every one exact in a double. */
    private static final double[] POWERS_OF_TEN = new double[23];
    /** Integers up to 2^53 are exact in a double. */
    private static final long EXACT_INTEGER = 1L << 53;
    /** More significant digits than fit a long exactly: the JDK parses those. */
    private static final int MAX_DIGITS = 18;

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private Decimals() {
    }

    /** The value of {@code text}, or NaN when it is not plain decimal notation (as above). */
    static double parse(String text) {
        int n = text.length();
        int i = 0;
        boolean negative = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int scale = 0;
        int digits = 0;
        for (; i < n && isDigit(text.charAt(i)); i++, digits++) {
            int d = text.charAt(i) - '0';
            if (significant > 0 || d != 0) {
                significant++;
                mantissa = significant <= MAX_DIGITS ? mantissa * 10 + d : mantissa;
            }
        }
        if (i < n && text.charAt(i) == '.') {
            i++;
            for (; i < n && isDigit(text.charAt(i)); i++, digits++) {
                int d = text.charAt(i) - '0';
                if (significant > 0 || d != 0) {
                    significant++;
                    mantissa = significant <= MAX_DIGITS ? mantissa * 10 + d : mantissa;
                }
                scale++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        int exponent = 0;
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                negativeExponent = text.charAt(i) == '-';
                i++;
            }
            int start = i;
            for (; i < n && isDigit(text.charAt(i)); i++) {
                exponent = Math.min(exponent * 10 + (text.charAt(i) - '0'), 100_000_000);
            }
            if (i == start) {
                return Double.NaN;
            }
            exponent = negativeExponent ? -exponent : exponent;
        }
        if (i != n) {
            return Double.NaN;
        }
        if (significant > MAX_DIGITS) {
            return Double.parseDouble(text);
        }
        if (mantissa == 0) {
            return negative ? -0.0 : 0.0;
        }
        int power = exponent - scale;
        if (mantissa <= EXACT_INTEGER && power >= -22 && power <= 22) {
            // Clinger: both operands exact, so the one correctly rounded operation is the answer.
            double value = power < 0 ? mantissa / POWERS_OF_TEN[-power] : mantissa * POWERS_OF_TEN[power];
            return negative ? -value : value;
        }
        return Double.parseDouble(text);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
