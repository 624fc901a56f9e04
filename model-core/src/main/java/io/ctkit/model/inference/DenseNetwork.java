package io.ctkit.model.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * A compiled stack of dense layers: the inference engine.
 *
 * <p>Immutable and thread-safe: any number of threads may call {@code forward} at once. Scratch
 * space is kept per thread, so a call allocates nothing beyond the array it returns (the
 * {@code forward(x, rows, out)} forms allocate nothing at all once a thread is warm).
 *
 * <p>Numeric semantics: a {@link Precision#FLOAT32} network computes every sum, product and
 * activation in {@code float} (softmax normalizes with a {@code double} sum); a
 * {@link Precision#FLOAT64} network computes in {@code double}. Inputs of the other precision
 * are converted on the way in and outputs on the way out. Each unit's sum is {@code b[j]} plus
 * the terms {@code x[k]·W[k,j]} added in increasing {@code k}, so the result for a row is the same
 * whether it is computed alone or as part of a batch of any size.
 *
 * <p>Large batches are split across the common {@link ForkJoinPool}; the caller's thread
 * computes one part itself.
 */
public final class DenseNetwork {

    /** Multiply-adds below which a batch is computed on the calling thread alone. */
    private static final long PARALLEL_MIN_MACS = 1L << 21;

    private final List<DenseLayer> layers;
    private final Precision precision;
    private final Engine engine;

    private DenseNetwork(List<DenseLayer> layers, Precision precision) {
        this.layers = layers;
        this.precision = precision;
        this.engine = precision == Precision.FLOAT32 ? new FloatEngine(layers) : new DoubleEngine(layers);
    }

    /**
     * Compiles layers into a network.
     *
     * @param layers at least one layer; each layer's {@code inputs} equals the previous one's
     *     {@code units}
     * @param precision the precision to compute in; {@link Precision#FLOAT32} rounds the weights
     *     to {@code float}
     * @throws IllegalArgumentException if the list is empty or consecutive widths disagree
     */
    public static DenseNetwork of(List<DenseLayer> layers, Precision precision) {
        Objects.requireNonNull(precision, "precision");
        List<DenseLayer> copy = List.copyOf(layers);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        for (int l = 1; l < copy.size(); l++) {
            int previous = copy.get(l - 1).units();
            if (copy.get(l).inputs() != previous) {
                throw new IllegalArgumentException("layer " + l + " takes " + copy.get(l).inputs()
                        + " inputs but layer " + (l - 1) + " produces " + previous);
            }
        }
        return new DenseNetwork(copy, precision);
    }

    /** The layers, first to last. */
    public List<DenseLayer> layers() {
        return layers;
    }

    public Precision precision() {
        return precision;
    }

    /** Width of the feature vector the first layer takes. */
    public int inputWidth() {
        return engine.inputWidth();
    }

    /** Units of the last layer. */
    public int outputWidth() {
        return engine.outputWidth();
    }

    /** Runs one row; {@code features.length} must equal {@link #inputWidth()}. */
    public double[] forward(double[] features) {
        requireLength("features", features.length, engine.inputWidth(), "inputWidth()");
        double[] out = new double[engine.outputWidth()];
        engine.run(features, out, 0, 1);
        return out;
    }

    /** Runs one row; {@code features.length} must equal {@link #inputWidth()}. */
    public float[] forward(float[] features) {
        requireLength("features", features.length, engine.inputWidth(), "inputWidth()");
        float[] out = new float[engine.outputWidth()];
        engine.run(features, out, 0, 1);
        return out;
    }

    /**
     * Runs a batch.
     *
     * @param features row-major {@code [rows, inputWidth()]}; at least that many values
     * @param rows number of rows, zero or more
     * @param outputs receives row-major {@code [rows, outputWidth()]}; at least that many values
     */
    public void forward(double[] features, int rows, double[] outputs) {
        checkBatch(features.length, rows, outputs.length);
        runBatch(features, outputs, rows);
    }

    /** As {@link #forward(double[], int, double[])}, for {@code float} data. */
    public void forward(float[] features, int rows, float[] outputs) {
        checkBatch(features.length, rows, outputs.length);
        runBatch(features, outputs, rows);
    }

    private void runBatch(Object source, Object target, int rows) {
        int parts = parts(rows);
        if (parts <= 1) {
            engine.run(source, target, 0, rows);
            return;
        }
        int blocks = (rows + Engine.BLOCK - 1) / Engine.BLOCK;
        List<RecursiveAction> tasks = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            int from = Math.min(rows, (int) ((long) blocks * p / parts) * Engine.BLOCK);
            int to = Math.min(rows, (int) ((long) blocks * (p + 1) / parts) * Engine.BLOCK);
            tasks.add(new Slice(engine, source, target, from, to));
        }
        ForkJoinTask.invokeAll(tasks);
    }

    private int parts(int rows) {
        int available = ForkJoinPool.getCommonPoolParallelism() + 1;
        if (available < 2 || rows < 2 * Engine.BLOCK || rows * engine.macsPerRow() < PARALLEL_MIN_MACS) {
            return 1;
        }
        long byWork = rows * engine.macsPerRow() / (PARALLEL_MIN_MACS / 2);
        return (int) Math.min(Math.min(available, rows / Engine.BLOCK), byWork);
    }

    private void checkBatch(int featureLength, int rows, int outputLength) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must not be negative: " + rows);
        }
        long needIn = (long) rows * engine.inputWidth();
        long needOut = (long) rows * engine.outputWidth();
        if (featureLength < needIn) {
            throw new IllegalArgumentException("features has " + featureLength + " values; " + rows
                    + " rows of " + engine.inputWidth() + " need " + needIn);
        }
        if (outputLength < needOut) {
            throw new IllegalArgumentException("outputs has room for " + outputLength + " values; "
                    + rows + " rows of " + engine.outputWidth() + " need " + needOut);
        }
    }

    private static void requireLength(String what, int actual, int expected, String source) {
        if (actual != expected) {
            throw new IllegalArgumentException(
                    what + " has " + actual + " values but the network takes " + expected + " (" + source + ")");
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("DenseNetwork[").append(precision).append(": ").append(inputWidth());
        for (DenseLayer layer : layers) {
            text.append(" -> ").append(layer.units()).append(' ').append(layer.activation());
        }
        return text.append(']').toString();
    }

    private static final class Slice extends RecursiveAction {
        private final transient Engine engine;
        private final transient Object source;
        private final transient Object target;
        private final int from;
        private final int to;

        Slice(Engine engine, Object source, Object target, int from, int to) {
            this.engine = engine;
            this.source = source;
            this.target = target;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            engine.run(source, target, from, to);
        }
    }
}
