package io.ctkit.testkit;

/**
 * How far an output may move and still count as unchanged: an absolute amount (a probability, or
 * the target's units) or a fraction of the original output. Rejects negative and non-finite values.
 *
 * @param amount   the allowed change, at least 0
 * @param relative whether {@code amount} is a fraction of the original output's magnitude
 */
public record Tolerance(double amount, boolean relative) {

    /** CheckList's invariance tolerance for classifiers: 0.1 in probability. */
    public static final Tolerance PROBABILITY = absolute(0.1);

    public Tolerance {
        if (!(amount >= 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException("a tolerance must be a number >= 0, got " + amount);
        }
    }

    /** An output may move by {@code amount} in its own units. */
    public static Tolerance absolute(double amount) {
        return new Tolerance(amount, false);
    }

    /** An output may move by {@code fraction} of its original magnitude, e.g. 0.01 for 1 %. */
    public static Tolerance relative(double fraction) {
        return new Tolerance(fraction, true);
    }

    /** The allowed change around {@code original}. */
    public double allowedAround(double original) {
        return relative ? amount * Math.abs(original) : amount;
    }

    @Override
    public String toString() {
        return relative ? io.ctkit.gate.Numbers.format(amount * 100) + "% relative" : io.ctkit.gate.Numbers.format(amount);
    }
}
