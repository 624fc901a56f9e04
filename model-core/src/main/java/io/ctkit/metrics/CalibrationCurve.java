package io.ctkit.metrics;

import io.ctkit.model.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A reliability diagram: predicted probabilities binned, with the observed frequency of the
 * positive class per bin, as sklearn.calibration.calibration_curve computes it.
 *
 * <p>A probability p goes to the bin whose edges satisfy lower &lt; p &lt;= upper (the first
 * bin also takes p equal to its lower edge), like sklearn's {@code np.searchsorted} on the
 * inner edges. Unlike calibration_curve, empty bins are kept (count 0, NaN means);
 * {@link #fractionOfPositives()} and {@link #meanPredicted()} drop them, giving sklearn's
 * {@code prob_true} and {@code prob_pred}.
 *
 * @param strategy how the edges were chosen
 * @param bins     the bins in ascending order
 */
public record CalibrationCurve(Strategy strategy, List<Bin> bins) {

    /** How bin edges are chosen. */
    public enum Strategy {
        /** Equal-width bins over [0, 1]. */
        UNIFORM,
        /** Edges at quantiles of the predicted probabilities (numpy's default percentile): similar counts per bin. */
        QUANTILE
    }

    /**
     * One bin.
     *
     * @param lower            lower edge
     * @param upper            upper edge
     * @param count            rows in the bin
     * @param meanPredicted    mean predicted probability in the bin (NaN when empty)
     * @param fractionPositive fraction of the bin's rows whose label is the positive class (NaN when empty)
     */
    public record Bin(double lower, double upper, int count, double meanPredicted, double fractionPositive) {
    }

    public CalibrationCurve {
        Objects.requireNonNull(strategy, "strategy");
        bins = List.copyOf(bins);
    }

    /** Binary predictions: calibration of the score as the probability of class 1. */
    public static CalibrationCurve of(Predictions predictions, int bins, Strategy strategy) {
        if (predictions.task() != Task.BINARY_CLASSIFICATION) {
            throw new IllegalArgumentException("calibration of " + predictions.task().shortName()
                    + " predictions needs a class index: use of(predictions, classIndex, bins, strategy)");
        }
        return compute(predictions.labels(), 1, predictions.scores(), bins, strategy);
    }

    /** One class of multiclass (or binary) predictions, one-vs-rest. */
    public static CalibrationCurve of(Predictions predictions, int classIndex, int bins, Strategy strategy) {
        if (!predictions.task().isClassification()) {
            throw new IllegalArgumentException("calibration needs classification predictions, got "
                    + predictions.task().shortName());
        }
        if (classIndex < 0 || classIndex >= predictions.classes()) {
            throw new IllegalArgumentException("class index " + classIndex + " is outside 0.."
                    + (predictions.classes() - 1));
        }
        if (predictions.task() == Task.BINARY_CLASSIFICATION) {
            double[] scores = predictions.scores();
            double[] probability = classIndex == 1 ? scores : Arrays.stream(scores).map(s -> 1 - s).toArray();
            return compute(predictions.labels(), classIndex, probability, bins, strategy);
        }
        double[][] p = predictions.probabilities();
        double[] column = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            column[i] = p[i][classIndex];
        }
        return compute(predictions.labels(), classIndex, column, bins, strategy);
    }

    /**
     * Top-label calibration of a classifier (Guo et al. 2017): each row's highest class probability
     * (its confidence), binned, against whether that class is the true one. Its
     * {@link #expectedCalibrationError()} is the usual multiclass ECE; for binary predictions the
     * confidence is max(score, 1 - score).
     */
    public static CalibrationCurve topLabel(Predictions predictions, int bins, Strategy strategy) {
        if (!predictions.task().isClassification()) {
            throw new IllegalArgumentException("calibration needs classification predictions, got "
                    + predictions.task().shortName());
        }
        int n = predictions.rows();
        int[] labels = predictions.labels();
        int[] correct = new int[n];
        double[] confidence = new double[n];
        if (predictions.task() == Task.BINARY_CLASSIFICATION) {
            double[] scores = predictions.scores();
            for (int i = 0; i < n; i++) {
                // the predicted class is 1 when its score is at least 0.5, as argmax with ties going to class 1
                int predicted = scores[i] >= 0.5 ? 1 : 0;
                confidence[i] = predicted == 1 ? scores[i] : 1 - scores[i];
                correct[i] = predicted == labels[i] ? 1 : 0;
            }
        } else {
            double[][] p = predictions.probabilities();
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int c = 1; c < p[i].length; c++) {
                    best = p[i][c] > p[i][best] ? c : best;
                }
                confidence[i] = p[i][best];
                correct[i] = best == labels[i] ? 1 : 0;
            }
        }
        return compute(correct, 1, confidence, bins, strategy);
    }

    /**
     * The expected calibration error: the mean over rows of |observed fraction − mean predicted|
     * of the row's bin, i.e. the sum over non-empty bins of (count / rows) × |fraction − mean|.
     * 0 for a perfectly calibrated model on these bins; at most 1.
     */
    public double expectedCalibrationError() {
        long rows = bins.stream().mapToLong(Bin::count).sum();
        double sum = 0;
        for (Bin bin : bins) {
            if (bin.count() > 0) {
                sum += bin.count() * Math.abs(bin.fractionPositive() - bin.meanPredicted());
            }
        }
        return rows == 0 ? Double.NaN : sum / rows;
    }

    /** Observed positive fraction of each non-empty bin (sklearn's prob_true). */
    public double[] fractionOfPositives() {
        return bins.stream().filter(b -> b.count() > 0).mapToDouble(Bin::fractionPositive).toArray();
    }

    /** Mean predicted probability of each non-empty bin (sklearn's prob_pred). */
    public double[] meanPredicted() {
        return bins.stream().filter(b -> b.count() > 0).mapToDouble(Bin::meanPredicted).toArray();
    }

    private static CalibrationCurve compute(int[] labels, int positive, double[] probability, int binCount,
            Strategy strategy) {
        if (binCount < 1) {
            throw new IllegalArgumentException("calibration needs at least 1 bin: " + binCount);
        }
        Objects.requireNonNull(strategy, "strategy");
        double[] edges = strategy == Strategy.UNIFORM ? uniformEdges(binCount) : quantileEdges(probability, binCount);
        int[] counts = new int[binCount];
        double[] sums = new double[binCount];
        double[] positives = new double[binCount];
        for (int i = 0; i < probability.length; i++) {
            int bin = binOf(edges, probability[i]);
            counts[bin]++;
            sums[bin] += probability[i];
            positives[bin] += labels[i] == positive ? 1 : 0;
        }
        List<Bin> bins = new ArrayList<>(binCount);
        for (int b = 0; b < binCount; b++) {
            double mean = counts[b] == 0 ? Double.NaN : sums[b] / counts[b];
            double fraction = counts[b] == 0 ? Double.NaN : positives[b] / counts[b];
            bins.add(new Bin(edges[b], edges[b + 1], counts[b], mean, fraction));
        }
        return new CalibrationCurve(strategy, bins);
    }

    /** np.linspace(0, 1, bins + 1), bit for bit. */
    private static double[] uniformEdges(int bins) {
        double step = 1.0 / bins;
        double[] edges = new double[bins + 1];
        for (int i = 0; i < bins; i++) {
            edges[i] = i * step;
        }
        edges[bins] = 1.0;
        return edges;
    }

    /** np.percentile(p, np.linspace(0, 1, bins + 1) * 100), bit for bit. */
    private static double[] quantileEdges(double[] probability, int bins) {
        double[] sorted = probability.clone();
        Arrays.sort(sorted);
        double[] fractions = uniformEdges(bins);
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = Quantiles.linear(sorted, sorted.length, fractions[i] * 100 / 100);
        }
        return edges;
    }

    /** The number of inner edges strictly below p: np.searchsorted(edges[1:-1], p, side="left"). */
    private static int binOf(double[] edges, double p) {
        int lo = 0;
        int hi = edges.length - 2;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid + 1] < p) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
