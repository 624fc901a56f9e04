package io.ctkit.metrics;

/**
 * Binary rows put once in descending score order, so that every metric of a (re)sample comes from
 * one sequential pass over the row multiplicities: no sort, no copy of rows and no indirection per
 * resample.
 *
 * <p>In this order the rows predicted 1 (score &gt;= threshold) are a prefix, so the confusion
 * matrix is read off the ranking walk where that prefix ends; ties never straddle the threshold.
 * Weights passed to {@link #pass} are indexed by position in this order; {@link #rowOrder()} maps
 * positions to rows.
 */
final class BinaryRows implements PreparedRows {

    private static final byte POSITIVE = 1;
    private static final byte RUN_END = 2;

    private final int[] rowOrder;
    /** Per position: {@link #POSITIVE} when the label is 1, {@link #RUN_END} on the last row of a run of tied scores. */
    private final byte[] codes;
    /** Per position p: {@code [2p]} the row's log loss term, {@code [2p + 1]} its Brier term; interleaved to stream once. */
    private final double[] terms;
    /** Rows predicted 1: positions before this one. */
    private final int cut;

    private BinaryRows(int[] rowOrder, byte[] codes, double[] terms, int cut) {
        this.rowOrder = rowOrder;
        this.codes = codes;
        this.terms = terms;
        this.cut = cut;
    }

    static BinaryRows of(Predictions predictions, double threshold) {
        int[] labels = predictions.labels();
        double[] scores = predictions.scores();
        int n = labels.length;
        double[] sorted = new double[n];
        int[] order = IndexSort.descending(scores, sorted);
        // Labels are 0 or 1 (Predictions checks): a byte each, so the lookups in score order,
        // at random places, stay in a quarter of the memory.
        byte[] positive = new byte[n];
        for (int i = 0; i < n; i++) {
            positive[i] = (byte) labels[i];
        }
        byte[] codes = new byte[n];
        double[] terms = new double[2 * n];
        int cut = 0;
        for (int p = 0; p < n; p++) {
            double score = sorted[p];
            int label = positive[order[p]];
            boolean runEnd = p == n - 1 || sorted[p + 1] != score;
            codes[p] = (byte) ((label == 1 ? POSITIVE : 0) | (runEnd ? RUN_END : 0));
            terms[2 * p] = MulticlassRows.binaryLogLoss(label, score);
            double d = label - score;
            terms[2 * p + 1] = d * d;
            if (score >= threshold) {
                cut = p + 1;
            }
        }
        return new BinaryRows(order, codes, terms, cut);
    }

    @Override
    public int rows() {
        return codes.length;
    }

    /** The row at each position; weights for {@link #pass} are in this order. */
    @Override
    public int[] rowOrder() {
        return rowOrder;
    }

    /**
     * One pass over the rows, each counted {@code weights[position]} times, filling {@code stats}:
     * the 2 x 2 confusion matrix (rows = true class), ROC AUC and average precision as
     * {@link Ranking#evaluate} defines them, and the weighted means of the log loss and Brier terms.
     */
    void pass(byte[] weights, Stats stats) {
        long truePositives = 0;
        long falsePositives = 0;
        long runPositives = 0;
        long runNegatives = 0;
        // Positive and negative rows predicted 1, read where the predicted-1 prefix ends.
        long positivesAbove = 0;
        long negativesAbove = 0;
        // Twice the ROC area in units of one positive times one negative: exact integers.
        long doubleArea = 0;
        double precisionSum = 0;
        double logLoss = 0;
        double brier = 0;
        int n = codes.length;
        for (int p = 0; p < n; p++) {
            if (p == cut) {
                positivesAbove = truePositives;
                negativesAbove = falsePositives;
            }
            int w = weights[p] & 0xFF;
            int code = codes[p];
            logLoss += w * terms[2 * p];
            brier += w * terms[2 * p + 1];
            int positive = code & POSITIVE;
            runPositives += w * positive;
            runNegatives += w * (1 - positive);
            if ((code & RUN_END) != 0) {
                doubleArea += runNegatives * (2 * truePositives + runPositives);
                truePositives += runPositives;
                falsePositives += runNegatives;
                // Without a branch: a run without positives adds +0.0, leaving the sum's bits as they were.
                precisionSum += runPositives * ((double) truePositives / Math.max(truePositives + falsePositives, 1));
                runPositives = 0;
                runNegatives = 0;
            }
        }
        if (cut == n) {
            positivesAbove = truePositives;
            negativesAbove = falsePositives;
        }
        long[] c = stats.confusion;
        c[0] = falsePositives - negativesAbove;
        c[1] = negativesAbove;
        c[2] = truePositives - positivesAbove;
        c[3] = positivesAbove;
        stats.rocAuc = truePositives == 0 || falsePositives == 0 ? Double.NaN
                : doubleArea / (2.0 * truePositives * falsePositives);
        stats.averagePrecision = truePositives == 0 ? 0.0 : precisionSum / truePositives;
        long total = truePositives + falsePositives;
        stats.logLoss = logLoss / total;
        stats.brier = brier / total;
    }

    /** What one pass finds; reused across resamples by one thread. */
    static final class Stats {
        final long[] confusion = new long[4];
        double rocAuc;
        double averagePrecision;
        double logLoss;
        double brier;
    }
}
