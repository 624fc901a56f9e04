package io.ctkit.model.inference;

import java.util.Arrays;

/**
 * The float64 loops: {@link FloatKernels} in {@code double}; see there for the layouts and the
 * order of operations.
 */
final class DoubleKernels {

    private DoubleKernels() {
    }

    /**
     * {@code y[r] = b + x[r] · W} over a row-major block. The k loop is unrolled by four so each
     * pass over a row of {@code y} does four multiply-adds per load and store of {@code y}, and
     * the four kernel rows stay in L1 while every row of the block uses them.
     *
     * @param skipZeros skip groups of four zero inputs (one-hot and hashed features are mostly
     *     zeros); skipping changes nothing but, possibly, the sign of a zero result
     */
    static void denseRows(double[][] x, int rows, int inputs, double[][] w, double[] b, int units, double[][] y,
            boolean skipZeros) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(b, 0, y[r], 0, units);
        }
        int k = 0;
        for (; k + 3 < inputs; k += 4) {
            double[] w0 = w[k];
            double[] w1 = w[k + 1];
            double[] w2 = w[k + 2];
            double[] w3 = w[k + 3];
            for (int r = 0; r < rows; r++) {
                double[] xr = x[r];
                double a0 = xr[k];
                double a1 = xr[k + 1];
                double a2 = xr[k + 2];
                double a3 = xr[k + 3];
                if (skipZeros && a0 == 0.0 && a1 == 0.0 && a2 == 0.0 && a3 == 0.0) {
                    continue;
                }
                double[] yr = y[r];
                for (int j = 0; j < units; j++) {
                    yr[j] = yr[j] + a0 * w0[j] + a1 * w1[j] + a2 * w2[j] + a3 * w3[j];
                }
            }
        }
        for (; k < inputs; k++) {
            double[] w0 = w[k];
            for (int r = 0; r < rows; r++) {
                double a0 = x[r][k];
                if (skipZeros && a0 == 0.0) {
                    continue;
                }
                double[] yr = y[r];
                for (int j = 0; j < units; j++) {
                    yr[j] = yr[j] + a0 * w0[j];
                }
            }
        }
    }

    /** {@code y[j][r] = b[j] + sum_k x[k][r] · W[k][j]} over a column-major block. */
    static void denseColumns(double[][] x, int rows, int inputs, double[][] w, double[] b, int units, double[][] y) {
        for (int j = 0; j < units; j++) {
            double[] yj = y[j];
            Arrays.fill(yj, 0, rows, b[j]);
            int k = 0;
            for (; k + 3 < inputs; k += 4) {
                double c0 = w[k][j];
                double c1 = w[k + 1][j];
                double c2 = w[k + 2][j];
                double c3 = w[k + 3][j];
                double[] x0 = x[k];
                double[] x1 = x[k + 1];
                double[] x2 = x[k + 2];
                double[] x3 = x[k + 3];
                for (int r = 0; r < rows; r++) {
                    yj[r] = yj[r] + x0[r] * c0 + x1[r] * c1 + x2[r] * c2 + x3[r] * c3;
                }
            }
            for (; k < inputs; k++) {
                double c0 = w[k][j];
                double[] x0 = x[k];
                for (int r = 0; r < rows; r++) {
                    yj[r] = yj[r] + x0[r] * c0;
                }
            }
        }
    }

    /** Applies an activation to {@code n} values of {@code v}; softmax is handled by the callers. */
    static void activate(double[] v, int n, Activation activation, double alpha) {
        switch (activation) {
            case LINEAR, SOFTMAX -> { }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    v[i] = Math.max(v[i], 0.0);
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < n; i++) {
                    v[i] = v[i] > 0.0 ? v[i] : alpha * v[i];
                }
            }
            case ELU -> {
                for (int i = 0; i < n; i++) {
                    v[i] = v[i] > 0.0 ? v[i] : alpha * Math.expm1(v[i]);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    v[i] = Activations.sigmoid(v[i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    v[i] = Math.tanh(v[i]);
                }
            }
        }
    }

    static void activateRows(double[][] y, int rows, int units, Activation activation, double alpha) {
        for (int r = 0; r < rows; r++) {
            if (activation == Activation.SOFTMAX) {
                softmax(y[r], units);
            } else {
                activate(y[r], units, activation, alpha);
            }
        }
    }

    static void activateColumns(double[][] y, int rows, int units, Activation activation, double alpha,
            double[] max, double[] sum) {
        if (activation != Activation.SOFTMAX) {
            for (int j = 0; j < units; j++) {
                activate(y[j], rows, activation, alpha);
            }
            return;
        }
        // The same operations, in the same order per row, as softmax(double[], int).
        System.arraycopy(y[0], 0, max, 0, rows);
        for (int j = 1; j < units; j++) {
            double[] yj = y[j];
            for (int r = 0; r < rows; r++) {
                max[r] = Math.max(max[r], yj[r]);
            }
        }
        Arrays.fill(sum, 0, rows, 0.0);
        for (int j = 0; j < units; j++) {
            double[] yj = y[j];
            for (int r = 0; r < rows; r++) {
                yj[r] = Math.exp(yj[r] - max[r]);
                sum[r] += yj[r];
            }
        }
        for (int j = 0; j < units; j++) {
            double[] yj = y[j];
            for (int r = 0; r < rows; r++) {
                yj[r] = yj[r] / sum[r];
            }
        }
    }

    static void softmax(double[] v, int units) {
        double max = v[0];
        for (int j = 1; j < units; j++) {
            max = Math.max(max, v[j]);
        }
        double sum = 0;
        for (int j = 0; j < units; j++) {
            v[j] = Math.exp(v[j] - max);
            sum += v[j];
        }
        for (int j = 0; j < units; j++) {
            v[j] = v[j] / sum;
        }
    }
}
