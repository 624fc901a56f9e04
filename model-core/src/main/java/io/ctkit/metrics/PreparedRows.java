package io.ctkit.metrics;

/**
 * Predictions prepared once (sorted, with per-row terms computed) for any number of samples:
 * the point estimate weighs every row once, a bootstrap resample by how often it drew each row.
 * A sample's weights are indexed by the prepared rows' own positions, which may be a permutation
 * of the rows; {@link #rowOrder()} says which.
 */
sealed interface PreparedRows permits BinaryRows, MulticlassRows, RegressionData {

    /** Binary rows in score order, multiclass rows or regression rows, as the task needs. */
    static PreparedRows of(Predictions predictions, double threshold) {
        return switch (predictions.task()) {
            case BINARY_CLASSIFICATION -> BinaryRows.of(predictions, threshold);
            case MULTICLASS_CLASSIFICATION -> MulticlassRows.of(predictions);
            case REGRESSION -> RegressionData.of(predictions);
        };
    }

    int rows();

    /** The row at each position, or null when positions are rows. */
    int[] rowOrder();

    /** {@code rowWeights} (indexed by row) in this data's positions, written to {@code into}. */
    default byte[] fromRowOrder(byte[] rowWeights, byte[] into) {
        int[] order = rowOrder();
        if (order == null) {
            System.arraycopy(rowWeights, 0, into, 0, into.length);
        } else {
            for (int p = 0; p < into.length; p++) {
                into[p] = rowWeights[order[p]];
            }
        }
        return into;
    }

    /** The mean of per-position {@code values}, each counted {@code weights[position]} times. */
    static double weightedMean(double[] values, byte[] weights) {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < values.length; i++) {
            int w = weights[i] & 0xFF;
            sum += w * values[i];
            n += w;
        }
        return sum / n;
    }
}
