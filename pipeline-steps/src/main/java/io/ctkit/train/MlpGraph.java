package io.ctkit.train;

import io.ctkit.model.Task;
import io.ctkit.model.inference.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.loss.LossReduce;
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
final class MlpGraph {
    static final String X = "x";
    static final String Y = "y";
    static final String OUT = "out";
    static final String DATA_LOSS = "data_loss";

    private final SameDiff sd;
    private final int layers;

    MlpGraph(Task task, List<LayerShape> shapes, float[][] initialWeights, float[] classWeights, double l2,
            int batchSize, IUpdater updater) {
        Nd4jRuntime.init();
        this.layers = shapes.size();
        sd = SameDiff.create();
        int inputs = shapes.get(0).inputs();
        int outputs = shapes.get(layers - 1).units();
        SDVariable x = sd.placeHolder(X, DataType.FLOAT, -1, inputs);
        SDVariable y = sd.placeHolder(Y, DataType.FLOAT, -1, outputs);
        SDVariable h = x;
        for (int l = 0; l < layers; l++) {
            LayerShape s = shapes.get(l);
            SDVariable w = sd.var(weightName(l), Nd4j.create(initialWeights[2 * l], new long[] {s.inputs(), s.units()}, 'c'));
            SDVariable b = sd.var(biasName(l), Nd4j.create(initialWeights[2 * l + 1], new long[] {s.units()}, 'c'));
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
            // libnd4j's fused softmax cross-entropy is stable (log-sum-exp); -y * log_softmax(z) gives
            // 0 * -inf = NaN once a probability underflows in float32. Summed, then divided by the rows
            // (y is one-hot: its sum is the row count of the batch).
            SDVariable rowWeights = classWeights == null ? null : y.mmul(sd.constant("class_weights",
                    Nd4j.create(classWeights, new long[] {classWeights.length, 1}, 'c'))).reshape(-1);
            dataLoss = sd.loss().softmaxCrossEntropy(y, logits, rowWeights, LossReduce.SUM, 0.0).div(DATA_LOSS, y.sum());
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

    /** One pass over the batches, in the given order. */
    void fitEpoch(List<MultiDataSet> batches) {
        sd.fit(new BatchIterator(batches), 1);
    }

    /** The network's outputs for {@code rows} feature rows (row-major): the prediction or probabilities. */
    float[] predict(float[] features, int rows, int width) {
        INDArray x = Nd4j.create(features, new long[] {rows, width}, 'c');
        return sd.output(Map.of(X, x), OUT).get(OUT).dup('c').data().asFloat();
    }

    /** The data loss (without the L2 term) on labelled rows. */
    double dataLoss(float[] features, float[] targets, int rows, int width, int outputs) {
        INDArray x = Nd4j.create(features, new long[] {rows, width}, 'c');
        INDArray y = Nd4j.create(targets, new long[] {rows, outputs}, 'c');
        return sd.output(Map.of(X, x, Y, y), DATA_LOSS).get(DATA_LOSS).getDouble(0);
    }

    /** The current kernels and biases, {@code [W0, b0, W1, b1, ...]}, in C order. */
    float[][] weights() {
        List<float[]> all = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            all.add(sd.getVariable(weightName(l)).getArr().dup('c').data().asFloat());
            all.add(sd.getVariable(biasName(l)).getArr().dup('c').data().asFloat());
        }
        return all.toArray(float[][]::new);
    }

    /** Puts back weights taken with {@link #weights()} (the best epoch, for early stopping). */
    void setWeights(float[][] weights) {
        for (int l = 0; l < layers; l++) {
            INDArray w = sd.getVariable(weightName(l)).getArr();
            w.assign(Nd4j.create(weights[2 * l], w.shape(), 'c'));
            INDArray b = sd.getVariable(biasName(l)).getArr();
            b.assign(Nd4j.create(weights[2 * l + 1], b.shape(), 'c'));
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
