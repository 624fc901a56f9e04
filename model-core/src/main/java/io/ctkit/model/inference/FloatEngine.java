package io.ctkit.model.inference;

import java.util.List;

/**
 * The float32 engine. Weights are held as one {@code float[]} per kernel row so the inner
 * loops index every array with the same induction variable: C2 then vectorizes them, which it
 * does not do for offsets into one shared array (it cannot rule out overlap).
 */
final class FloatEngine implements Engine {

    private final float[][][] kernels;
    private final float[][] biases;
    private final Activation[] activations;
    private final float[] alphas;
    private final int[] widths;
    private final long macsPerRow;
    private final ThreadLocal<float[][][]> scratch;

    FloatEngine(List<DenseLayer> layers) {
        int count = layers.size();
        kernels = new float[count][][];
        biases = new float[count][];
        activations = new Activation[count];
        alphas = new float[count];
        widths = new int[count + 1];
        widths[0] = layers.get(0).inputs();
        long macs = 0;
        int maxWidth = widths[0];
        for (int l = 0; l < count; l++) {
            DenseLayer layer = layers.get(l);
            int units = layer.units();
            double[] kernel = layer.kernelView();
            float[][] rows = new float[layer.inputs()][units];
            for (int k = 0; k < layer.inputs(); k++) {
                for (int j = 0; j < units; j++) {
                    rows[k][j] = (float) kernel[k * units + j];
                }
            }
            kernels[l] = rows;
            biases[l] = toFloats(layer.biasView());
            activations[l] = layer.activation();
            alphas[l] = (float) layer.alpha();
            widths[l + 1] = units;
            macs += (long) layer.inputs() * units;
            maxWidth = Math.max(maxWidth, units);
        }
        macsPerRow = macs;
        int width = maxWidth;
        scratch = ThreadLocal.withInitial(() -> new float[2][BLOCK][width]);
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
        float[][][] buffers = scratch.get();
        for (int start = from; start < to; start += BLOCK) {
            int rows = Math.min(BLOCK, to - start);
            float[][] in = buffers[0];
            float[][] out = buffers[1];
            load(source, start, rows, in);
            for (int l = 0; l < kernels.length; l++) {
                dense(in, rows, widths[l], kernels[l], biases[l], widths[l + 1], out);
                activate(out, rows, widths[l + 1], activations[l], alphas[l]);
                float[][] swap = in;
                in = out;
                out = swap;
            }
            store(in, start, rows, target);
        }
    }

    private void load(Object source, int start, int rows, float[][] block) {
        int width = widths[0];
        if (source instanceof float[] floats) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(floats, (start + r) * width, block[r], 0, width);
            }
        } else {
            double[] doubles = (double[]) source;
            for (int r = 0; r < rows; r++) {
                float[] row = block[r];
                int offset = (start + r) * width;
                for (int k = 0; k < width; k++) {
                    row[k] = (float) doubles[offset + k];
                }
            }
        }
    }

    private void store(float[][] block, int start, int rows, Object target) {
        int width = outputWidth();
        if (target instanceof float[] floats) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(block[r], 0, floats, (start + r) * width, width);
            }
        } else {
            double[] doubles = (double[]) target;
            for (int r = 0; r < rows; r++) {
                float[] row = block[r];
                int offset = (start + r) * width;
                for (int j = 0; j < width; j++) {
                    doubles[offset + j] = row[j];
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
    static void dense(float[][] x, int rows, int inputs, float[][] w, float[] b, int units, float[][] y) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(b, 0, y[r], 0, units);
        }
        int k = 0;
        for (; k + 3 < inputs; k += 4) {
            float[] w0 = w[k];
            float[] w1 = w[k + 1];
            float[] w2 = w[k + 2];
            float[] w3 = w[k + 3];
            for (int r = 0; r < rows; r++) {
                float[] xr = x[r];
                float a0 = xr[k];
                float a1 = xr[k + 1];
                float a2 = xr[k + 2];
                float a3 = xr[k + 3];
                if (a0 == 0f && a1 == 0f && a2 == 0f && a3 == 0f) {
                    continue; // one-hot and hashed features are mostly zeros
                }
                float[] yr = y[r];
                for (int j = 0; j < units; j++) {
                    yr[j] = yr[j] + a0 * w0[j] + a1 * w1[j] + a2 * w2[j] + a3 * w3[j];
                }
            }
        }
        for (; k < inputs; k++) {
            float[] w0 = w[k];
            for (int r = 0; r < rows; r++) {
                float a0 = x[r][k];
                if (a0 == 0f) {
                    continue;
                }
                float[] yr = y[r];
                for (int j = 0; j < units; j++) {
                    yr[j] = yr[j] + a0 * w0[j];
                }
            }
        }
    }

    static void activate(float[][] y, int rows, int units, Activation activation, float alpha) {
        for (int r = 0; r < rows; r++) {
            float[] v = y[r];
            switch (activation) {
                case LINEAR -> { }
                case RELU -> {
                    for (int j = 0; j < units; j++) {
                        v[j] = Math.max(v[j], 0f);
                    }
                }
                case LEAKY_RELU -> {
                    for (int j = 0; j < units; j++) {
                        v[j] = v[j] > 0f ? v[j] : alpha * v[j];
                    }
                }
                case ELU -> {
                    for (int j = 0; j < units; j++) {
                        v[j] = v[j] > 0f ? v[j] : (float) (alpha * Math.expm1(v[j]));
                    }
                }
                case SIGMOID -> {
                    for (int j = 0; j < units; j++) {
                        v[j] = (float) Activations.sigmoid(v[j]);
                    }
                }
                case TANH -> {
                    for (int j = 0; j < units; j++) {
                        v[j] = (float) Math.tanh(v[j]);
                    }
                }
                case SOFTMAX -> softmax(v, units);
            }
        }
    }

    /** The sum is accumulated in double so that many small terms do not lose precision. */
    private static void softmax(float[] v, int units) {
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

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }
}
