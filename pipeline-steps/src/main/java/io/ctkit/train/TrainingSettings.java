package io.ctkit.train;

import java.util.Map;
import java.util.Objects;

/**
 * {@code training:}: the optimizer and its hyperparameters (read by {@link TrainingSection}).
 *
 * @param optimizer adam or sgd
 * @param learningRate step size
 * @param momentum SGD momentum (0: plain SGD); ignored by Adam
 * @param batchSize rows per mini-batch (the last batch of an epoch may be smaller)
 * @param epochs the most passes over the training rows
 * @param earlyStopping stop when the validation loss has not improved for a while; {@code null}: train all epochs
 * @param classWeights loss weight per class for classifiers: empty for none, or by label
 * @param balanced whether class weights are {@code n / (classes * count(class))}, as scikit-learn's "balanced"
 * @param l2 L2 penalty: {@code 0.5 * l2 * sum(W^2) / batch rows} is added to the loss, as scikit-learn's alpha
 * @param engine what computes the training steps: the hand-written ND4J passes (default) or SameDiff's graph
 */
public record TrainingSettings(Optimizer optimizer, double learningRate, double momentum, int batchSize, int epochs,
        EarlyStopping earlyStopping, Map<String, Double> classWeights, boolean balanced, double l2,
        Engine engine) {

    public TrainingSettings {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(engine, "engine");
        classWeights = Map.copyOf(classWeights);
    }

    /** The update rule. */
    public enum Optimizer { ADAM, SGD }

    /** The training engine: both train the same model with the same loss, L2 and updater. */
    public enum Engine { DIRECT, SAMEDIFF }

    /**
     * Early stopping on a validation split of the training rows.
     *
     * @param patience epochs without an improvement of at least {@code minDelta} before stopping
     * @param validationFraction share of the training rows held out (stratified for classifiers)
     * @param minDelta the smallest decrease of the validation loss that counts as an improvement
     */
    public record EarlyStopping(int patience, double validationFraction, double minDelta) {
    }
}
