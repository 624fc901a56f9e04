package io.ctkit.model.inference;

import java.util.List;

/**
 * The float32 engine: runs blocks of rows through every layer while the block is in cache, in
 * row-major blocks for single rows and wide networks and in column-major blocks for batches
 * through narrow ones (see {@link FloatKernels}). Weights are held as one {@code float[]} per
 * kernel row.
 */
final class FloatEngine implements Engine {

    private final float[][][] kernels;
    private final float[][] biases;
    private final Activation[] activations;
    private final float[] alphas;
    private final int[] widths;
    private final long macsPerRow;
    /** Whether every width is small enough for column-major blocks to pay off. */
    private final boolean narrow;
    private final ThreadLocal<Scratch> scratch;

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
        narrow = maxWidth <= COLUMN_MAX_WIDTH;
        int width = maxWidth;
        scratch = ThreadLocal.withInitial(() -> new Scratch(width, narrow));
    }

    /** Per-thread block buffers; the column-major ones only for narrow networks. */
    private static final class Scratch {
        final float[][] rowsA;
        final float[][] rowsB;
        final float[][] columnsA;
        final float[][] columnsB;
        final float[] max;
        final double[] sum;

        Scratch(int width, boolean columns) {
            rowsA = new float[BLOCK][width];
            rowsB = new float[BLOCK][width];
            int columnRows = columns ? COLUMN_BLOCK : 0;
            columnsA = new float[width][columnRows];
            columnsB = new float[width][columnRows];
            max = new float[columnRows];
            sum = new double[columnRows];
        }
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
        Scratch s = scratch.get();
        if (narrow && to - from >= COLUMN_MIN_ROWS) {
            for (int start = from; start < to; start += COLUMN_BLOCK) {
                runColumns(s, source, target, start, Math.min(COLUMN_BLOCK, to - start));
            }
        } else {
            for (int start = from; start < to; start += BLOCK) {
                runRows(s, source, target, start, Math.min(BLOCK, to - start));
            }
        }
    }

    private void runRows(Scratch s, Object source, Object target, int start, int rows) {
        float[][] in = s.rowsA;
        float[][] out = s.rowsB;
        loadRows(source, start, rows, in);
        for (int l = 0; l < kernels.length; l++) {
            FloatKernels.denseRows(in, rows, widths[l], kernels[l], biases[l], widths[l + 1], out, l == 0);
            FloatKernels.activateRows(out, rows, widths[l + 1], activations[l], alphas[l]);
            float[][] swap = in;
            in = out;
            out = swap;
        }
        storeRows(in, start, rows, target);
    }

    private void runColumns(Scratch s, Object source, Object target, int start, int rows) {
        float[][] in = s.columnsA;
        float[][] out = s.columnsB;
        loadColumns(source, start, rows, in);
        for (int l = 0; l < kernels.length; l++) {
            FloatKernels.denseColumns(in, rows, widths[l], kernels[l], biases[l], widths[l + 1], out);
            FloatKernels.activateColumns(out, rows, widths[l + 1], activations[l], alphas[l], s.max, s.sum);
            float[][] swap = in;
            in = out;
            out = swap;
        }
        storeColumns(in, start, rows, target);
    }

    private void loadColumns(Object source, int start, int rows, float[][] block) {
        int width = widths[0];
        for (int r = 0; r < rows; r++) {
            int offset = (start + r) * width;
            if (source instanceof float[] floats) {
                for (int k = 0; k < width; k++) {
                    block[k][r] = floats[offset + k];
                }
            } else {
                double[] doubles = (double[]) source;
                for (int k = 0; k < width; k++) {
                    block[k][r] = (float) doubles[offset + k];
                }
            }
        }
    }

    private void storeColumns(float[][] block, int start, int rows, Object target) {
        int width = outputWidth();
        for (int r = 0; r < rows; r++) {
            int offset = (start + r) * width;
            if (target instanceof float[] floats) {
                for (int j = 0; j < width; j++) {
                    floats[offset + j] = block[j][r];
                }
            } else {
                double[] doubles = (double[]) target;
                for (int j = 0; j < width; j++) {
                    doubles[offset + j] = block[j][r];
                }
            }
        }
    }

    private void loadRows(Object source, int start, int rows, float[][] block) {
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

    private void storeRows(float[][] block, int start, int rows, Object target) {
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

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }
}
