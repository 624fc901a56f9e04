package io.ctkit.metrics;

/**
 * Binary or multiclass rows prepared once for any number of (re)samples: predicted classes,
 * per-class score rankings, and per-row log loss and Brier terms.
 */
final class ClassificationData {

    /** sklearn's log_loss eps="auto" for float64 input: np.finfo(np.float64).eps. */
    static final double LOG_LOSS_EPSILON = Math.ulp(1.0);

    private final Task task;
    private final int classes;
    private final int[] labels;
    private final int[] predicted;
    /** Binary: one ranking by score (class 1). Multiclass: one ranking per class column. */
    private final Ranking[] rankings;
    private final double[] logLoss;
    private final double[] brier;

    private ClassificationData(Task task, int classes, int[] labels, int[] predicted, Ranking[] rankings,
            double[] logLoss, double[] brier) {
        this.task = task;
        this.classes = classes;
        this.labels = labels;
        this.predicted = predicted;
        this.rankings = rankings;
        this.logLoss = logLoss;
        this.brier = brier;
    }

    static ClassificationData of(Predictions predictions, double threshold) {
        return predictions.task() == Task.BINARY ? binary(predictions, threshold) : multiclass(predictions);
    }

    private static ClassificationData binary(Predictions predictions, double threshold) {
        int[] labels = predictions.labels();
        double[] scores = predictions.scores();
        int n = labels.length;
        int[] predicted = new int[n];
        double[] logLoss = new double[n];
        double[] brier = new double[n];
        for (int i = 0; i < n; i++) {
            predicted[i] = scores[i] >= threshold ? 1 : 0;
            // As sklearn's log_loss: clip, expand to [1 - p, p], renormalise the row.
            double p = clip(scores[i]);
            double q = 1 - p;
            double sum = q + p;
            logLoss[i] = -Math.log((labels[i] == 1 ? p : q) / sum);
            double d = labels[i] - scores[i];
            brier[i] = d * d;
        }
        return new ClassificationData(Task.BINARY, 2, labels, predicted, new Ranking[] {Ranking.of(scores)},
                logLoss, brier);
    }

    private static ClassificationData multiclass(Predictions predictions) {
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
            rankings[c] = Ranking.of(column);
        }
        return new ClassificationData(Task.MULTICLASS, k, labels, predicted, rankings, logLoss, brier);
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON);
    }

    Task task() {
        return task;
    }

    int classes() {
        return classes;
    }

    int rows() {
        return labels.length;
    }

    int[] labels() {
        return labels;
    }

    /** Fills {@code into} (length K*K, rows = true class) with the weighted confusion counts. */
    long[] confusion(int[] weights, long[] into) {
        java.util.Arrays.fill(into, 0);
        for (int i = 0; i < labels.length; i++) {
            into[labels[i] * classes + predicted[i]] += weights[i];
        }
        return into;
    }

    /** Binary ROC AUC, or the unweighted mean of one-vs-rest AUCs (NaN if any class lacks rows). */
    double rocAuc(int[] weights) {
        if (task == Task.BINARY) {
            return rankings[0].rocAuc(labels, 1, weights);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += rankings[c].rocAuc(labels, c, weights);
        }
        return sum / classes;
    }

    /** Binary average precision, or the unweighted mean over classes one-vs-rest (absent class: 0). */
    double averagePrecision(int[] weights) {
        if (task == Task.BINARY) {
            return rankings[0].averagePrecision(labels, 1, weights);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += rankings[c].averagePrecision(labels, c, weights);
        }
        return sum / classes;
    }

    double logLoss(int[] weights) {
        return weightedMean(logLoss, weights);
    }

    double brier(int[] weights) {
        return weightedMean(brier, weights);
    }

    private static double weightedMean(double[] values, int[] weights) {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < values.length; i++) {
            sum += weights[i] * values[i];
            n += weights[i];
        }
        return sum / n;
    }
}
