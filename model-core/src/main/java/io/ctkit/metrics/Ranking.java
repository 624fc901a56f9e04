package io.ctkit.metrics;

import java.util.Arrays;

/**
 * Rows ordered by descending score, with runs of tied scores marked, computed once so that
 * ROC AUC and average precision of any resample are one linear walk over row multiplicities
 * instead of a sort.
 */
final class Ranking {

    private final int[] order;
    private final int[] labelsInOrder;
    private final int[] runEnds;

    private Ranking(int[] order, int[] labelsInOrder, int[] runEnds) {
        this.order = order;
        this.labelsInOrder = labelsInOrder;
        this.runEnds = runEnds;
    }

    static Ranking of(double[] scores, int[] labels) {
        int[] order = IndexSort.descending(scores);
        int[] labelsInOrder = new int[order.length];
        int runs = 0;
        int[] ends = new int[order.length];
        for (int j = 0; j < order.length; j++) {
            labelsInOrder[j] = labels[order[j]];
            if (j == order.length - 1 || scores[order[j + 1]] != scores[order[j]]) {
                ends[runs++] = j + 1;
            }
        }
        return new Ranking(order, labelsInOrder, Arrays.copyOf(ends, runs));
    }

    /**
     * Both ranking metrics for "label == positive", each row counted {@code weights[row]} times
     * (unsigned bytes, see {@link Sample}).
     *
     * <p>{@code out[0]}: area under the ROC curve, tied scores forming one step (the trapezoid
     * rule over distinct thresholds, as sklearn's roc_curve + auc); NaN when either class has
     * no rows. {@code out[1]}: average precision, the sum over distinct thresholds of recall
     * increase times precision, not interpolated (sklearn's average_precision_score); 0 when
     * there is no positive row, which is what sklearn returns in that case.
     */
    void evaluate(int positive, byte[] weights, double[] out) {
        long truePositives = 0;
        long falsePositives = 0;
        // Twice the ROC area in units of one positive times one negative: exact integers.
        long doubleArea = 0;
        double precisionSum = 0;
        int start = 0;
        for (int end : runEnds) {
            long runPositives = 0;
            long runNegatives = 0;
            for (int j = start; j < end; j++) {
                int w = weights[order[j]] & 0xFF;
                if (labelsInOrder[j] == positive) {
                    runPositives += w;
                } else {
                    runNegatives += w;
                }
            }
            doubleArea += runNegatives * (2 * truePositives + runPositives);
            truePositives += runPositives;
            falsePositives += runNegatives;
            if (runPositives > 0) {
                precisionSum += runPositives * ((double) truePositives / (truePositives + falsePositives));
            }
            start = end;
        }
        out[0] = truePositives == 0 || falsePositives == 0 ? Double.NaN
                : doubleArea / (2.0 * truePositives * falsePositives);
        out[1] = truePositives == 0 ? 0.0 : precisionSum / truePositives;
    }
}
