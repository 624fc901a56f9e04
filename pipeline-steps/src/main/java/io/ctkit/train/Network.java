package io.ctkit.train;

/**
 * A trainable network of the contract's family, whichever engine computes it ({@link DirectMlp} or
 * {@link MlpGraph}). Weights are {@code [W0, b0, W1, b1, ...]} in C order, {@code W [inputs, units]}.
 */
interface Network {
    /**
     * One pass over the training rows, in mini-batches of {@code batchSize} rows taken in
     * {@code order}; returns the epoch's training data loss (see {@link EpochRecord#loss()}).
     */
    double fitEpoch(EncodedRows train, int[] order, int batchSize);

    /** The network's outputs for {@code rows} feature rows (row-major): the prediction or probabilities. */
    float[] predict(float[] features, int rows, int width);

    /** The data loss (without the L2 term) on labelled rows. */
    double dataLoss(EncodedRows rows);

    /** The current kernels and biases. */
    float[][] weights();

    /** Puts back weights taken with {@link #weights()} (the best epoch, for early stopping). */
    void setWeights(float[][] weights);
}
