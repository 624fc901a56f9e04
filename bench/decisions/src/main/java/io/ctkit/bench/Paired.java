package io.ctkit.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Interleaved A/B timing for a noisy shared machine: A and B alternate in ABBA order, so a
 * load change hits both halves of a pair; the result is the distribution of the per-pair
 * ratio B/A (median and quartiles) next to each side's median time.
 */
public final class Paired {

    public static final String HEADER = String.format(Locale.ROOT, "%-22s %12s %12s %9s %18s",
            "case", "A median ms", "B median ms", "B/A", "B/A p25..p75");

    /** Per-pair ratios and times. */
    public record Result(double[] a, double[] b, double[] ratios) {
        public double medianA() {
            return quantile(a, 0.5);
        }

        public double medianB() {
            return quantile(b, 0.5);
        }

        public double ratio(double q) {
            return quantile(ratios, q);
        }

        public String row(String name, String aName, String bName) {
            return String.format(Locale.ROOT, "%-22s %12.3f %12.3f %9.2f %8.2f..%-8.2f (A=%s, B=%s, n=%d)", name,
                    medianA(), medianB(), ratio(0.5), ratio(0.25), ratio(0.75), aName, bName, ratios.length);
        }
    }

    private static volatile Object sink;

    private Paired() {
    }

    public static Result run(int pairs, int warmupPairs, Supplier<?> a, Supplier<?> b) {
        for (int i = 0; i < warmupPairs; i++) {
            sink = a.get();
            sink = b.get();
        }
        double[] ta = new double[pairs];
        double[] tb = new double[pairs];
        double[] ratios = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            if (i % 2 == 0) {
                ta[i] = time(a);
                tb[i] = time(b);
            } else {
                tb[i] = time(b);
                ta[i] = time(a);
            }
            ratios[i] = tb[i] / ta[i];
        }
        return new Result(ta, tb, ratios);
    }

    private static double time(Supplier<?> s) {
        long t0 = System.nanoTime();
        sink = s.get();
        return (System.nanoTime() - t0) / 1e6;
    }

    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
