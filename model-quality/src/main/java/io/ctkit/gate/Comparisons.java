package io.ctkit.gate;

import io.ctkit.gate.GateCheck.Kind;
import io.ctkit.gate.GatePolicy.ComparisonRule;
import io.ctkit.metrics.Comparison;
import io.ctkit.metrics.ConfidenceInterval;

/**
 * The no-regression and improvement decisions on a paired comparison. Deltas are challenger −
 * champion; "worse" and "better" follow the metric's direction ({@code rmse} down is better).
 */
final class Comparisons {

    private Comparisons() {
    }

    /** The bound on the delta: −margin / +margin for higher- / lower-is-better (no-regression), ±min_gain (improvement). */
    static double bound(Kind kind, ComparisonRule rule) {
        boolean higher = rule.metric().higherIsBetter();
        double m = rule.margin();
        // 0.0 - m, not -m: a zero margin must be written as 0, not -0.0
        if (kind == Kind.NO_REGRESSION) {
            return higher ? 0.0 - m : m;
        }
        return higher ? m : 0.0 - m;
    }

    /** Fails only when the whole interval of the delta lies on the worse side of −margin. */
    static GateCheck noRegression(ComparisonRule rule, Comparison c, String name) {
        double bound = bound(Kind.NO_REGRESSION, rule);
        ConfidenceInterval ci = c.interval();
        boolean higher = rule.metric().higherIsBetter();
        boolean defined = Double.isFinite(c.difference()) && Double.isFinite(ci.low());
        boolean significantDrop = defined && (higher ? ci.high() < bound : ci.low() > bound);
        boolean passed = defined && !significantDrop;
        String key = rule.metric().key();
        String head = key + " = " + Numbers.format(c.challenger()) + " vs the champion's " + Numbers.format(c.champion())
                + ": delta " + Numbers.signed(c.difference()) + Numbers.deltaInterval(ci);
        String tolerance = rule.margin() == 0 ? "" : " (tolerated margin " + Numbers.format(rule.margin()) + ")";
        String message;
        if (!defined) {
            message = key + " cannot be compared with the champion: it is undefined on these rows or on every resample";
        } else if (significantDrop) {
            message = head + " is a significant " + (higher ? "drop" : "rise") + " beyond "
                    + Numbers.signed(bound) + tolerance + ": the challenger is worse";
        } else {
            message = head + " is no significant " + (higher ? "drop" : "rise") + " beyond " + Numbers.signed(bound)
                    + tolerance;
        }
        return new GateCheck(name, Kind.NO_REGRESSION, key, null, c.challenger(), ci.low(), ci.high(), bound,
                c.champion(), c.difference(), passed, message);
    }

    /** Passes only when the whole interval of the delta lies on the better side of the required gain. */
    static GateCheck improvement(ComparisonRule rule, Comparison c, String name) {
        double bound = bound(Kind.IMPROVEMENT, rule);
        ConfidenceInterval ci = c.interval();
        boolean higher = rule.metric().higherIsBetter();
        boolean defined = Double.isFinite(c.difference()) && Double.isFinite(ci.low());
        boolean passed = defined && (higher ? ci.low() > bound : ci.high() < bound);
        String key = rule.metric().key();
        String message;
        if (!defined) {
            message = key + " cannot be compared with the champion: it is undefined on these rows or on every resample";
        } else {
            message = key + " = " + Numbers.format(c.challenger()) + " vs the champion's " + Numbers.format(c.champion())
                    + ": delta " + Numbers.signed(c.difference()) + Numbers.deltaInterval(ci) + " is "
                    + (passed ? "" : "not ") + "significantly " + (higher ? "above " : "below ") + Numbers.signed(bound)
                    + (passed ? ": the challenger is better" : ": no significant improvement");
        }
        return new GateCheck(name, Kind.IMPROVEMENT, key, null, c.challenger(), ci.low(), ci.high(), bound,
                c.champion(), c.difference(), passed, message);
    }
}
