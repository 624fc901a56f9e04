package io.ctkit.model;

import io.ctkit.model.inference.Activation;
import java.util.Objects;

/**
 * One entry of {@code layers} in {@code model.json}: a dense layer whose kernel and bias are
 * {@code .npy} files in the bundle.
 *
 * @param weights path of the kernel, shape {@code [inputs, units]}
 * @param bias path of the bias, shape {@code [units]}; {@code null} for a layer without bias
 * @param activation the activation
 * @param alpha the activation's parameter for leaky_relu and elu (the default is filled in when
 *     {@code null}); must be {@code null} for the other activations
 */
public record LayerSpec(String weights, String bias, Activation activation, Double alpha) {

    /** The only layer type of format {@code ctkit-model/1}. */
    public static final String DENSE = "dense";

    public LayerSpec {
        BundlePaths.check(weights, "weights");
        if (bias != null) {
            BundlePaths.check(bias, "bias");
        }
        Objects.requireNonNull(activation, "activation");
        if (activation.takesAlpha()) {
            alpha = alpha == null ? activation.defaultAlpha() : alpha;
            if (!Double.isFinite(alpha)) {
                throw new IllegalArgumentException("alpha must be a finite number: " + alpha);
            }
        } else if (alpha != null) {
            throw new IllegalArgumentException("alpha is only used by leaky_relu and elu, not by " + activation);
        }
    }

    /** A dense layer with bias and the activation's default alpha. */
    public static LayerSpec dense(String weights, String bias, Activation activation) {
        return new LayerSpec(weights, bias, activation, null);
    }

    /** The alpha to compute with: the given or default one, or 0 for activations without alpha. */
    double effectiveAlpha() {
        return alpha == null ? 0.0 : alpha;
    }
}
