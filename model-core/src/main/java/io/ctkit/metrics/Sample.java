package io.ctkit.metrics;

import java.util.Arrays;

/**
 * One set of rows to compute metrics on: the prepared rows plus a multiplicity per position
 * (all ones for the point estimate, bootstrap counts for a resample), an unsigned byte (0 to 255):
 * a quarter of the memory of an int, which makes drawing and reading them markedly faster at a
 * million rows, and no resample comes near 256 draws of one row (see {@link Bootstrap#draw}). Caches what the metrics
 * of a resample share, so that they share passes over the rows: binary rows give everything in
 * one pass; multiclass rows the confusion matrix and the rankings in a pass each.
 *
 * <p>Mutable and confined to one thread: after changing the weights, call {@link #reweighted()}.
 */
final class Sample {

    private final PreparedRows rows;
    private final byte[] weights;
    private final BinaryRows.Stats binary;
    private final long[] confusion;
    private boolean confusionValid;
    private final double[] ranking = new double[2];
    private boolean rankingValid;

    private Sample(PreparedRows rows, byte[] weights) {
        if (weights.length != rows.rows()) {
            throw new IllegalArgumentException(weights.length + " weights for " + rows.rows() + " rows");
        }
        this.rows = rows;
        this.weights = weights;
        this.binary = rows instanceof BinaryRows ? new BinaryRows.Stats() : null;
        this.confusion = rows instanceof MulticlassRows m ? new long[m.classes() * m.classes()] : null;
    }

    /** A sample of {@code rows} counting position p {@code weights[p]} times (the array is shared, not copied). */
    static Sample of(PreparedRows rows, byte[] weights) {
        return new Sample(rows, weights);
    }

    /** Every row once. */
    static byte[] ones(int rows) {
        byte[] weights = new byte[rows];
        Arrays.fill(weights, (byte) 1);
        return weights;
    }

    void reweighted() {
        confusionValid = false;
        rankingValid = false;
    }

    byte[] weights() {
        return weights;
    }

    int classes() {
        return rows instanceof MulticlassRows m ? m.classes() : 2;
    }

    long[] confusion() {
        if (binary != null) {
            return binaryStats().confusion;
        }
        if (!confusionValid) {
            multiclass().confusion(weights, confusion);
            confusionValid = true;
        }
        return confusion;
    }

    double rocAuc() {
        return binary != null ? binaryStats().rocAuc : multiclassRanking()[0];
    }

    double averagePrecision() {
        return binary != null ? binaryStats().averagePrecision : multiclassRanking()[1];
    }

    double logLoss() {
        return binary != null ? binaryStats().logLoss : multiclass().logLoss(weights);
    }

    double brier() {
        return binary != null ? binaryStats().brier : multiclass().brier(weights);
    }

    RegressionData regression() {
        if (rows instanceof RegressionData r) {
            return r;
        }
        throw new IllegalStateException("a regression metric was asked of classification rows");
    }

    /** Binary rows: everything from one pass, made at the first metric asked after a reweight. */
    private BinaryRows.Stats binaryStats() {
        if (!confusionValid) {
            ((BinaryRows) rows).pass(weights, binary);
            confusionValid = true;
        }
        return binary;
    }

    private double[] multiclassRanking() {
        if (!rankingValid) {
            multiclass().rankingMetrics(weights, ranking);
            rankingValid = true;
        }
        return ranking;
    }

    private MulticlassRows multiclass() {
        if (rows instanceof MulticlassRows m) {
            return m;
        }
        throw new IllegalStateException("a classification metric was asked of regression rows");
    }
}
