package io.ctkit.plots;

import java.util.List;
import java.util.Random;

/** The same seeded evaluation data for both plot implementations. */
record PlotData(List<String> classes, int[] labels, double[][] probabilities, double threshold, double[] actual,
        double[] predicted) {

    /** A binary classifier's holdout scores and a regression's holdout predictions, seeded. */
    static PlotData binary(int classificationRows, int regressionRows) {
        Random random = new Random(20261205L);
        int[] labels = new int[classificationRows];
        double[][] probabilities = new double[classificationRows][];
        for (int i = 0; i < classificationRows; i++) {
            labels[i] = random.nextDouble() < 0.3 ? 1 : 0;
            double logit = (labels[i] == 1 ? 1.2 : -1.2) + 1.3 * random.nextGaussian();
            double p = 1 / (1 + Math.exp(-logit));
            p = Math.round(p * 1000) / 1000.0; // ties, as real scores have
            probabilities[i] = new double[] {1 - p, p};
        }
        double[] actual = new double[regressionRows];
        double[] predicted = new double[regressionRows];
        for (int i = 0; i < regressionRows; i++) {
            actual[i] = 800 + 400 * random.nextGaussian();
            predicted[i] = actual[i] * 0.9 + 60 + 90 * random.nextGaussian();
        }
        return new PlotData(List.of("no", "yes"), labels, probabilities, 0.5, actual, predicted);
    }

    /** Three classes, for the one-vs-rest curves and a 3x3 confusion matrix. */
    static PlotData multiclass(int rows) {
        Random random = new Random(7L);
        int k = 3;
        int[] labels = new int[rows];
        double[][] probabilities = new double[rows][k];
        for (int i = 0; i < rows; i++) {
            labels[i] = random.nextInt(k);
            double sum = 0;
            for (int c = 0; c < k; c++) {
                probabilities[i][c] = Math.exp((c == labels[i] ? 1.0 : 0) + 0.9 * random.nextGaussian());
                sum += probabilities[i][c];
            }
            for (int c = 0; c < k; c++) {
                probabilities[i][c] /= sum;
            }
        }
        return new PlotData(List.of("email", "search", "social"), labels, probabilities, 0.5, null, null);
    }
}
