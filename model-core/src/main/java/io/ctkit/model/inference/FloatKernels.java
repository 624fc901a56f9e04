package io.ctkit.model.inference;

import java.util.Arrays;

/**
 * The float32 loops, in two data layouts. Row-major blocks ({@code x[row][feature]}) suit single
 * rows and wide layers: the inner loop runs over a layer's units. Column-major blocks
 * ({@code x[feature][row]}) suit batches through narrow layers: the inner loop runs over rows,
 * so it is long enough for C2 to vectorize even when a layer has 16 units.
 *
 * <p>Both layouts compute each unit as {@code ((((b + x0·w0) + x1·w1) + x2·w2) + x3·w3) + ...}
 * in increasing input order, so a row's result is bit-for-bit the same in either layout and in
 * any block. Every array in an inner loop is indexed by the loop variable alone: C2 vectorizes
 * such loops, but not ones that use two offsets into the same array (it cannot rule out overlap).
 */
final class FloatKernels {

    private FloatKernels() {
    }

    /**
     * {@code y[r] = b + x[r] · W} over a row-major block. The k loop is unrolled by four so each
     * pass over a row of {@code y} does four multiply-adds per load and store of {@code y}, and
     * the four kernel rows stay in L1 while every row of the block uses them. Rows go through in
     * groups of four (then two, then one) that share each load of the kernel rows: a batch
     * computes four rows for the memory traffic of little more than one, which is what makes
     * batching pay on wide layers. Each row's sums keep exactly the order of the single-row loop.
     *
     * @param skipZeros skip groups of four zero inputs (one-hot and hashed features are mostly
     *     zeros); skipping changes nothing but, possibly, the sign of a zero result
     */
    static void denseRows(float[][] x, int rows, int inputs, float[][] w, float[] b, int units, float[][] y,
            boolean skipZeros) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(b, 0, y[r], 0, units);
        }
        int k = 0;
        for (; k + 3 < inputs; k += 4) {
            float[] w0 = w[k];
            float[] w1 = w[k + 1];
            float[] w2 = w[k + 2];
            float[] w3 = w[k + 3];
            int r = 0;
            for (; r + 1 < rows; r += 2) {
                if (skipZeros && (zeros(x[r], k) || zeros(x[r + 1], k))) {
                    rows1(x[r], k, w0, w1, w2, w3, y[r], units, true);
                    rows1(x[r + 1], k, w0, w1, w2, w3, y[r + 1], units, true);
                } else {
                    rows2(x[r], x[r + 1], k, w0, w1, w2, w3, y[r], y[r + 1], units);
                }
            }
            if (r < rows) {
                rows1(x[r], k, w0, w1, w2, w3, y[r], units, skipZeros);
            }
        }
        for (; k < inputs; k++) {
            float[] w0 = w[k];
            for (int r = 0; r < rows; r++) {
                float a0 = x[r][k];
                if (skipZeros && a0 == 0f) {
                    continue;
                }
                float[] yr = y[r];
                for (int j = 0; j < units; j++) {
                    yr[j] = yr[j] + a0 * w0[j];
                }
            }
        }
    }

    private static boolean zeros(float[] xr, int k) {
        return xr[k] == 0f && xr[k + 1] == 0f && xr[k + 2] == 0f && xr[k + 3] == 0f;
    }

    private static void rows1(float[] xr, int k, float[] w0, float[] w1, float[] w2, float[] w3, float[] yr,
            int units, boolean skipZeros) {
        float a0 = xr[k];
        float a1 = xr[k + 1];
        float a2 = xr[k + 2];
        float a3 = xr[k + 3];
        if (skipZeros && a0 == 0f && a1 == 0f && a2 == 0f && a3 == 0f) {
            return;
        }
        for (int j = 0; j < units; j++) {
            yr[j] = yr[j] + a0 * w0[j] + a1 * w1[j] + a2 * w2[j] + a3 * w3[j];
        }
    }

    private static void rows2(float[] xa, float[] xb, int k, float[] w0, float[] w1, float[] w2, float[] w3,
            float[] ya, float[] yb, int units) {
        float a0 = xa[k];
        float a1 = xa[k + 1];
        float a2 = xa[k + 2];
        float a3 = xa[k + 3];
        float b0 = xb[k];
        float b1 = xb[k + 1];
        float b2 = xb[k + 2];
        float b3 = xb[k + 3];
        for (int j = 0; j < units; j++) {
            float v0 = w0[j];
            float v1 = w1[j];
            float v2 = w2[j];
            float v3 = w3[j];
            ya[j] = ya[j] + a0 * v0 + a1 * v1 + a2 * v2 + a3 * v3;
            yb[j] = yb[j] + b0 * v0 + b1 * v1 + b2 * v2 + b3 * v3;
        }
    }

    /** {@code y[j][r] = b[j] + sum_k x[k][r] · W[k][j]} over a column-major block. */
    static void denseColumns(float[][] x, int rows, int inputs, float[][] w, float[] b, int units, float[][] y) {
        for (int j = 0; j < units; j++) {
            float[] yj = y[j];
            Arrays.fill(yj, 0, rows, b[j]);
            int k = 0;
            for (; k + 3 < inputs; k += 4) {
                float c0 = w[k][j];
                float c1 = w[k + 1][j];
                float c2 = w[k + 2][j];
                float c3 = w[k + 3][j];
                float[] x0 = x[k];
                float[] x1 = x[k + 1];
                float[] x2 = x[k + 2];
                float[] x3 = x[k + 3];
                for (int r = 0; r < rows; r++) {
                    yj[r] = yj[r] + x0[r] * c0 + x1[r] * c1 + x2[r] * c2 + x3[r] * c3;
                }
            }
            for (; k < inputs; k++) {
                float c0 = w[k][j];
                float[] x0 = x[k];
                for (int r = 0; r < rows; r++) {
                    yj[r] = yj[r] + x0[r] * c0;
                }
            }
        }
    }

    /** Applies an activation to {@code n} values of {@code v}; softmax is handled by the callers. */
    static void activate(float[] v, int n, Activation activation, float alpha) {
        switch (activation) {
            case LINEAR, SOFTMAX -> { }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    v[i] = Math.max(v[i], 0f);
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < n; i++) {
                    v[i] = v[i] > 0f ? v[i] : alpha * v[i];
                }
            }
            case ELU -> {
                for (int i = 0; i < n; i++) {
                    v[i] = v[i] > 0f ? v[i] : (float) (alpha * Math.expm1(v[i]));
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    v[i] = (float) Activations.sigmoid(v[i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    v[i] = (float) Math.tanh(v[i]);
                }
            }
        }
    }

    static void activateRows(float[][] y, int rows, int units, Activation activation, float alpha) {
        for (int r = 0; r < rows; r++) {
            if (activation == Activation.SOFTMAX) {
                softmax(y[r], units);
            } else {
                activate(y[r], units, activation, alpha);
            }
        }
    }

    static void activateColumns(float[][] y, int rows, int units, Activation activation, float alpha,
            float[] max, double[] sum) {
        if (activation != Activation.SOFTMAX) {
            for (int j = 0; j < units; j++) {
                activate(y[j], rows, activation, alpha);
            }
            return;
        }
        // The same operations, in the same order per row, as softmax(float[], int).
        System.arraycopy(y[0], 0, max, 0, rows);
        for (int j = 1; j < units; j++) {
            float[] yj = y[j];
            for (int r = 0; r < rows; r++) {
                max[r] = Math.max(max[r], yj[r]);
            }
        }
        Arrays.fill(sum, 0, rows, 0.0);
        for (int j = 0; j < units; j++) {
            float[] yj = y[j];
            for (int r = 0; r < rows; r++) {
                yj[r] = (float) Math.exp((double) yj[r] - max[r]);
                sum[r] += yj[r];
            }
        }
        for (int j = 0; j < units; j++) {
            float[] yj = y[j];
            for (int r = 0; r < rows; r++) {
                yj[r] = (float) (yj[r] / sum[r]);
            }
        }
    }

    /** The sum is accumulated in double so that many small terms do not lose precision. */
    static void softmax(float[] v, int units) {
        float max = v[0];
        for (int j = 1; j < units; j++) {
            max = Math.max(max, v[j]);
        }
        double sum = 0;
        for (int j = 0; j < units; j++) {
            v[j] = (float) Math.exp((double) v[j] - max);
            sum += v[j];
        }
        for (int j = 0; j < units; j++) {
            v[j] = (float) (v[j] / sum);
        }
    }
}
