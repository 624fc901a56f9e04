package io.ctkit.model.inference;

import java.util.Arrays;
import java.util.Objects;

/**
 * One dense layer, {@code y = activation(x · W + b)}.
 *
 * <p>{@code kernel} is {@code W} in row-major order with shape {@code [inputs, units]} (the
 * Keras kernel layout), {@code bias} has {@code units} elements. Both are copied on
 * construction and on access, so a layer is immutable. Every value must be finite.
 *
 * @param inputs width of the layer's input
 * @param units width of the layer's output
 * @param kernel {@code W}, row-major {@code [inputs, units]}
 * @param bias {@code b}, {@code [units]}
 * @param activation the activation applied after the affine transform
 * @param alpha the activation's parameter (leaky_relu, elu); ignored by other activations
 */
public record DenseLayer(int inputs, int units, double[] kernel, double[] bias, Activation activation, double alpha) {

    public DenseLayer {
        if (inputs < 1 || units < 1) {
            throw new IllegalArgumentException(
                    "dense layer shape must be positive: [" + inputs + ", " + units + "]");
        }
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(bias, "bias");
        Objects.requireNonNull(activation, "activation");
        if ((long) inputs * units != kernel.length) {
            throw new IllegalArgumentException("kernel has " + kernel.length + " values but shape ["
                    + inputs + ", " + units + "] needs " + (long) inputs * units);
        }
        if (bias.length != units) {
            throw new IllegalArgumentException(
                    "bias has " + bias.length + " values but the layer has " + units + " units");
        }
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite: " + alpha);
        }
        kernel = kernel.clone();
        bias = bias.clone();
        requireFinite(kernel, "kernel", units);
        requireFinite(bias, "bias", units);
    }

    /** A layer whose activation uses its default alpha (if it has one). */
    public DenseLayer(int inputs, int units, double[] kernel, double[] bias, Activation activation) {
        this(inputs, units, kernel, bias, activation,
                activation != null && activation.takesAlpha() ? activation.defaultAlpha() : 0.0);
    }

    @Override
    public double[] kernel() {
        return kernel.clone();
    }

    @Override
    public double[] bias() {
        return bias.clone();
    }

    /** The weight {@code W[row, unit]}. */
    public double weight(int row, int unit) {
        Objects.checkIndex(row, inputs);
        Objects.checkIndex(unit, units);
        return kernel[row * units + unit];
    }

    double[] kernelView() {
        return kernel;
    }

    double[] biasView() {
        return bias;
    }

    private static void requireFinite(double[] values, String what, int units) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                String where = what.equals("kernel") ? "[" + i / units + ", " + i % units + "]" : "[" + i + "]";
                throw new IllegalArgumentException(what + where + " is " + values[i] + "; weights must be finite");
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DenseLayer that
                && inputs == that.inputs && units == that.units
                && activation == that.activation
                && Double.compare(alpha, that.alpha) == 0
                && Arrays.equals(kernel, that.kernel) && Arrays.equals(bias, that.bias);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputs, units, activation, alpha, Arrays.hashCode(kernel), Arrays.hashCode(bias));
    }

    @Override
    public String toString() {
        return "DenseLayer[" + inputs + " -> " + units + ", " + activation
                + (activation.takesAlpha() ? "(alpha=" + alpha + ")" : "") + "]";
    }
}
