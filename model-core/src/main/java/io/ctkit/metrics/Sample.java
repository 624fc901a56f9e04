package io.ctkit.metrics;

/**
 * One set of rows to compute metrics on: the prepared data plus a multiplicity per row (all
 * ones for the point estimate, bootstrap counts for a resample). Caches the confusion matrix
 * and the ranking metrics so that the metrics of a resample share passes over the rows.
 *
 * <p>Mutable and confined to one thread: after changing the weights, call {@link #reweighted()}.
 */
final class Sample {

    private final ClassificationData classification;
    private final RegressionData regression;
    private final int[] weights;
    private final long[] confusion;
    private boolean confusionValid;
    private final double[] ranking = new double[2];
    private boolean rankingValid;

    private Sample(ClassificationData classification, RegressionData regression, int[] weights) {
        this.classification = classification;
        this.regression = regression;
        this.weights = weights;
        this.confusion = classification == null ? null : new long[classification.classes() * classification.classes()];
    }

    static Sample of(ClassificationData data, int[] weights) {
        return new Sample(data, null, weights);
    }

    static Sample of(RegressionData data, int[] weights) {
        return new Sample(null, data, weights);
    }

    /** Every row once. */
    static int[] ones(int rows) {
        int[] weights = new int[rows];
        java.util.Arrays.fill(weights, 1);
        return weights;
    }

    void reweighted() {
        confusionValid = false;
        rankingValid = false;
    }

    int[] weights() {
        return weights;
    }

    int classes() {
        return classification().classes();
    }

    long[] confusion() {
        if (!confusionValid) {
            classification().confusion(weights, confusion);
            confusionValid = true;
        }
        return confusion;
    }

    double rocAuc() {
        return ranking()[0];
    }

    double averagePrecision() {
        return ranking()[1];
    }

    private double[] ranking() {
        if (!rankingValid) {
            classification().rankingMetrics(weights, ranking);
            rankingValid = true;
        }
        return ranking;
    }

    double logLoss() {
        return classification().logLoss(weights);
    }

    double brier() {
        return classification().brier(weights);
    }

    RegressionData regression() {
        if (regression == null) {
            throw new IllegalStateException("a regression metric was asked of classification rows");
        }
        return regression;
    }

    private ClassificationData classification() {
        if (classification == null) {
            throw new IllegalStateException("a classification metric was asked of regression rows");
        }
        return classification;
    }
}
