package io.ctkit.train;

import io.ctkit.model.Task;
import io.ctkit.model.inference.Activation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.EluBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.strict.ELU;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.L2Regularization;

/**
 * The contract's network with a hand-written forward and backward pass over plain ND4J arrays:
 * the same model, loss, L2 and updaters as {@link MlpGraph} (whose SameDiff autodiff checks these
 * gradients in {@code DirectMlpGradientTest}), without SameDiff's per-op session bookkeeping, which
 * cost 2–4 ms per mini-batch.
 *
 * <p>Every layer's kernel and bias sit in one flat parameter array as {@code [W; b]}, an
 * {@code [inputs + 1, units]} matrix, and every layer input carries a trailing column of ones, so
 * one gemm computes {@code x · W + b} and one gemm computes both the kernel's and the bias's
 * gradient. The flat layout lets L2, the updater and the parameter step run as one native call
 * each over all layers. With every array preallocated per batch size, a step of a one-hidden-layer
 * network is about a dozen native calls. The updater and the L2 term are ND4J's own
 * ({@link GradientUpdater}, {@link L2Regularization}, applied before the updater, as SameDiff's
 * training session does), so the hyperparameters mean what they meant.
 */
final class DirectMlp implements Network {
    /** Rows per forward pass when scoring many rows: bounds the memory of loss and prediction. */
    private static final int CHUNK = 4096;

    private final Task task;
    private final List<MlpGraph.LayerShape> shapes;
    private final DataType dtype;
    private final int layers;
    private final float[] classWeights;
    private final INDArray params;
    private final INDArray grads;
    private final INDArray[] wb;
    private final INDArray[] kernel;
    private final INDArray[] gwb;
    private final GradientUpdater<?> updater;
    private final L2Regularization l2;
    private final double learningRate;
    private final Map<Integer, Buffers> buffers = new HashMap<>();
    private int iteration;
    private int epoch;

    DirectMlp(Task task, List<MlpGraph.LayerShape> shapes, float[][] initialWeights, float[] classWeights, double l2,
            int batchSize, IUpdater updater, DataType dtype) {
        Nd4jRuntime.init();
        this.task = task;
        this.shapes = List.copyOf(shapes);
        this.dtype = dtype;
        this.layers = shapes.size();
        this.classWeights = classWeights;
        long total = 0;
        for (MlpGraph.LayerShape s : shapes) {
            total += (long) (s.inputs() + 1) * s.units();
        }
        params = Nd4j.zeros(dtype, 1, total);
        grads = Nd4j.zeros(dtype, 1, total);
        wb = new INDArray[layers];
        kernel = new INDArray[layers];
        gwb = new INDArray[layers];
        long offset = 0;
        for (int l = 0; l < layers; l++) {
            MlpGraph.LayerShape s = shapes.get(l);
            long[] stride = {s.units(), 1};
            wb[l] = Nd4j.create(params.data(), new long[] {s.inputs() + 1, s.units()}, stride, offset, 'c');
            kernel[l] = Nd4j.create(params.data(), new long[] {s.inputs(), s.units()}, stride, offset, 'c');
            gwb[l] = Nd4j.create(grads.data(), new long[] {s.inputs() + 1, s.units()}, stride, offset, 'c');
            offset += (long) (s.inputs() + 1) * s.units();
        }
        setWeights(initialWeights);
        long state = updater.stateSize(total);
        this.updater = updater.instantiate(state == 0 ? null : Nd4j.zeros(dtype, 1, state), true);
        this.l2 = l2 > 0 ? new L2Regularization(l2 / batchSize) : null;
        this.learningRate = updater.getLearningRate(0, 0);
    }

    @Override
    public void fitEpoch(EncodedRows train, int[] order, int batchSize) {
        int size = Math.min(batchSize, train.rows());
        for (int from = 0; from < train.rows(); from += size) {
            int to = Math.min(train.rows(), from + size);
            Buffers b = buffers(to - from, true);
            b.load(train.x(), train.y(), order, from);
            forward(b);
            backward(b);
            if (l2 != null) {
                l2.apply(params, grads, learningRate, iteration, epoch);
            }
            updater.applyUpdater(grads, iteration, epoch);
            params.subi(grads);
            iteration++;
        }
        epoch++;
    }

    @Override
    public float[] predict(float[] features, int rows, int width) {
        int k = shapes.get(layers - 1).units();
        float[] out = new float[rows * k];
        for (int from = 0; from < rows; from += CHUNK) {
            int n = Math.min(CHUNK, rows - from);
            Buffers b = buffers(n, false);
            b.load(features, null, null, from);
            forward(b);
            System.arraycopy(b.a[layers - 1].data().asFloat(), 0, out, from * k, n * k);
        }
        return out;
    }

    @Override
    public double dataLoss(EncodedRows rows) {
        int k = rows.outputs();
        double sum = 0;
        for (int from = 0; from < rows.rows(); from += CHUNK) {
            int n = Math.min(CHUNK, rows.rows() - from);
            Buffers b = buffers(n, false);
            b.load(rows.x(), null, null, from);
            forward(b);
            sum += Losses.sum(task, b.z[layers - 1].data().asDouble(), rows.y(), from * k, n, k, classWeights);
        }
        // the mean over rows (multiclass: the one-hot targets sum to the row count) or over elements
        return sum / (task == Task.MULTICLASS_CLASSIFICATION ? rows.rows() : (double) rows.rows() * k);
    }

    /** The gradients of the data loss (without L2) on one batch, {@code [W0, b0, ...]}: for the gradient check. */
    double[][] gradients(EncodedRows batch) {
        Buffers b = new Buffers(batch.rows(), true);
        b.load(batch.x(), batch.y(), null, 0);
        forward(b);
        backward(b);
        return Weights.split(shapes, grads.data().asDouble());
    }

    @Override
    public float[][] weights() {
        return Weights.split(shapes, params.data().asFloat());
    }

    @Override
    public void setWeights(float[][] weights) {
        Buffers.put(params, Weights.concat(weights));
    }

    private void forward(Buffers b) {
        INDArray h = b.x;
        for (int l = 0; l < layers; l++) {
            Nd4j.gemm(h, wb[l], b.z[l], false, false, 1.0, 0.0);
            if (l < layers - 1) {
                activate(b.z[l], b.activated[l], shapes.get(l));
                h = b.a[l];
            } else if (task == Task.BINARY_CLASSIFICATION) {
                Nd4j.exec(new Sigmoid(b.z[l], b.a[l]));
            } else if (task == Task.MULTICLASS_CLASSIFICATION) {
                Nd4j.exec(new SoftMax(b.z[l], b.a[l]));
            }
        }
    }

    /**
     * Softmax + cross-entropy, sigmoid + binary cross-entropy and identity + squared error all have
     * {@code dL/dz = output - target} per row (times the row's class weight); the mean's
     * {@code 1 / rows} goes into the gemms that make the parameter gradients.
     */
    private void backward(Buffers b) {
        int last = layers - 1;
        b.a[last].sub(b.y, b.g[last]);
        if (b.rowWeights != null) {
            b.g[last].muliColumnVector(b.rowWeights);
        }
        int k = shapes.get(last).units();
        double scale = 1.0 / (task == Task.MULTICLASS_CLASSIFICATION ? b.rows : (double) b.rows * k);
        for (int l = last; l >= 0; l--) {
            Nd4j.gemm(l == 0 ? b.x : b.a[l - 1], b.g[l], gwb[l], true, false, scale, 0.0);
            if (l > 0) {
                Nd4j.gemm(b.g[l], kernel[l], b.dA[l - 1], false, true, 1.0, 0.0);
                derive(b.z[l - 1], b.dA[l - 1], b.g[l - 1], shapes.get(l - 1));
            }
        }
    }

    private static void activate(INDArray z, INDArray out, MlpGraph.LayerShape s) {
        switch (s.activation()) {
            case LINEAR -> out.assign(z);
            case RELU -> Nd4j.exec(new RectifiedLinear(z, out, 0.0));
            case LEAKY_RELU -> Nd4j.exec(new LeakyReLU(z, out, s.alpha()));
            case ELU -> Nd4j.exec(new ELU(z, out, s.alpha()));
            case SIGMOID -> Nd4j.exec(new Sigmoid(z, out));
            case TANH -> Nd4j.exec(new Tanh(z, out));
            case SOFTMAX -> throw new IllegalArgumentException("softmax is only an output activation");
        }
    }

    /** {@code g = dA * f'(z)}; for a linear layer {@code g} is {@code dA} itself. */
    private static void derive(INDArray z, INDArray dA, INDArray g, MlpGraph.LayerShape s) {
        switch (s.activation()) {
            case LINEAR -> { }
            case RELU -> Nd4j.exec(new LeakyReLUBp(z, dA, g, 0.0));
            case LEAKY_RELU -> Nd4j.exec(new LeakyReLUBp(z, dA, g, s.alpha()));
            case ELU -> Nd4j.exec(new EluBp(z, dA, g, s.alpha()));
            case SIGMOID -> Nd4j.exec(new SigmoidDerivative(z, dA, g));
            case TANH -> Nd4j.exec(new TanhDerivative(z, dA, g));
            case SOFTMAX -> throw new IllegalArgumentException("softmax is only an output activation");
        }
    }

    private Buffers buffers(int rows, boolean training) {
        Buffers b = buffers.get(rows);
        if (b == null || (training && b.g == null)) {
            b = new Buffers(rows, training);
            buffers.put(rows, b);
        }
        return b;
    }

    /** The preallocated arrays of a pass over {@code rows} rows; the gradient arrays only for training. */
    private final class Buffers {
        final int rows;
        final INDArray x;
        final float[] xStage;
        final INDArray y;
        final float[] yStage;
        final INDArray rowWeights;
        final float[] wStage;
        final INDArray[] z = new INDArray[layers];
        /** Hidden layers: the activation with a trailing ones column; the last layer: the output. */
        final INDArray[] a = new INDArray[layers];
        /** Hidden layers: the activation without the ones column, a view of {@code a}. */
        final INDArray[] activated = new INDArray[layers];
        final INDArray[] g;
        final INDArray[] dA;

        Buffers(int rows, boolean training) {
            this.rows = rows;
            int width = shapes.get(0).inputs();
            x = Nd4j.ones(dtype, rows, width + 1);
            xStage = new float[rows * (width + 1)];
            java.util.Arrays.fill(xStage, 1f);
            int k = shapes.get(layers - 1).units();
            y = training ? Nd4j.zeros(dtype, rows, k) : null;
            yStage = training ? new float[rows * k] : null;
            rowWeights = training && classWeights != null ? Nd4j.zeros(dtype, rows, 1) : null;
            wStage = rowWeights == null ? null : new float[rows];
            for (int l = 0; l < layers; l++) {
                int units = shapes.get(l).units();
                z[l] = Nd4j.zeros(dtype, rows, units);
                if (l < layers - 1) {
                    a[l] = Nd4j.ones(dtype, rows, units + 1);
                    activated[l] = a[l].get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                            org.nd4j.linalg.indexing.NDArrayIndex.interval(0, units));
                } else {
                    a[l] = task == Task.REGRESSION ? z[l] : Nd4j.zeros(dtype, rows, units);
                }
            }
            g = training ? new INDArray[layers] : null;
            dA = training ? new INDArray[layers] : null;
            if (training) {
                for (int l = 0; l < layers; l++) {
                    int units = shapes.get(l).units();
                    g[l] = Nd4j.zeros(dtype, rows, units);
                    dA[l] = shapes.get(l).activation() == Activation.LINEAR ? g[l] : Nd4j.zeros(dtype, rows, units);
                }
            }
        }

        /** Copies rows {@code order[from..]} (or {@code from..} without an order) into the arrays. */
        void load(float[] features, float[] targets, int[] order, int from) {
            int width = shapes.get(0).inputs();
            int k = shapes.get(layers - 1).units();
            for (int i = 0; i < rows; i++) {
                int r = order == null ? from + i : order[from + i];
                System.arraycopy(features, r * width, xStage, i * (width + 1), width);
                if (targets != null) {
                    System.arraycopy(targets, r * k, yStage, i * k, k);
                    if (wStage != null) {
                        wStage[i] = Losses.rowWeight(task, targets, r * k, k, classWeights);
                    }
                }
            }
            put(x, xStage);
            if (targets != null) {
                put(y, yStage);
                if (wStage != null) {
                    put(rowWeights, wStage);
                }
            }
        }

        static void put(INDArray target, float[] values) {
            if (target.dataType() == DataType.FLOAT) {
                target.data().setData(values);
            } else {
                double[] d = new double[values.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = values[i];
                }
                target.data().setData(d);
            }
        }
    }
}
