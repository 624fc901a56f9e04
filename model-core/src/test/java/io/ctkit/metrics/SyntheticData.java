package io.ctkit.metrics;

import java.util.SplittableRandom;

/** Seeded synthetic predictions for tests that need realistic, larger data. */
final class SyntheticData {

    private SyntheticData() {
    }

    /** Binary rows with positive rate {@code positiveRate}; larger {@code separation} gives a better model. */
    static Predictions binary(int n, double positiveRate, double separation, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] labels = new int[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextDouble() < positiveRate ? 1 : 0;
            scores[i] = sigmoid(gaussian(random) + separation * (2 * labels[i] - 1));
        }
        return Predictions.binary(labels, scores);
    }

    /** The same labels as {@code base} with scores nudged by Gaussian noise of scale {@code noise} on the logit. */
    static Predictions perturbed(Predictions base, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] scores = base.scores().clone();
        for (int i = 0; i < scores.length; i++) {
            double s = Math.min(Math.max(scores[i], 1e-12), 1 - 1e-12);
            scores[i] = sigmoid(Math.log(s / (1 - s)) + noise * gaussian(random));
        }
        return Predictions.binary(base.labels(), scores);
    }

    static Predictions multiclass(int n, int k, double signal, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] labels = new int[n];
        double[][] p = new double[n][k];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(k);
            double sum = 0;
            for (int c = 0; c < k; c++) {
                p[i][c] = Math.exp(gaussian(random) + (c == labels[i] ? signal : 0));
                sum += p[i][c];
            }
            for (int c = 0; c < k; c++) {
                p[i][c] /= sum;
            }
        }
        return Predictions.multiclass(labels, p);
    }

    static Predictions regression(int n, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] actual = new double[n];
        double[] predicted = new double[n];
        for (int i = 0; i < n; i++) {
            actual[i] = 10 + 3 * gaussian(random);
            predicted[i] = actual[i] + noise * gaussian(random);
        }
        return Predictions.regression(actual, predicted);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
