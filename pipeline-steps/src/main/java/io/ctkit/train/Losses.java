package io.ctkit.train;

import io.ctkit.model.Task;

/** The data loss per row, in double, from the output layer's pre-activations (logits); see docs/training.md. */
final class Losses {
    private Losses() {
    }

    /**
     * The summed loss of {@code n} rows whose logits are {@code z [n, k]} and whose targets start at
     * {@code targets[offset]}: regression {@code 0.5 (z - y)^2}, binary {@code log(1 + e^z) - y z},
     * multiclass {@code -sum(y · log_softmax(z))}, each times the row's class weight.
     */
    static double sum(Task task, double[] z, float[] targets, int offset, int n, int k, float[] classWeights) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int t = offset + i * k;
            double w = classWeights == null ? 1 : rowWeight(task, targets, t, k, classWeights);
            double row = 0;
            switch (task) {
                case REGRESSION -> {
                    for (int c = 0; c < k; c++) {
                        double d = z[i * k + c] - targets[t + c];
                        row += 0.5 * d * d;
                    }
                }
                case BINARY_CLASSIFICATION -> {
                    double v = z[i];
                    // without overflow for large |z|
                    row = Math.max(v, 0) - targets[t] * v + Math.log1p(Math.exp(-Math.abs(v)));
                }
                case MULTICLASS_CLASSIFICATION -> {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < k; c++) {
                        max = Math.max(max, z[i * k + c]);
                    }
                    double e = 0;
                    for (int c = 0; c < k; c++) {
                        e += Math.exp(z[i * k + c] - max);
                    }
                    double lse = max + Math.log(e);
                    for (int c = 0; c < k; c++) {
                        row += targets[t + c] * (lse - z[i * k + c]);
                    }
                }
            }
            sum += w * row;
        }
        return sum;
    }

    /** The class weight of a row: of its class (multiclass, one-hot) or {@code w0 + y (w1 - w0)} (binary). */
    static float rowWeight(Task task, float[] targets, int offset, int k, float[] classWeights) {
        if (task == Task.BINARY_CLASSIFICATION) {
            return classWeights[0] + targets[offset] * (classWeights[1] - classWeights[0]);
        }
        float w = 0;
        for (int c = 0; c < k; c++) {
            w += targets[offset + c] * classWeights[c];
        }
        return w;
    }
}
