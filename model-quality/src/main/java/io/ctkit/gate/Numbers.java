package io.ctkit.gate;

import io.ctkit.metrics.ConfidenceInterval;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Number formatting for verdict messages, and for the test kit's failure messages so that both say
 * the same number the same way: four significant digits, no trailing zeros.
 */
public final class Numbers {

    private Numbers() {
    }

    /** {@code 0.7421}, {@code 12.5}, {@code undefined} for NaN. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "undefined";
        }
        if (Double.isInfinite(v) || v == 0) {
            return v == 0 ? "0" : Double.toString(v);
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(Math.abs(v) >= 1 ? Math.max(4,
                (int) Math.floor(Math.log10(Math.abs(v))) + 3) : 4)).stripTrailingZeros();
        return d.abs().compareTo(BigDecimal.valueOf(1_000_000_000)) >= 0 ? d.toString() : d.toPlainString();
    }

    /** With a sign: {@code +0.02}, {@code −0.05} (a true minus sign), {@code 0}. */
    public static String signed(double v) {
        if (v > 0) {
            return "+" + format(v);
        }
        return v < 0 ? "\u2212" + format(-v) : format(v);
    }

    /** A difference's interval, always signed: {@code " (95% CI −0.08 to +0.01)"}. */
    public static String deltaInterval(ConfidenceInterval ci) {
        if (ci == null || !Double.isFinite(ci.low())) {
            return "";
        }
        return " (" + level(ci) + "% CI " + signed(ci.low()) + " to " + signed(ci.high()) + ")";
    }

    private static String level(ConfidenceInterval ci) {
        double pct = ci.level() * 100;
        return pct == Math.rint(pct) ? Long.toString((long) pct) : Double.toString(pct);
    }

    /** {@code " (95% CI 0.78–0.84)"}, or empty without an interval. */
    public static String interval(ConfidenceInterval ci) {
        if (ci == null || !Double.isFinite(ci.low())) {
            return "";
        }
        String level = level(ci);
        boolean negative = ci.low() < 0 || ci.high() < 0;
        // An en dash between two negative numbers is hard to read, so signed bounds use "to".
        return " (" + level + "% CI " + (negative ? signed(ci.low()) + " to " + signed(ci.high())
                : format(ci.low()) + "\u2013" + format(ci.high())) + ")";
    }
}
