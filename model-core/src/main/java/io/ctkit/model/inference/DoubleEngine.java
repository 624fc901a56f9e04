package io.ctkit.model.inference;

import java.util.List;

/**
 * The float64 engine: runs blocks of rows through every layer while the block is in cache, in
 * row-major blocks for single rows and wide networks and in column-major blocks for batches
 * through narrow ones (see {@link FloatKernels}). Weights are held as one {@code double[]} per
 * kernel row.
 */
final class DoubleEngine implements Engine {

    private final double[][][] kernels;
    private final double[][] biases;
    private final Activation[] activations;
    private final double[] alphas;
    private final int[] widths;
    private final long macsPerRow;
    /** Whether every width is small enough for column-major blocks to pay off. */
    private final boolean narrow;
    private final ThreadLocal<Scratch> scratch;

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
        narrow = maxWidth <= COLUMN_MAX_WIDTH;
        int width = maxWidth;
        scratch = ThreadLocal.withInitial(() -> new Scratch(width, narrow));
    }

    /** Per-thread block buffers; the column-major ones only for narrow networks. */
    private static final class Scratch {
        final double[][] rowsA;
        final double[][] rowsB;
        final double[][] columnsA;
        final double[][] columnsB;
        final double[] max;
        final double[] sum;

        Scratch(int width, boolean columns) {
            rowsA = new double[BLOCK][width];
            rowsB = new double[BLOCK][width];
            int columnRows = columns ? COLUMN_BLOCK : 0;
            columnsA = new double[width][columnRows];
            columnsB = new double[width][columnRows];
            max = new double[columnRows];
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
        double[][] in = s.rowsA;
        double[][] out = s.rowsB;
        loadRows(source, start, rows, in);
        for (int l = 0; l < kernels.length; l++) {
            DoubleKernels.denseRows(in, rows, widths[l], kernels[l], biases[l], widths[l + 1], out, l == 0);
            DoubleKernels.activateRows(out, rows, widths[l + 1], activations[l], alphas[l]);
            double[][] swap = in;
            in = out;
            out = swap;
        }
        storeRows(in, start, rows, target);
    }

    private void runColumns(Scratch s, Object source, Object target, int start, int rows) {
        double[][] in = s.columnsA;
        double[][] out = s.columnsB;
        loadColumns(source, start, rows, in);
        for (int l = 0; l < kernels.length; l++) {
            DoubleKernels.denseColumns(in, rows, widths[l], kernels[l], biases[l], widths[l + 1], out);
            DoubleKernels.activateColumns(out, rows, widths[l + 1], activations[l], alphas[l], s.max, s.sum);
            double[][] swap = in;
            in = out;
            out = swap;
        }
        storeColumns(in, start, rows, target);
    }

    private void loadColumns(Object source, int start, int rows, double[][] block) {
        int width = widths[0];
        for (int r = 0; r < rows; r++) {
            int offset = (start + r) * width;
            if (source instanceof double[] doubles) {
                for (int k = 0; k < width; k++) {
                    block[k][r] = doubles[offset + k];
                }
            } else {
                float[] floats = (float[]) source;
                for (int k = 0; k < width; k++) {
                    block[k][r] = floats[offset + k];
                }
            }
        }
    }

    private void storeColumns(double[][] block, int start, int rows, Object target) {
        int width = outputWidth();
        for (int r = 0; r < rows; r++) {
            int offset = (start + r) * width;
            if (target instanceof double[] doubles) {
                for (int j = 0; j < width; j++) {
                    doubles[offset + j] = block[j][r];
                }
            } else {
                float[] floats = (float[]) target;
                for (int j = 0; j < width; j++) {
                    floats[offset + j] = (float) block[j][r];
                }
            }
        }
    }

    private void loadRows(Object source, int start, int rows, double[][] block) {
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

    private void storeRows(double[][] block, int start, int rows, Object target) {
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
}
