package io.ctkit.metrics;

/**
 * Rows ordered by descending score, with runs of tied scores marked, computed once so that
 * ROC AUC and average precision of any resample are a linear walk over row multiplicities
 * instead of a sort.
 */
final class Ranking {

    private final int[] order;
    private final int[] runEnds;

    private Ranking(int[] order, int[] runEnds) {
        this.order = order;
        this.runEnds = runEnds;
    }

    static Ranking of(double[] scores) {
        int[] order = IndexSort.descending(scores);
        int runs = 0;
        int[] ends = new int[scores.length];
        for (int j = 1; j <= order.length; j++) {
            if (j == order.length || scores[order[j]] != scores[order[j - 1]]) {
                ends[runs++] = j;
            }
        }
        return new Ranking(order, java.util.Arrays.copyOf(ends, runs));
    }

    /**
     * Area under the ROC curve for "label == positive", each row counted {@code weights[row]}
     * times; tied scores form one step (the trapezoid rule over distinct thresholds, as
     * sklearn's roc_curve + auc). NaN when either class has no rows.
     */
    double rocAuc(int[] labels, int positive, int[] weights) {
        long truePositives = 0;
        long falsePositives = 0;
        // Twice the area, in units of one positive times one negative: exact integer arithmetic.
        long doubleArea = 0;
        int start = 0;
        for (int end : runEnds) {
            long runPositives = 0;
            long runNegatives = 0;
            for (int j = start; j < end; j++) {
                int row = order[j];
                int w = weights[row];
                if (labels[row] == positive) {
                    runPositives += w;
                } else {
                    runNegatives += w;
                }
            }
            doubleArea += runNegatives * (2 * truePositives + runPositives);
            truePositives += runPositives;
            falsePositives += runNegatives;
            start = end;
        }
        if (truePositives == 0 || falsePositives == 0) {
            return Double.NaN;
        }
        return doubleArea / (2.0 * truePositives * falsePositives);
    }

    /**
     * Average precision, sum over distinct thresholds of (recall increase) x precision, not
     * interpolated (sklearn's average_precision_score). 0 when there is no positive row,
     * which is what sklearn returns in that case.
     */
    double averagePrecision(int[] labels, int positive, int[] weights) {
        long truePositives = 0;
        long predictedPositives = 0;
        double sum = 0;
        int start = 0;
        for (int end : runEnds) {
            long runPositives = 0;
            long runRows = 0;
            for (int j = start; j < end; j++) {
                int row = order[j];
                int w = weights[row];
                runRows += w;
                if (labels[row] == positive) {
                    runPositives += w;
                }
            }
            truePositives += runPositives;
            predictedPositives += runRows;
            if (runPositives > 0) {
                sum += runPositives * ((double) truePositives / predictedPositives);
            }
            start = end;
        }
        return truePositives == 0 ? 0.0 : sum / truePositives;
    }
}
