package io.ctkit.train;

/** The loss became NaN or infinite: the configuration (learning rate, feature scale) needs a change. */
public final class TrainingDivergedException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    TrainingDivergedException(String message) {
        super(message);
    }
}
