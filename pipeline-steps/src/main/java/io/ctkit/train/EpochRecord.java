package io.ctkit.train;

/**
 * One epoch of training.
 *
 * @param epoch 1-based
 * @param loss data loss (without the L2 term) on all training rows after the epoch
 * @param validationLoss data loss on the validation rows, NaN without a validation split
 * @param validationMetric accuracy (classifiers) or R² (regression) on the validation rows, NaN without one
 * @param millis wall time of the epoch
 */
public record EpochRecord(int epoch, double loss, double validationLoss, double validationMetric, long millis) {
}
