package io.ctkit.plots;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * ROC and precision-recall curve points for one positive class, as scikit-learn's
 * {@code roc_curve} (without dropping intermediate points) and {@code precision_recall_curve}
 * compute them: one point per distinct score, ties forming one step.
 */
final class Curves {

    private Curves() {
    }

    /** {fpr[], tpr[]} from (0, 0) to (1, 1); {@code positive[i]} says whether row i is of the class. */
    static double[][] roc(boolean[] positive, double[] scores) {
        int[] order = descending(scores);
        int p = count(positive);
        int n = positive.length - p;
        double[] fpr = new double[order.length + 1];
        double[] tpr = new double[order.length + 1];
        int points = 1;
        int tp = 0;
        int fp = 0;
        for (int i = 0; i < order.length; i++) {
            if (positive[order[i]]) {
                tp++;
            } else {
                fp++;
            }
            if (i == order.length - 1 || scores[order[i + 1]] != scores[order[i]]) {
                fpr[points] = n == 0 ? Double.NaN : (double) fp / n;
                tpr[points] = p == 0 ? Double.NaN : (double) tp / p;
                points++;
            }
        }
        return new double[][] {Arrays.copyOf(fpr, points), Arrays.copyOf(tpr, points)};
    }

    /** Area under the trapezoids of {@link #roc}: the roc_auc of the rows. */
    static double area(double[][] curve) {
        double a = 0;
        for (int i = 1; i < curve[0].length; i++) {
            a += (curve[0][i] - curve[0][i - 1]) * (curve[1][i] + curve[1][i - 1]) / 2;
        }
        return a;
    }

    /**
     * {recall[], precision[]} as a step path: over (R(n−1), R(n)] the precision is P(n), the
     * steps whose area is the (non-interpolated) average precision.
     */
    static double[][] precisionRecallSteps(boolean[] positive, double[] scores) {
        int[] order = descending(scores);
        int p = count(positive);
        double[] recall = new double[2 * order.length + 1];
        double[] precision = new double[2 * order.length + 1];
        int points = 0;
        double previousRecall = 0;
        int tp = 0;
        for (int i = 0; i < order.length; i++) {
            if (positive[order[i]]) {
                tp++;
            }
            if (i == order.length - 1 || scores[order[i + 1]] != scores[order[i]]) {
                double r = p == 0 ? 0 : (double) tp / p;
                double pr = (double) tp / (i + 1);
                if (points == 0) {
                    recall[points] = 0;
                    precision[points++] = pr;
                }
                recall[points] = previousRecall;
                precision[points++] = pr;
                recall[points] = r;
                precision[points++] = pr;
                previousRecall = r;
            }
        }
        return new double[][] {Arrays.copyOf(recall, points), Arrays.copyOf(precision, points)};
    }

    /** Σ (R(n) − R(n−1)) P(n) over the step path: the average_precision of the rows. */
    static double stepArea(double[][] steps) {
        double a = 0;
        for (int i = 1; i < steps[0].length; i++) {
            a += (steps[0][i] - steps[0][i - 1]) * steps[1][i];
        }
        return a;
    }

    private static int[] descending(double[] scores) {
        return IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]))
                .mapToInt(Integer::intValue).toArray();
    }

    private static int count(boolean[] b) {
        int c = 0;
        for (boolean x : b) {
            c += x ? 1 : 0;
        }
        return c;
    }
}
