package io.ctkit.train;

import io.ctkit.model.Task;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.NesterovsUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.SgdUpdater;
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
 * 2 µs of overhead each. L2 is the axpy that ND4J's {@code L2Regularization} runs ({@code l2 / batch
 * size} times the weights into the gradient, before the updater, as SameDiff's training session
 * applies it) and the updaters are libnd4j's ops that ND4J's updaters run, with the same
 * hyperparameters ({@code DirectMlpGradientTest} trains both engines and compares the weights).
 */
final class DirectMlp implements Network {
    /** Rows per forward pass when scoring many rows: bounds the memory of loss and prediction. */
    private static final int CHUNK = 4096;

    private final Task task;
    private final List<MlpGraph.LayerShape> shapes;
    private final int layers;
    private final float[] classWeights;
    private final FlatParameters p;
    private final PreparedOp l2;
    private final PreparedOp update;
    private final boolean updateTakesIteration;
    private final PreparedOp step;
    private final Map<Integer, BatchPass> passes = new HashMap<>();
    private long iteration;

    DirectMlp(Task task, List<MlpGraph.LayerShape> shapes, float[][] initialWeights, float[] classWeights, double l2,
            int batchSize, IUpdater updater, DataType dtype) {
        Nd4jRuntime.init();
        this.task = task;
        this.shapes = List.copyOf(shapes);
        this.layers = shapes.size();
        this.classWeights = classWeights;
        p = FlatParameters.of(shapes, dtype);
        long total = p.size();
        INDArray grads = p.grads();
        setWeights(initialWeights);
        this.l2 = l2 > 0 ? PreparedOp.of(new Axpy(p.params(), grads, grads, l2 / batchSize)) : null;
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
        step = PreparedOp.of(new SubOp(p.params(), grads, p.params()));
    }

    @Override
    public double fitEpoch(EncodedRows train, int[] order, int batchSize) {
        int size = Math.min(batchSize, train.rows());
        int k = train.outputs();
        double loss = 0;
        for (int from = 0; from < train.rows(); from += size) {
            int to = Math.min(train.rows(), from + size);
            BatchPass b = pass(to - from, true);
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
            BatchPass b = pass(n, false);
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
            BatchPass b = pass(n, false);
            b.load(rows.x(), null, null, from);
            b.run(b.forward);
            sum += Losses.sum(task, b.z[layers - 1].data().asDouble(), rows.y(), from * k, n, k, classWeights);
        }
        // the mean over rows (multiclass: the one-hot targets sum to the row count) or over elements
        return sum / (task == Task.MULTICLASS_CLASSIFICATION ? rows.rows() : (double) rows.rows() * k);
    }

    /** The gradients of the data loss (without L2) on one batch, {@code [W0, b0, ...]}: for the gradient check. */
    double[][] gradients(EncodedRows batch) {
        BatchPass b = new BatchPass(task, shapes, classWeights, p, batch.rows(), true);
        b.load(batch.x(), batch.y(), null, 0);
        b.run(b.forward);
        b.run(b.backward);
        return Weights.split(shapes, p.grads().data().asDouble());
    }

    @Override
    public float[][] weights() {
        return Weights.split(shapes, p.params().data().asFloat());
    }

    @Override
    public void setWeights(float[][] weights) {
        FlatParameters.copy(p.params(), Weights.concat(weights));
    }

    private BatchPass pass(int rows, boolean training) {
        BatchPass b = passes.get(rows);
        if (b == null || (training && b.backward == null)) {
            b = new BatchPass(task, shapes, classWeights, p, rows, training);
            passes.put(rows, b);
        }
        return b;
    }
}
