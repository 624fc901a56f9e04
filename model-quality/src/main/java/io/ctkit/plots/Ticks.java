package io.ctkit.plots;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** "Nice" axis ticks (steps of 1, 2 or 5 times a power of ten) and ranges. */
final class Ticks {

    private Ticks() {
    }

    /** About 5–10 ticks within [lo, hi]. */
    static List<Double> of(double lo, double hi) {
        double step = step(hi - lo);
        List<Double> ticks = new ArrayList<>();
        double first = Math.ceil(lo / step - 1e-9) * step;
        for (int i = 0; i < 50; i++) {
            double t = first + i * step;
            if (t > hi + step * 1e-9) {
                break;
            }
            ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        return ticks;
    }

    static double step(double span) {
        if (!(span > 0) || !Double.isFinite(span)) {
            return 1;
        }
        double raw = span / 6;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / magnitude;
        return (r < 1.5 ? 1 : r < 3 ? 2 : r < 7 ? 5 : 10) * magnitude;
    }

    /** The range widened by 5 % on each side (and made non-empty). */
    static double[] padded(double[] range) {
        double lo = range[0];
        double hi = range[1];
        if (hi - lo <= 0) {
            double d = Math.max(Math.abs(lo) * 0.1, 1);
            return new double[] {lo - d, hi + d};
        }
        double pad = (hi - lo) * 0.05;
        return new double[] {lo - pad, hi + pad};
    }

    /** Short decimal text: 0.25, 1000, 1.5e+06. */
    static String label(double v) {
        if (v == 0) {
            return "0";
        }
        if (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3) {
            return String.format(Locale.ROOT, "%.2g", v);
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
