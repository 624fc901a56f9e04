package io.ctkit.train;

/**
 * One epoch of training.
 *
 * @param epoch 1-based
 * @param loss training data loss (without the L2 term): with the direct engine the mean over the
 *     epoch's rows of each row's loss in its mini-batch's forward pass (as scikit-learn's {@code loss_curve_});
 *     with the samediff engine the loss on all training rows after the epoch
 * @param validationLoss data loss on the validation rows, NaN without a validation split
 * @param validationMetric accuracy (classifiers) or R² (regression) on the validation rows, NaN without one
 * @param millis wall time of the epoch
 */
public record EpochRecord(int epoch, double loss, double validationLoss, double validationMetric, long millis) {
}
