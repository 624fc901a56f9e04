package io.ctkit.train;

import io.ctkit.model.Task;
import io.ctkit.model.inference.Activation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.NesterovsUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.SgdUpdater;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.EluBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.strict.ELU;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The contract's network with a hand-written forward and backward pass over plain ND4J arrays:
 * the same model, loss, L2 and updaters as {@link MlpGraph} (whose SameDiff autodiff checks these
 * gradients in {@code DirectMlpGradientTest}), without SameDiff's per-op session bookkeeping, which
 * cost 2–4 ms per mini-batch.
 *
 * <p>Every layer's kernel and bias sit in one flat parameter array as {@code [W; b]}, an
 * {@code [inputs + 1, units]} matrix. The network's input carries a trailing column of ones, so for
 * the first layer one gemm computes {@code x · W + b} and one gemm both gradients; deeper layers add
 * the bias with a broadcast add and take its gradient as {@code 1ᵀ · dZ} (a gemm too), because
 * activations written into a matrix with a ones column (a strided view) ran 15x slower than into a
 * contiguous one. The flat layout lets L2, the updater and the parameter step run as one native
 * call each over all layers. Every array is preallocated per batch size and every op is built once over
 * them ({@link PreparedOp}): a step of a one-hidden-layer network is a dozen native calls of about
 * 2 µs of overhead each. L2 is ND4J's {@code L2Regularization} step (an axpy of {@code l2 / batch
 * size} times the weights into the gradient, before the updater, as SameDiff's training session
 * applies it) and the updaters are libnd4j's, with the same hyperparameters.
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
    private final INDArray[] bias;
    private final INDArray[] gwb;
    private final INDArray[] gKernel;
    private final INDArray[] gBias;
    private final PreparedOp l2;
    private final PreparedOp update;
    private final boolean updateTakesIteration;
    private final PreparedOp step;
    private final Map<Integer, Buffers> buffers = new HashMap<>();
    private long iteration;

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
        bias = new INDArray[layers];
        gwb = new INDArray[layers];
        gKernel = new INDArray[layers];
        gBias = new INDArray[layers];
        long offset = 0;
        for (int l = 0; l < layers; l++) {
            MlpGraph.LayerShape s = shapes.get(l);
            long[] stride = {s.units(), 1};
            wb[l] = Nd4j.create(params.data(), new long[] {s.inputs() + 1, s.units()}, stride, offset, 'c');
            kernel[l] = Nd4j.create(params.data(), new long[] {s.inputs(), s.units()}, stride, offset, 'c');
            gwb[l] = Nd4j.create(grads.data(), new long[] {s.inputs() + 1, s.units()}, stride, offset, 'c');
            gKernel[l] = Nd4j.create(grads.data(), new long[] {s.inputs(), s.units()}, stride, offset, 'c');
            long biasOffset = offset + (long) s.inputs() * s.units();
            bias[l] = Nd4j.create(params.data(), new long[] {1, s.units()}, stride, biasOffset, 'c');
            gBias[l] = Nd4j.create(grads.data(), new long[] {1, s.units()}, stride, biasOffset, 'c');
            offset += (long) (s.inputs() + 1) * s.units();
        }
        setWeights(initialWeights);
        this.l2 = l2 > 0 ? PreparedOp.of(new Axpy(params, grads, grads, l2 / batchSize)) : null;
        if (updater instanceof Adam adam) {
            AdamUpdater op = new AdamUpdater(grads, Nd4j.zeros(dtype, 1, total), Nd4j.zeros(dtype, 1, total),
                    adam.getLearningRate(), adam.getBeta1(), adam.getBeta2(), adam.getEpsilon(), 0);
            if (op.iArgs().length != 1) {
                throw new IllegalStateException("libnd4j's adam_updater takes " + op.iArgs().length
                        + " integer arguments; expected one (the iteration)");
            }
            update = PreparedOp.of(op);
            updateTakesIteration = true;
        } else if (updater instanceof Nesterovs nesterovs) {
            update = PreparedOp.of(new NesterovsUpdater(grads, Nd4j.zeros(dtype, 1, total), nesterovs.getLearningRate(),
                    nesterovs.getMomentum()));
            updateTakesIteration = false;
        } else if (updater instanceof Sgd sgd) {
            update = PreparedOp.of(new SgdUpdater(grads, sgd.getLearningRate()));
            updateTakesIteration = false;
        } else {
            throw new IllegalArgumentException("no direct training step for updater " + updater);
        }
        step = PreparedOp.of(new SubOp(params, grads, params));
    }

    @Override
    public double fitEpoch(EncodedRows train, int[] order, int batchSize) {
        int size = Math.min(batchSize, train.rows());
        int k = train.outputs();
        double loss = 0;
        for (int from = 0; from < train.rows(); from += size) {
            int to = Math.min(train.rows(), from + size);
            Buffers b = buffers(to - from, true);
            b.load(train.x(), train.y(), order, from);
            b.run(b.forward);
            // each batch's loss from the logits its step computes anyway, as scikit-learn's loss_curve_:
            // a pass over all training rows after the epoch took a third of an epoch's time
            loss += Losses.sum(task, b.z[layers - 1].data().asDouble(), b.yStage, 0, b.rows, k, classWeights);
            b.run(b.backward);
            if (l2 != null) {
                l2.run();
            }
            if (updateTakesIteration) {
                update.run(iteration);
            } else {
                update.run();
            }
            step.run();
            iteration++;
        }
        return loss / (task == Task.MULTICLASS_CLASSIFICATION ? train.rows() : (double) train.rows() * k);
    }

    @Override
    public float[] predict(float[] features, int rows, int width) {
        int k = shapes.get(layers - 1).units();
        float[] out = new float[rows * k];
        for (int from = 0; from < rows; from += CHUNK) {
            int n = Math.min(CHUNK, rows - from);
            Buffers b = buffers(n, false);
            b.load(features, null, null, from);
            b.run(b.forward);
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
            b.run(b.forward);
            sum += Losses.sum(task, b.z[layers - 1].data().asDouble(), rows.y(), from * k, n, k, classWeights);
        }
        // the mean over rows (multiclass: the one-hot targets sum to the row count) or over elements
        return sum / (task == Task.MULTICLASS_CLASSIFICATION ? rows.rows() : (double) rows.rows() * k);
    }

    /** The gradients of the data loss (without L2) on one batch, {@code [W0, b0, ...]}: for the gradient check. */
    double[][] gradients(EncodedRows batch) {
        Buffers b = new Buffers(batch.rows(), true);
        b.load(batch.x(), batch.y(), null, 0);
        b.run(b.forward);
        b.run(b.backward);
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

    private Buffers buffers(int rows, boolean training) {
        Buffers b = buffers.get(rows);
        if (b == null || (training && b.backward == null)) {
            b = new Buffers(rows, training);
            buffers.put(rows, b);
        }
        return b;
    }

    private static MMulTranspose transpose(boolean a, boolean b) {
        return MMulTranspose.builder().transposeA(a).transposeB(b).build();
    }

    private static PreparedOp activation(INDArray z, INDArray out, MlpGraph.LayerShape s) {
        return switch (s.activation()) {
            case LINEAR -> throw new IllegalArgumentException("a linear layer's output is its z itself");
            case RELU -> PreparedOp.of(new RectifiedLinear(z, out, 0.0));
            case LEAKY_RELU -> PreparedOp.of(new LeakyReLU(z, out, s.alpha()));
            case ELU -> PreparedOp.of(new ELU(z, out, s.alpha()));
            case SIGMOID -> PreparedOp.of(new Sigmoid(z, out));
            case TANH -> PreparedOp.of(new Tanh(z, out));
            case SOFTMAX -> throw new IllegalArgumentException("softmax is only an output activation");
        };
    }

    /** {@code g = dA * f'(z)}; none for a linear layer, whose {@code g} is {@code dA} itself. */
    private static PreparedOp derivative(INDArray z, INDArray dA, INDArray g, MlpGraph.LayerShape s) {
        return switch (s.activation()) {
            case LINEAR -> null;
            // relu_bp: a quarter of leakyrelu_bp's time per element here
            case RELU -> PreparedOp.of(new RectifiedLinearDerivative(z, dA, g));
            case LEAKY_RELU -> PreparedOp.of(new LeakyReLUBp(z, dA, g, s.alpha()));
            case ELU -> PreparedOp.of(new EluBp(z, dA, g, s.alpha()));
            case SIGMOID -> PreparedOp.of(new SigmoidDerivative(z, dA, g));
            case TANH -> PreparedOp.of(new TanhDerivative(z, dA, g));
            case SOFTMAX -> throw new IllegalArgumentException("softmax is only an output activation");
        };
    }

    /** The preallocated arrays and prepared ops of a pass over {@code rows} rows; backward only for training. */
    private final class Buffers {
        final int rows;
        final INDArray x;
        final float[] xStage;
        final INDArray y;
        final float[] yStage;
        final INDArray rowWeights;
        final float[] wStage;
        final INDArray[] z = new INDArray[layers];
        /** The layer's output: its activation (hidden layers), the prediction or probabilities (last). */
        final INDArray[] a = new INDArray[layers];
        /** {@code 1ᵀ}, to sum the rows of {@code dZ} into the bias gradient. */
        final INDArray ones;
        final List<PreparedOp> forward = new java.util.ArrayList<>();
        final List<PreparedOp> backward;

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
            ones = Nd4j.ones(dtype, 1, rows);
            for (int l = 0; l < layers; l++) {
                int units = shapes.get(l).units();
                z[l] = Nd4j.zeros(dtype, rows, units);
                if (l == 0) {
                    forward.add(PreparedOp.of(new Mmul(x, wb[0], z[0], 1.0, 0.0, transpose(false, false))));
                } else {
                    INDArray product = Nd4j.zeros(dtype, rows, units);
                    forward.add(PreparedOp.of(new Mmul(a[l - 1], kernel[l], product, 1.0, 0.0, transpose(false, false))));
                    forward.add(PreparedOp.of(new AddOp(product, bias[l], z[l])));
                }
                if (l < layers - 1 && shapes.get(l).activation() == Activation.LINEAR) {
                    a[l] = z[l];
                } else if (l < layers - 1) {
                    a[l] = Nd4j.zeros(dtype, rows, units);
                    forward.add(activation(z[l], a[l], shapes.get(l)));
                } else if (task == Task.REGRESSION) {
                    a[l] = z[l];
                } else {
                    a[l] = Nd4j.zeros(dtype, rows, units);
                    forward.add(task == Task.BINARY_CLASSIFICATION ? PreparedOp.of(new Sigmoid(z[l], a[l]))
                            : PreparedOp.of(new SoftMax(z[l], a[l])));
                }
            }
            backward = training ? backward() : null;
        }

        /**
         * Softmax + cross-entropy, sigmoid + binary cross-entropy and identity + squared error all
         * have {@code dL/dz = output - target} per row (times the row's class weight); the mean's
         * {@code 1 / rows} goes into the gemms that make the parameter gradients.
         */
        private List<PreparedOp> backward() {
            List<PreparedOp> ops = new java.util.ArrayList<>();
            int last = layers - 1;
            INDArray[] g = new INDArray[layers];
            for (int l = 0; l < layers; l++) {
                g[l] = Nd4j.zeros(dtype, rows, shapes.get(l).units());
            }
            ops.add(PreparedOp.of(new SubOp(a[last], y, g[last])));
            if (rowWeights != null) {
                ops.add(PreparedOp.of(new MulOp(g[last], rowWeights, g[last])));
            }
            int k = shapes.get(last).units();
            double scale = 1.0 / (task == Task.MULTICLASS_CLASSIFICATION ? rows : (double) rows * k);
            for (int l = last; l >= 0; l--) {
                if (l == 0) {
                    ops.add(PreparedOp.of(new Mmul(x, g[0], gwb[0], scale, 0.0, transpose(true, false))));
                } else {
                    ops.add(PreparedOp.of(new Mmul(a[l - 1], g[l], gKernel[l], scale, 0.0, transpose(true, false))));
                    ops.add(PreparedOp.of(new Mmul(ones, g[l], gBias[l], scale, 0.0, transpose(false, false))));
                    MlpGraph.LayerShape below = shapes.get(l - 1);
                    INDArray dA = below.activation() == Activation.LINEAR ? g[l - 1] : Nd4j.zeros(dtype, rows, below.units());
                    ops.add(PreparedOp.of(new Mmul(g[l], kernel[l], dA, 1.0, 0.0, transpose(false, true))));
                    PreparedOp d = derivative(z[l - 1], dA, g[l - 1], below);
                    if (d != null) {
                        ops.add(d);
                    }
                }
            }
            return ops;
        }

        void run(List<PreparedOp> ops) {
            for (PreparedOp op : ops) {
                op.run();
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
