package io.ctkit.train;

import java.util.Objects;

/**
 * Feature vectors and targets, row-major float32: what the network trains on.
 *
 * @param x {@code [rows, width]} features, as the bundle's FeatureEncoder makes them
 * @param y {@code [rows, outputs]} targets: the value (regression), 0/1 (binary), one-hot (multiclass)
 */
record EncodedRows(float[] x, float[] y, int rows, int width, int outputs) {
    EncodedRows {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != (long) rows * width || y.length != (long) rows * outputs) {
            throw new IllegalArgumentException("shapes do not match: " + x.length + " features, " + y.length
                    + " targets for " + rows + " rows");
        }
    }

    /** The rows at {@code indices}, in that order. */
    EncodedRows select(int[] indices, int from, int to) {
        int n = to - from;
        float[] bx = new float[n * width];
        float[] by = new float[n * outputs];
        for (int i = 0; i < n; i++) {
            int r = indices[from + i];
            System.arraycopy(x, r * width, bx, i * width, width);
            System.arraycopy(y, r * outputs, by, i * outputs, outputs);
        }
        return new EncodedRows(bx, by, n, width, outputs);
    }
}
