package io.ctkit.train;

import io.ctkit.model.Task;
import io.ctkit.model.inference.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The contract's network as a SameDiff graph: dense layers {@code y = f(x · W + b)} with
 * {@code W [inputs, units]}, so the trained variables are the bundle's arrays as they are.
 *
 * <p>Losses (per row, times the row's class weight when given, then the mean over the batch's
 * rows): regression {@code 0.5 (z - y)^2}; binary {@code log(1 + e^z) - y z} on the logit,
 * computed without overflow; multiclass {@code -sum(y · log_softmax(z))} (libnd4j's fused op).
 * L2 adds {@code (l2 / batch size) · w} to every weight's gradient, as the penalty
 * {@code 0.5 · l2 · sum(w^2) / batch size} would: scikit-learn's MLP objective (which spares the
 * biases), so its learning rates and alpha carry over.
 */
final class MlpGraph implements Network {
    static final String X = "x";
    static final String Y = "y";
    static final String OUT = "out";
    static final String DATA_LOSS = "data_loss";

    private final SameDiff sd;
    private final int layers;
    private final DataType dtype;

    MlpGraph(Task task, List<LayerShape> shapes, float[][] initialWeights, float[] classWeights, double l2,
            int batchSize, IUpdater updater) {
        this(task, shapes, initialWeights, classWeights, l2, batchSize, updater, DataType.FLOAT);
    }

    /** In {@code dtype}: float32 to train, float64 as the oracle of the gradient check. */
    MlpGraph(Task task, List<LayerShape> shapes, float[][] initialWeights, float[] classWeights, double l2,
            int batchSize, IUpdater updater, DataType dtype) {
        Nd4jRuntime.init();
        this.dtype = dtype;
        this.layers = shapes.size();
        sd = SameDiff.create();
        int inputs = shapes.get(0).inputs();
        int outputs = shapes.get(layers - 1).units();
        SDVariable x = sd.placeHolder(X, dtype, -1, inputs);
        SDVariable y = sd.placeHolder(Y, dtype, -1, outputs);
        SDVariable h = x;
        for (int l = 0; l < layers; l++) {
            LayerShape s = shapes.get(l);
            SDVariable w = sd.var(weightName(l), Nd4j.create(initialWeights[2 * l], new long[] {s.inputs(), s.units()}, 'c').castTo(dtype));
            SDVariable b = sd.var(biasName(l), Nd4j.create(initialWeights[2 * l + 1], new long[] {s.units()}, 'c').castTo(dtype));
            // not sd.nn().linear (xw_plus_b): with it, in 1.0.0-M2.1, kernels read by no other op
            // hardly trained (a 3-class loss stalled near log 3); mmul + add trains as expected
            SDVariable z = h.mmul(w).add(b);
            h = l == layers - 1 ? z : activate(z, s.activation(), s.alpha());
        }
        SDVariable logits = h;
        // Element-wise terms, then one full mean: reductions along a dimension of a batch of
        // dynamic size fail inside SameDiff 1.0.0-M2.1's training session (NullPointerException).
        SDVariable terms;
        switch (task) {
            case REGRESSION -> {
                sd.identity(OUT, logits);
                SDVariable d = logits.sub(y);
                terms = d.mul(d).mul(0.5);
            }
            case BINARY_CLASSIFICATION -> {
                sd.nn().sigmoid(OUT, logits);
                // log(1 + e^z) - y z = max(z, 0) - y z + log1p(e^-|z|): no overflow for large |z|
                terms = sd.nn().relu(logits, 0).sub(logits.mul(y))
                        .add(sd.math().log1p(sd.math().exp(sd.math().abs(logits).neg())));
            }
            default -> {
                sd.nn().softmax(OUT, logits);
                terms = null;
            }
        }
        SDVariable dataLoss;
        if (task == Task.MULTICLASS_CLASSIFICATION) {
            // -sum(y * w * log_softmax(z)) / rows, written out: the gradient of libnd4j's fused
            // softmax_cross_entropy_loss (1.0.0-M2.1) is the batch's row count times too large
            // (checked against finite differences). log_softmax is computed as z - max - log(sum e^(z - max)),
            // finite for any finite logits. The full mean over [rows, classes] times classes is the
            // mean over rows, without a reduction along one dimension (see above).
            SDVariable weighted = classWeights == null ? y : y.mul(sd.constant("class_weights",
                    Nd4j.create(classWeights, new long[] {1, classWeights.length}, 'c').castTo(dtype)));
            dataLoss = weighted.mul(sd.nn().logSoftmax(logits)).mean().mul(DATA_LOSS, -(double) outputs);
        } else {
            if (classWeights != null && task == Task.BINARY_CLASSIFICATION) {
                terms = terms.mul(y.mul(classWeights[1] - classWeights[0]).add(classWeights[0]));
            }
            dataLoss = terms.mean().mul(DATA_LOSS, 1.0);
        }
        sd.setLossVariables(DATA_LOSS);
        // L2 in the updater, not in the graph: a sum over W in the graph made SameDiff M2.1's
        // training step several times slower (its reduce ran longer than all other ops together).
        // Gradient + (l2 / batch size) * w is the gradient of 0.5 * l2 * sum(w^2) / batch size.
        sd.setTrainingConfig(new TrainingConfig.Builder()
                .updater(updater)
                .l2(l2 / batchSize)
                .dataSetFeatureMapping(X)
                .dataSetLabelMapping(Y)
                .build());
        Nd4jRuntime.quietly(sd::createGradFunction);
    }

    private SDVariable activate(SDVariable z, Activation activation, double alpha) {
        return switch (activation) {
            case LINEAR -> z;
            case RELU -> sd.nn().relu(z, 0);
            case LEAKY_RELU -> sd.nn().leakyRelu(z, alpha);
            // alpha * expm1(min(z, 0)) + max(z, 0): the contract's elu for any alpha
            case ELU -> sd.nn().relu(z, 0).add(sd.math().exp(sd.nn().relu(z.neg(), 0).neg()).sub(1.0).mul(alpha));
            case SIGMOID -> sd.nn().sigmoid(z);
            case TANH -> sd.math().tanh(z);
            case SOFTMAX -> throw new IllegalArgumentException("softmax is only an output activation");
        };
    }

    @Override
    public double fitEpoch(EncodedRows train, int[] order, int batchSize) {
        int size = Math.min(batchSize, train.rows());
        List<MultiDataSet> batches = new ArrayList<>();
        for (int from = 0; from < train.rows(); from += size) {
            EncodedRows part = train.select(order, from, Math.min(train.rows(), from + size));
            batches.add(new org.nd4j.linalg.dataset.MultiDataSet(array(part.x(), part.rows(), part.width()),
                    array(part.y(), part.rows(), part.outputs())));
        }
        sd.fit(new BatchIterator(batches), 1);
        // SameDiff M2.1 reports no per-batch losses to listeners: the loss on all rows after the epoch
        return dataLoss(train);
    }

    @Override
    public float[] predict(float[] features, int rows, int width) {
        return sd.output(Map.of(X, array(features, rows, width)), OUT).get(OUT).dup('c').data().asFloat();
    }

    @Override
    public double dataLoss(EncodedRows rows) {
        return sd.output(Map.of(X, array(rows.x(), rows.rows(), rows.width()), Y,
                array(rows.y(), rows.rows(), rows.outputs())), DATA_LOSS).get(DATA_LOSS).getDouble(0);
    }

    /** SameDiff's autodiff gradients of the data loss (without L2) on one batch, {@code [W0, b0, ...]}. */
    double[][] gradients(EncodedRows batch) {
        List<String> names = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            names.add(weightName(l));
            names.add(biasName(l));
        }
        Map<String, INDArray> g = sd.calculateGradients(Map.of(X, array(batch.x(), batch.rows(), batch.width()), Y,
                array(batch.y(), batch.rows(), batch.outputs())), names);
        return names.stream().map(n -> g.get(n).dup('c').data().asDouble()).toArray(double[][]::new);
    }

    private INDArray array(float[] values, int rows, int columns) {
        return Nd4j.create(values, new long[] {rows, columns}, 'c').castTo(dtype);
    }

    @Override
    public float[][] weights() {
        List<float[]> all = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            all.add(sd.getVariable(weightName(l)).getArr().dup('c').data().asFloat());
            all.add(sd.getVariable(biasName(l)).getArr().dup('c').data().asFloat());
        }
        return all.toArray(float[][]::new);
    }

    @Override
    public void setWeights(float[][] weights) {
        for (int l = 0; l < layers; l++) {
            INDArray w = sd.getVariable(weightName(l)).getArr();
            w.assign(Nd4j.create(weights[2 * l], w.shape(), 'c').castTo(dtype));
            INDArray b = sd.getVariable(biasName(l)).getArr();
            b.assign(Nd4j.create(weights[2 * l + 1], b.shape(), 'c').castTo(dtype));
        }
    }

    static String weightName(int layer) {
        return "dense_" + layer + "_W";
    }

    static String biasName(int layer) {
        return "dense_" + layer + "_b";
    }

    /** One dense layer's size and activation (the last layer's activation is implied by the task). */
    record LayerShape(int inputs, int units, Activation activation, double alpha) {
    }
}
