package io.ctkit.metrics;

/**
 * Multiclass rows prepared once for any number of (re)samples: predicted classes, one score
 * ranking per class, and per-row log loss and Brier terms. Positions are rows.
 */
final class MulticlassRows implements PreparedRows {

    /** sklearn's log_loss eps="auto" for float64 input: np.finfo(np.float64).eps. */
    static final double LOG_LOSS_EPSILON = Math.ulp(1.0);

    private final int classes;
    private final int[] labels;
    private final int[] predicted;
    private final Ranking[] rankings;
    private final double[] logLoss;
    private final double[] brier;

    private MulticlassRows(int classes, int[] labels, int[] predicted, Ranking[] rankings, double[] logLoss,
            double[] brier) {
        this.classes = classes;
        this.labels = labels;
        this.predicted = predicted;
        this.rankings = rankings;
        this.logLoss = logLoss;
        this.brier = brier;
    }

    static MulticlassRows of(Predictions predictions) {
        int[] labels = predictions.labels();
        double[][] probabilities = predictions.probabilities();
        int n = labels.length;
        int k = predictions.classes();
        int[] predicted = new int[n];
        double[] logLoss = new double[n];
        double[] brier = new double[n];
        for (int i = 0; i < n; i++) {
            double[] row = probabilities[i];
            int best = 0;
            double sum = 0;
            double squares = 0;
            for (int c = 0; c < k; c++) {
                if (row[c] > row[best]) {
                    best = c;
                }
                sum += clip(row[c]);
                double d = row[c] - (labels[i] == c ? 1 : 0);
                squares += d * d;
            }
            predicted[i] = best;
            logLoss[i] = -Math.log(clip(row[labels[i]]) / sum);
            brier[i] = squares;
        }
        Ranking[] rankings = new Ranking[k];
        double[] column = new double[n];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < n; i++) {
                column[i] = probabilities[i][c];
            }
            rankings[c] = Ranking.of(column, labels);
        }
        return new MulticlassRows(k, labels, predicted, rankings, logLoss, brier);
    }

    /** A binary row's log loss term as sklearn's log_loss: clip, expand to [1 - p, p], renormalise. */
    static double binaryLogLoss(int label, double score) {
        double p = clip(score);
        double q = 1 - p;
        double sum = q + p;
        return -Math.log((label == 1 ? p : q) / sum);
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON);
    }

    @Override
    public int rows() {
        return labels.length;
    }

    @Override
    public int[] rowOrder() {
        return null;
    }

    int classes() {
        return classes;
    }

    /** Fills {@code into} (length K*K, rows = true class) with the weighted confusion counts. */
    long[] confusion(byte[] weights, long[] into) {
        java.util.Arrays.fill(into, 0);
        for (int i = 0; i < labels.length; i++) {
            into[labels[i] * classes + predicted[i]] += weights[i] & 0xFF;
        }
        return into;
    }

    /**
     * Fills {@code out[0]} with the ROC AUC and {@code out[1]} with the average precision: the
     * unweighted means of the one-vs-rest values (the AUC is NaN when any class lacks rows; a
     * class without rows has average precision 0).
     */
    void rankingMetrics(byte[] weights, double[] out) {
        double[] perClass = new double[2];
        double auc = 0;
        double averagePrecision = 0;
        for (int c = 0; c < classes; c++) {
            rankings[c].evaluate(c, weights, perClass);
            auc += perClass[0];
            averagePrecision += perClass[1];
        }
        out[0] = auc / classes;
        out[1] = averagePrecision / classes;
    }

    double logLoss(byte[] weights) {
        return PreparedRows.weightedMean(logLoss, weights);
    }

    double brier(byte[] weights) {
        return PreparedRows.weightedMean(brier, weights);
    }
}
