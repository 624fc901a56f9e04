package io.ctkit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DecimalsTest {

    /** The notation the reader accepted before Decimals, by a regular expression: the reference. */
    private static final Pattern NOTATION = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

    @Test
    void givesTheJdksDoubleForNumbersAsProgramsPrintThem() {
        SplittableRandom random = new SplittableRandom(20261205);
        assertSoftly(softly -> {
            for (int i = 0; i < 10_000; i++) {
                double v = switch (i % 4) {
                    case 0 -> random.nextDouble();
                    case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(-30, 30));
                    case 2 -> -random.nextInt(1_000_000) / 1000.0;
                    default -> Double.longBitsToDouble(random.nextLong() & Long.MAX_VALUE);
                };
                if (!Double.isFinite(v)) {
                    continue;
                }
                for (String text : new String[] {Double.toString(v), String.format(Locale.ROOT, "%.17g", v),
                        String.format(Locale.ROOT, "%.15g", v), String.format(Locale.ROOT, "%.6f", v),
                        // every digit of the binary value; at most about 80 of them in these ranges
                        i % 4 == 3 ? "0" : new BigDecimal(v).toPlainString(), String.format(Locale.ROOT, "%.3e", v)}) {
                    double expected = Double.parseDouble(text);
                    double actual = Decimals.parse(text);
                    if (Double.doubleToRawLongBits(actual) != Double.doubleToRawLongBits(expected)) {
                        softly.fail("%s: parsed %s, the JDK gives %s", text, actual, expected);
                    }
                }
            }
        });
    }

    @Test
    void acceptsExactlyPlainDecimalNotationAndParsesItAsTheJdk() {
        SplittableRandom random = new SplittableRandom(7);
        String alphabet = "0123456789.eE+- x";
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(0, 9);
            for (int c = 0; c < length; c++) {
                text.append(alphabet.charAt(random.nextInt(c == 0 ? alphabet.length() : 12)));
            }
            check(text.toString(), wrong);
        }
        for (String text : new String[] {"", ".", "+", "-", "e5", ".e5", "1e", "1e+", "1.", ".5", "-0", "+0.0",
                "-.0e-0", "00012", "1e400", "-1e400", "1e-400", "9007199254740993", "123456789012345678901234567890",
                "0.1000000000000000055511151231257827", "1E22", "1E23", "4.9e-324", "2.2250738585072014E-308",
                " 1", "1 ", "NaN", "Infinity", "0x1p3", "1d", "1f", "\u0661", "1_000"}) {
            check(text, wrong);
        }
        assertThat(wrong).isEmpty();
    }

    private static void check(String text, List<String> wrong) {
        double parsed = Decimals.parse(text);
        if (!NOTATION.matcher(text).matches()) {
            if (!Double.isNaN(parsed)) {
                wrong.add("\"" + text + "\" is not plain decimal notation but parsed as " + parsed);
            }
            return;
        }
        double expected = Double.parseDouble(text);
        if (Double.doubleToRawLongBits(parsed) != Double.doubleToRawLongBits(expected)) {
            wrong.add("\"" + text + "\": " + parsed + ", the JDK gives " + expected);
        }
    }

    /**
     * The Eisel-Lemire path: 16 to 18 significant digits at scales it covers and beyond, and the
     * hardest inputs for it, decimals within one unit of their last digit of a midpoint between
     * two doubles.
     */
    @Test
    void givesTheJdksDoubleForLongMantissasAndNearMidpoints() {
        SplittableRandom random = new SplittableRandom(12);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            String digits = Long.toString(random.nextLong(100_000_000_000_000_000L, 1_000_000_000_000_000_000L));
            digits = digits.substring(0, 16 + random.nextInt(3));
            int point = random.nextInt(-12, digits.length() + 1);
            String text = point <= 0 ? "0." + "0".repeat(-point) + digits
                    : digits.substring(0, point) + "." + digits.substring(point);
            check(i % 2 == 0 ? text : text + "e" + random.nextInt(-12, 13), wrong);
        }
        for (int i = 0; i < 20_000; i++) {
            double v = random.nextDouble() * Math.pow(10, random.nextInt(-8, 9));
            BigDecimal midpoint = new BigDecimal(v).add(new BigDecimal(Math.ulp(v)).divide(BigDecimal.valueOf(2)));
            BigDecimal near = midpoint.round(new MathContext(17 + i % 2));
            for (BigDecimal text : new BigDecimal[] {near, near.add(near.ulp()), near.subtract(near.ulp())}) {
                check(text.toPlainString(), wrong);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void negativeZeroStaysNegative() {
        assertThat(Double.doubleToRawLongBits(Decimals.parse("-0.000"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }
}
