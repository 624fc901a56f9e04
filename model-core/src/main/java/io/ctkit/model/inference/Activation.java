package io.ctkit.model.inference;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The activation function applied element-wise (softmax: per row) after a dense layer's
 * affine transform. The JSON names are the ones used in {@code model.json}.
 */
public enum Activation {
    /** {@code f(x) = x}. */
    LINEAR("linear", Double.NaN),
    /** {@code f(x) = max(x, 0)}. */
    RELU("relu", Double.NaN),
    /** {@code f(x) = x} for {@code x > 0}, else {@code alpha * x}; alpha defaults to 0.2. */
    LEAKY_RELU("leaky_relu", 0.2),
    /** {@code f(x) = x} for {@code x > 0}, else {@code alpha * expm1(x)}; alpha defaults to 1.0. */
    ELU("elu", 1.0),
    /** {@code f(x) = 1 / (1 + exp(-x))}, evaluated without overflow for large |x|. */
    SIGMOID("sigmoid", Double.NaN),
    /** Hyperbolic tangent. */
    TANH("tanh", Double.NaN),
    /** {@code exp(x_i - max(x)) / sum_j exp(x_j - max(x))} over the units of a row. */
    SOFTMAX("softmax", Double.NaN);

    private final String jsonName;
    private final double defaultAlpha;

    Activation(String jsonName, double defaultAlpha) {
        this.jsonName = jsonName;
        this.defaultAlpha = defaultAlpha;
    }

    /** The name used in {@code model.json}, e.g. {@code leaky_relu}. */
    public String jsonName() {
        return jsonName;
    }

    /** Whether this activation has an {@code alpha} parameter (leaky_relu, elu). */
    public boolean takesAlpha() {
        return !Double.isNaN(defaultAlpha);
    }

    /**
     * The alpha used when a layer does not give one.
     *
     * @throws IllegalStateException if this activation has no alpha
     */
    public double defaultAlpha() {
        if (!takesAlpha()) {
            throw new IllegalStateException("activation " + jsonName + " has no alpha parameter");
        }
        return defaultAlpha;
    }

    /** Looks up an activation by its JSON name (exact, lower case). */
    public static Optional<Activation> fromJsonName(String name) {
        for (Activation activation : values()) {
            if (activation.jsonName.equals(name)) {
                return Optional.of(activation);
            }
        }
        return Optional.empty();
    }

    /** The JSON names of all activations, comma separated, for error messages. */
    public static String jsonNames() {
        return Arrays.stream(values()).map(Activation::jsonName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
