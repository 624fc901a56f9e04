package io.ctkit.data;

import java.math.BigInteger;

/**
 * Numbers in plain decimal notation, {@code [+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?} (ASCII
 * digits), parsed to the double {@link Double#parseDouble} gives. A million-row file spends most
 * of its reading time on numbers, and the JDK's parser takes a slow big-integer path for the
 * 16- and 17-digit values that model outputs print as; this one checks the notation and takes
 * Clinger's exact fast path where it applies, then the Eisel-Lemire algorithm (Lemire, "Number
 * parsing at a gigabyte per second", 2021) for up to 18 significant digits times 10^-27..10^27,
 * handing everything else, and the rare values that algorithm cannot decide, to the JDK.
 */
final class Decimals {

    /** Eisel-Lemire's powers of ten: 10^q for q in [-{@value #MAX_POWER}, {@value #MAX_POWER}]. */
    private static final int MAX_POWER = 27;
    /**
     * Per q, 5^q as a 128-bit number with its top bit set: the high then low 64 bits, at
     * [2(q + MAX_POWER)] and [2(q + MAX_POWER) + 1]; exact for q &gt;= 0, rounded up for q &lt; 0.
     */
    private static final long[] POWERS_OF_FIVE = new long[4 * MAX_POWER + 2];

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
        BigInteger two128 = BigInteger.ONE.shiftLeft(128);
        for (int q = -MAX_POWER; q <= MAX_POWER; q++) {
            BigInteger five = BigInteger.valueOf(5).pow(Math.abs(q));
            BigInteger normalized;
            if (q >= 0) {
                normalized = five.shiftLeft(128 - five.bitLength());
            } else {
                // 2^b / 5^-q + 1 with b chosen to put the quotient's top bit at bit 127.
                int z = five.subtract(BigInteger.ONE).bitLength();
                normalized = BigInteger.ONE.shiftLeft(z + 127).divide(five).add(BigInteger.ONE);
            }
            if (normalized.bitLength() != 128 || normalized.compareTo(two128) >= 0) {
                throw new AssertionError("power of five out of range: " + q);
            }
            POWERS_OF_FIVE[2 * (q + MAX_POWER)] = normalized.shiftRight(64).longValue();
            POWERS_OF_FIVE[2 * (q + MAX_POWER) + 1] = normalized.longValue();
        }
    }

    private Decimals() {
    }

    /** The value of {@code text}, or NaN when it is not plain decimal notation (as above). */
    static double parse(String text) {
        char[] chars = text.toCharArray();
        return parse(chars, 0, chars.length);
    }

    /** {@link #parse(String)} of {@code text[from, to)}, without making a String unless the JDK must parse it. */
    static double parse(char[] text, int from, int to) {
        int n = to;
        int i = from;
        boolean negative = false;
        if (i < n && (text[i] == '+' || text[i] == '-')) {
            negative = text[i] == '-';
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int scale = 0;
        int digits = 0;
        for (; i < n && isDigit(text[i]); i++, digits++) {
            int d = text[i] - '0';
            if (significant > 0 || d != 0) {
                significant++;
                mantissa = significant <= MAX_DIGITS ? mantissa * 10 + d : mantissa;
            }
        }
        if (i < n && text[i] == '.') {
            i++;
            for (; i < n && isDigit(text[i]); i++, digits++) {
                int d = text[i] - '0';
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
        if (i < n && (text[i] == 'e' || text[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < n && (text[i] == '+' || text[i] == '-')) {
                negativeExponent = text[i] == '-';
                i++;
            }
            int start = i;
            for (; i < n && isDigit(text[i]); i++) {
                exponent = Math.min(exponent * 10 + (text[i] - '0'), 100_000_000);
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
            return Double.parseDouble(new String(text, from, to - from));
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
        if (power >= -MAX_POWER && power <= MAX_POWER) {
            long bits = eiselLemire(mantissa, power);
            if (bits >= 0) {
                return negative ? -Double.longBitsToDouble(bits) : Double.longBitsToDouble(bits);
            }
        }
        return Double.parseDouble(new String(text, from, to - from));
    }

    /**
     * The bits of the double nearest {@code w * 10^q} (w &gt; 0, q within the table), or -1 when
     * the truncated product leaves the rounding undecided or the result is not a normal double.
     * Follows the paper's reference {@code compute_float_64}.
     */
    private static long eiselLemire(long w, int q) {
        int lz = Long.numberOfLeadingZeros(w);
        long i = w << lz;
        long factorHigh = POWERS_OF_FIVE[2 * (q + MAX_POWER)];
        long upper = unsignedMultiplyHigh(i, factorHigh);
        long lower = i * factorHigh;
        if ((upper & 0x1FF) == 0x1FF && Long.compareUnsigned(lower + i, lower) < 0) {
            long factorLow = POWERS_OF_FIVE[2 * (q + MAX_POWER) + 1];
            long secondHigh = unsignedMultiplyHigh(i, factorLow);
            long secondLow = i * factorLow;
            long middle = lower + secondHigh;
            if (Long.compareUnsigned(middle, lower) < 0) {
                upper++;
            }
            if (middle + 1 == 0 && (upper & 0x1FF) == 0x1FF && Long.compareUnsigned(secondLow + i, secondLow) < 0) {
                return -1;
            }
            lower = middle;
        }
        long upperBit = upper >>> 63;
        long mantissa = upper >>> (upperBit + 9);
        lz += (int) (1 ^ upperBit);
        if (lower == 0 && (upper & 0x1FF) == 0 && (mantissa & 3) == 1) {
            return -1; // maybe exactly halfway between two doubles
        }
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if (mantissa >= 1L << 53) {
            mantissa = 1L << 52;
            lz--;
        }
        mantissa &= ~(1L << 52);
        long exponent = (((152170L + 65536L) * q) >> 16) + 1024 + 63 - lz;
        if (exponent < 1 || exponent > 2046) {
            return -1;
        }
        return mantissa | exponent << 52;
    }

    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
