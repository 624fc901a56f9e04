package io.ctkit.train;

import io.ctkit.model.Task;
import io.ctkit.model.inference.Activation;
import io.ctkit.project.ModelSection;
import io.ctkit.train.TrainingSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Trains the network with mini-batch Adam or SGD and optional early stopping. Every random choice
 * (initial weights, the order of rows in each epoch) comes from one {@link SplittableRandom}
 * seeded with the project's seed, so the same seed and data give the same weights, bit for bit.
 */
final class Trainer {
    private final Task task;
    private final ModelSection model;
    private final TrainingSettings training;
    private final long seed;
    private final TrainingProgress progress;

    Trainer(Task task, ModelSection model, TrainingSettings training, long seed, TrainingProgress progress) {
        this.task = task;
        this.model = model;
        this.training = training;
        this.seed = seed;
        this.progress = progress;
    }

    /** The trained network, its history, and the graph (to check the bundle against). */
    record Outcome(List<MlpGraph.LayerShape> shapes, float[][] weights, List<EpochRecord> history, int bestEpoch,
            String stopReason, Network graph) {
    }

    Outcome train(EncodedRows train, EncodedRows validation, float[] classWeights) {
        List<MlpGraph.LayerShape> shapes = shapes(train.width(), train.outputs());
        SplittableRandom random = new SplittableRandom(seed);
        float[][] initial = initialWeights(shapes, random);
        Network graph = switch (training.engine()) {
            case DIRECT -> new DirectMlp(task, shapes, initial, classWeights, training.l2(), training.batchSize(), updater(),
                    DataType.FLOAT);
            case SAMEDIFF -> new MlpGraph(task, shapes, initial, classWeights, training.l2(), training.batchSize(), updater());
        };
        int batchSize = Math.min(training.batchSize(), train.rows());
        int batches = (train.rows() + batchSize - 1) / batchSize;
        String metricName = task == Task.REGRESSION ? "r2" : "accuracy";
        progress.started(training.epochs(), train.rows(), batches, metricName);

        TrainingSettings.EarlyStopping stopping = validation == null ? null : training.earlyStopping();
        List<EpochRecord> history = new ArrayList<>();
        int[] order = new int[train.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        float[][] bestWeights = null;
        String reason = "completed " + training.epochs() + " epochs";
        for (int epoch = 1; epoch <= training.epochs(); epoch++) {
            long start = System.nanoTime();
            shuffle(order, random);
            double loss = graph.fitEpoch(train, order, batchSize);
            if (!Double.isFinite(loss)) {
                throw new TrainingDivergedException("training diverged at epoch " + epoch + " (loss " + loss
                        + "); lower training.learning_rate (now " + training.learningRate() + ") or check the features' scale");
            }
            double valLoss = Double.NaN;
            double valMetric = Double.NaN;
            boolean improved = false;
            if (validation != null) {
                valLoss = graph.dataLoss(validation);
                valMetric = metric(graph.predict(validation.x(), validation.rows(), validation.width()), validation);
                double minDelta = stopping == null ? 0 : stopping.minDelta();
                if (valLoss < best - minDelta) {
                    best = valLoss;
                    bestEpoch = epoch;
                    bestWeights = graph.weights();
                    improved = true;
                }
            }
            EpochRecord record = new EpochRecord(epoch, loss, valLoss, valMetric, (System.nanoTime() - start) / 1_000_000);
            history.add(record);
            progress.epoch(record, training.epochs(), improved);
            if (stopping != null && epoch - bestEpoch >= stopping.patience()) {
                reason = "early stop after epoch " + epoch + ": no validation-loss improvement for " + stopping.patience()
                        + " epochs; kept epoch " + bestEpoch;
                break;
            }
        }
        if (stopping != null && bestWeights != null) {
            graph.setWeights(bestWeights);
            if (reason.startsWith("completed")) {
                reason += "; kept epoch " + bestEpoch + " (lowest validation loss)";
            }
        } else {
            bestEpoch = history.size();
        }
        return new Outcome(shapes, graph.weights(), history, bestEpoch, reason, graph);
    }

    private List<MlpGraph.LayerShape> shapes(int width, int outputs) {
        List<MlpGraph.LayerShape> shapes = new ArrayList<>();
        int inputs = width;
        for (ModelSection.Hidden h : model.hidden()) {
            shapes.add(new MlpGraph.LayerShape(inputs, h.units(), h.activation(), h.alpha() == null ? 0 : h.alpha()));
            inputs = h.units();
        }
        Activation last = switch (task) {
            case REGRESSION -> Activation.LINEAR;
            case BINARY_CLASSIFICATION -> Activation.SIGMOID;
            case MULTICLASS_CLASSIFICATION -> Activation.SOFTMAX;
        };
        shapes.add(new MlpGraph.LayerShape(inputs, outputs, last, 0));
        return shapes;
    }

    /**
     * Glorot-uniform kernels, {@code U(-b, b)} with {@code b = sqrt(6 / (inputs + units))} (scikit-learn's
     * MLP uses the same bound, and {@code sqrt(2 / ...)} before a sigmoid), zero biases.
     */
    private static float[][] initialWeights(List<MlpGraph.LayerShape> shapes, SplittableRandom random) {
        float[][] weights = new float[2 * shapes.size()][];
        for (int l = 0; l < shapes.size(); l++) {
            MlpGraph.LayerShape s = shapes.get(l);
            double factor = s.activation() == Activation.SIGMOID ? 2.0 : 6.0;
            double bound = Math.sqrt(factor / (s.inputs() + s.units()));
            float[] w = new float[s.inputs() * s.units()];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            weights[2 * l] = w;
            weights[2 * l + 1] = new float[s.units()];
        }
        return weights;
    }

    private IUpdater updater() {
        return switch (training.optimizer()) {
            case ADAM -> new Adam(training.learningRate());
            case SGD -> training.momentum() == 0 ? new Sgd(training.learningRate())
                    : new Nesterovs(training.learningRate(), training.momentum());
        };
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** Accuracy (classifiers) or R² (regression) of network outputs against the rows' targets. */
    private double metric(float[] out, EncodedRows rows) {
        int n = rows.rows();
        int k = rows.outputs();
        if (task == Task.REGRESSION) {
            double mean = 0;
            for (int r = 0; r < n; r++) {
                mean += rows.y()[r];
            }
            mean /= n;
            double ssRes = 0;
            double ssTot = 0;
            for (int r = 0; r < n; r++) {
                double d = rows.y()[r] - out[r];
                double t = rows.y()[r] - mean;
                ssRes += d * d;
                ssTot += t * t;
            }
            return ssTot == 0 ? Double.NaN : 1 - ssRes / ssTot;
        }
        int correct = 0;
        for (int r = 0; r < n; r++) {
            if (k == 1) {
                correct += (out[r] >= 0.5f) == (rows.y()[r] == 1f) ? 1 : 0;
            } else {
                int arg = 0;
                for (int c = 1; c < k; c++) {
                    if (out[r * k + c] > out[r * k + arg]) {
                        arg = c;
                    }
                }
                correct += rows.y()[r * k + arg] == 1f ? 1 : 0;
            }
        }
        return (double) correct / n;
    }
}
