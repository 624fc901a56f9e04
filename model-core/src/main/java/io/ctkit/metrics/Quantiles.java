package io.ctkit.metrics;

/** Percentiles computed exactly as numpy's default ("linear", Hyndman and Fan type 7). */
final class Quantiles {

    private Quantiles() {
    }

    /**
     * The {@code fraction} quantile (in [0, 1]) of the first {@code count} values of
     * {@code sorted}, which must be in ascending order. Mirrors numpy's index and lerp
     * arithmetic so that bin edges equal to data values come out bit-identical.
     */
    static double linear(double[] sorted, int count, double fraction) {
        if (count < 1) {
            throw new IllegalArgumentException("no values to take a quantile of");
        }
        double virtual = (count - 1) * fraction;
        if (virtual >= count - 1) {
            return sorted[count - 1];
        }
        if (virtual < 0) {
            return sorted[0];
        }
        int previous = (int) Math.floor(virtual);
        double gamma = virtual - previous;
        double a = sorted[previous];
        double b = sorted[previous + 1];
        double difference = b - a;
        return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma;
    }
}
