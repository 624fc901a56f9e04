package io.ctkit.model.inference;

/** Scalar helpers shared by both engines. */
final class Activations {

    private Activations() {
    }

    /** The logistic function without overflow: {@code exp} only ever sees a non-positive argument. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }
}
