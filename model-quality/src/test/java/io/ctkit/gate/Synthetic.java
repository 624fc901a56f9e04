package io.ctkit.gate;

import io.ctkit.metrics.Predictions;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded binary predictions of a controllable quality, for gate tests. */
final class Synthetic {

    private Synthetic() {
    }

    static int[] labels(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(2);
        }
        return y;
    }

    /** Scores that separate the classes by {@code separation} (0: coin flip, 3: nearly perfect), logistic of label + noise. */
    static double[] scores(int[] labels, double separation, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] s = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            double z = (labels[i] == 1 ? separation : -separation) / 2 + gaussian(r);
            s[i] = 1 / (1 + Math.exp(-z));
        }
        return s;
    }

    /** {@code base} with the scores of the first {@code rows} rows moved slightly. */
    static double[] nudged(double[] base, int rows, double by) {
        double[] s = base.clone();
        for (int i = 0; i < rows; i++) {
            s[i] = Math.min(1, Math.max(0, s[i] + (i % 2 == 0 ? by : -by)));
        }
        return s;
    }

    static GateInput input(int[] labels, double[] scores, String name) {
        return GateInput.of(Predictions.binary(labels, scores), Map.of("source", name));
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
