package io.ctkit.model.inference;

import java.util.List;

/**
 * The float64 engine. Weights are held as one {@code double[]} per kernel row so the inner
 * loops index every array with the same induction variable: C2 then vectorizes them, which it
 * does not do for offsets into one shared array (it cannot rule out overlap).
 */
final class DoubleEngine implements Engine {

    private final double[][][] kernels;
    private final double[][] biases;
    private final Activation[] activations;
    private final double[] alphas;
    private final int[] widths;
    private final long macsPerRow;
    private final ThreadLocal<double[][][]> scratch;

    DoubleEngine(List<DenseLayer> layers) {
        int count = layers.size();
        kernels = new double[count][][];
        biases = new double[count][];
        activations = new Activation[count];
        alphas = new double[count];
        widths = new int[count + 1];
        widths[0] = layers.get(0).inputs();
        long macs = 0;
        int maxWidth = widths[0];
        for (int l = 0; l < count; l++) {
            DenseLayer layer = layers.get(l);
            int units = layer.units();
            double[] kernel = layer.kernelView();
            double[][] rows = new double[layer.inputs()][units];
            for (int k = 0; k < layer.inputs(); k++) {
                for (int j = 0; j < units; j++) {
                    rows[k][j] = kernel[k * units + j];
                }
            }
            kernels[l] = rows;
            biases[l] = layer.biasView().clone();
            activations[l] = layer.activation();
            alphas[l] = layer.alpha();
            widths[l + 1] = units;
            macs += (long) layer.inputs() * units;
            maxWidth = Math.max(maxWidth, units);
        }
        macsPerRow = macs;
        int width = maxWidth;
        scratch = ThreadLocal.withInitial(() -> new double[2][BLOCK][width]);
    }

    @Override
    public int inputWidth() {
        return widths[0];
    }

    @Override
    public int outputWidth() {
        return widths[widths.length - 1];
    }

    @Override
    public long macsPerRow() {
        return macsPerRow;
    }

    @Override
    public void run(Object source, Object target, int from, int to) {
        double[][][] buffers = scratch.get();
        for (int start = from; start < to; start += BLOCK) {
            int rows = Math.min(BLOCK, to - start);
            double[][] in = buffers[0];
            double[][] out = buffers[1];
            load(source, start, rows, in);
            for (int l = 0; l < kernels.length; l++) {
                dense(in, rows, widths[l], kernels[l], biases[l], widths[l + 1], out);
                activate(out, rows, widths[l + 1], activations[l], alphas[l]);
                double[][] swap = in;
                in = out;
                out = swap;
            }
            store(in, start, rows, target);
        }
    }

    private void load(Object source, int start, int rows, double[][] block) {
        int width = widths[0];
        if (source instanceof double[] doubles) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(doubles, (start + r) * width, block[r], 0, width);
            }
        } else {
            float[] floats = (float[]) source;
            for (int r = 0; r < rows; r++) {
                double[] row = block[r];
                int offset = (start + r) * width;
                for (int k = 0; k < width; k++) {
                    row[k] = floats[offset + k];
                }
            }
        }
    }

    private void store(double[][] block, int start, int rows, Object target) {
        int width = outputWidth();
        if (target instanceof double[] doubles) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(block[r], 0, doubles, (start + r) * width, width);
            }
        } else {
            float[] floats = (float[]) target;
            for (int r = 0; r < rows; r++) {
                double[] row = block[r];
                int offset = (start + r) * width;
                for (int j = 0; j < width; j++) {
                    floats[offset + j] = (float) row[j];
                }
            }
        }
    }

    /**
     * {@code y[r] = b + x[r] · W} for each row of the block. The k loop is unrolled by four so
     * each pass over a row of {@code y} does four multiply-adds per load/store of {@code y};
     * the four kernel rows stay in L1 while every row of the block uses them. Terms are added
     * in k order, so a row's result does not depend on which block it was computed in.
     */
    static void dense(double[][] x, int rows, int inputs, double[][] w, double[] b, int units, double[][] y) {
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
                if (a0 == 0.0 && a1 == 0.0 && a2 == 0.0 && a3 == 0.0) {
                    continue; // one-hot and hashed features are mostly zeros
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
                if (a0 == 0.0) {
                    continue;
                }
                double[] yr = y[r];
                for (int j = 0; j < units; j++) {
                    yr[j] = yr[j] + a0 * w0[j];
                }
            }
        }
    }

    static void activate(double[][] y, int rows, int units, Activation activation, double alpha) {
        for (int r = 0; r < rows; r++) {
            double[] v = y[r];
            switch (activation) {
                case LINEAR -> { }
                case RELU -> {
                    for (int j = 0; j < units; j++) {
                        v[j] = Math.max(v[j], 0.0);
                    }
                }
                case LEAKY_RELU -> {
                    for (int j = 0; j < units; j++) {
                        v[j] = v[j] > 0.0 ? v[j] : alpha * v[j];
                    }
                }
                case ELU -> {
                    for (int j = 0; j < units; j++) {
                        v[j] = v[j] > 0.0 ? v[j] : alpha * Math.expm1(v[j]);
                    }
                }
                case SIGMOID -> {
                    for (int j = 0; j < units; j++) {
                        v[j] = Activations.sigmoid(v[j]);
                    }
                }
                case TANH -> {
                    for (int j = 0; j < units; j++) {
                        v[j] = Math.tanh(v[j]);
                    }
                }
                case SOFTMAX -> softmax(v, units);
            }
        }
    }

    private static void softmax(double[] v, int units) {
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
