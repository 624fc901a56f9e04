package io.ctkit.train;

import io.ctkit.model.Task;
import io.ctkit.model.inference.Activation;
import java.util.List;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.EluBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.ELU;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The preallocated arrays and prepared ops of one pass of {@link DirectMlp}'s network over
 * {@code rows} rows: the forward pass, and for training the backward pass into the gradients.
 */
final class BatchPass {
    private final Task task;
    private final List<MlpGraph.LayerShape> shapes;
    private final int layers;
    private final float[] classWeights;
    private final FlatParameters p;
    final int rows;
    final INDArray x;
    final float[] xStage;
    final INDArray y;
    final float[] yStage;
    final INDArray rowWeights;
    final float[] wStage;
    final INDArray[] z;
    /** The layer's output: its activation (hidden layers), the prediction or probabilities (last). */
    final INDArray[] a;
    /** {@code 1ᵀ}, to sum the rows of {@code dZ} into the bias gradient. */
    final INDArray ones;
    final List<PreparedOp> forward = new java.util.ArrayList<>();
    final List<PreparedOp> backward;

    BatchPass(Task task, List<MlpGraph.LayerShape> shapes, float[] classWeights, FlatParameters p, int rows,
            boolean training) {
        this.task = task;
        this.shapes = shapes;
        this.layers = shapes.size();
        this.classWeights = classWeights;
        this.p = p;
        this.rows = rows;
        DataType dtype = p.dtype();
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
        z = new INDArray[layers];
        a = new INDArray[layers];
        for (int l = 0; l < layers; l++) {
            int units = shapes.get(l).units();
            z[l] = Nd4j.zeros(dtype, rows, units);
            if (l == 0) {
                forward.add(PreparedOp.of(new Mmul(x, p.wb()[0], z[0], 1.0, 0.0, transpose(false, false))));
            } else {
                INDArray product = Nd4j.zeros(dtype, rows, units);
                forward.add(PreparedOp.of(new Mmul(a[l - 1], p.kernel()[l], product, 1.0, 0.0, transpose(false, false))));
                forward.add(PreparedOp.of(new AddOp(product, p.bias()[l], z[l])));
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
        backward = training ? backward(dtype) : null;
    }

    /**
     * Softmax + cross-entropy, sigmoid + binary cross-entropy and identity + squared error all
     * have {@code dL/dz = output - target} per row (times the row's class weight); the mean's
     * {@code 1 / rows} goes into the gemms that make the parameter gradients.
     */
    private List<PreparedOp> backward(DataType dtype) {
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
                ops.add(PreparedOp.of(new Mmul(x, g[0], p.gwb()[0], scale, 0.0, transpose(true, false))));
            } else {
                ops.add(PreparedOp.of(new Mmul(a[l - 1], g[l], p.gKernel()[l], scale, 0.0, transpose(true, false))));
                ops.add(PreparedOp.of(new Mmul(ones, g[l], p.gBias()[l], scale, 0.0, transpose(false, false))));
                MlpGraph.LayerShape below = shapes.get(l - 1);
                INDArray dA = below.activation() == Activation.LINEAR ? g[l - 1] : Nd4j.zeros(dtype, rows, below.units());
                ops.add(PreparedOp.of(new Mmul(g[l], p.kernel()[l], dA, 1.0, 0.0, transpose(false, true))));
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
        FlatParameters.copy(x, xStage);
        if (targets != null) {
            FlatParameters.copy(y, yStage);
            if (wStage != null) {
                FlatParameters.copy(rowWeights, wStage);
            }
        }
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
}
