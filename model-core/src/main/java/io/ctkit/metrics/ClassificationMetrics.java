package io.ctkit.metrics;

/**
 * Metrics computed from a K x K confusion matrix ({@code c[t * k + p]}, rows = true class),
 * following sklearn: zero divisions give 0.0 (its default zero_division="warn"), and the
 * macro and weighted averages run over the classes present in the true or predicted labels
 * (sklearn's default labels=None), not over all K.
 */
final class ClassificationMetrics {

    private ClassificationMetrics() {
    }

    static double accuracy(long[] c, int k) {
        long correct = 0;
        long total = 0;
        for (int t = 0; t < k; t++) {
            correct += c[t * k + t];
            total += rowSum(c, k, t);
        }
        return (double) correct / total;
    }

    /** Mean recall over the classes that occur in the true labels. */
    static double balancedAccuracy(long[] c, int k) {
        double sum = 0;
        int present = 0;
        for (int t = 0; t < k; t++) {
            long support = rowSum(c, k, t);
            if (support > 0) {
                sum += (double) c[t * k + t] / support;
                present++;
            }
        }
        return sum / present;
    }

    static double precision(long[] c, int k, int cls) {
        return divide(c[cls * k + cls], columnSum(c, k, cls));
    }

    static double recall(long[] c, int k, int cls) {
        return divide(c[cls * k + cls], rowSum(c, k, cls));
    }

    static double f1(long[] c, int k, int cls) {
        return harmonic(precision(c, k, cls), recall(c, k, cls));
    }

    static double precisionMacro(long[] c, int k) {
        double sum = 0;
        int present = 0;
        for (int cls = 0; cls < k; cls++) {
            if (isPresent(c, k, cls)) {
                sum += precision(c, k, cls);
                present++;
            }
        }
        return sum / present;
    }

    static double recallMacro(long[] c, int k) {
        double sum = 0;
        int present = 0;
        for (int cls = 0; cls < k; cls++) {
            if (isPresent(c, k, cls)) {
                sum += recall(c, k, cls);
                present++;
            }
        }
        return sum / present;
    }

    static double f1Macro(long[] c, int k) {
        double sum = 0;
        int present = 0;
        for (int cls = 0; cls < k; cls++) {
            if (isPresent(c, k, cls)) {
                sum += f1(c, k, cls);
                present++;
            }
        }
        return sum / present;
    }

    /** F1 per class weighted by the number of true rows of the class. */
    static double f1Weighted(long[] c, int k) {
        double sum = 0;
        long total = 0;
        for (int cls = 0; cls < k; cls++) {
            long support = rowSum(c, k, cls);
            if (support > 0) {
                sum += f1(c, k, cls) * support;
                total += support;
            }
        }
        return sum / total;
    }

    /** Matthews correlation, Gorodkin's K-class form (sklearn's matthews_corrcoef); 0 when undefined. */
    static double mcc(long[] c, int k) {
        double correct = 0;
        double samples = 0;
        double truePredicted = 0;
        double predictedSquares = 0;
        double trueSquares = 0;
        for (int cls = 0; cls < k; cls++) {
            double t = rowSum(c, k, cls);
            double p = columnSum(c, k, cls);
            correct += c[cls * k + cls];
            samples += t;
            truePredicted += t * p;
            predictedSquares += p * p;
            trueSquares += t * t;
        }
        double covariance = correct * samples - truePredicted;
        double predictedVariance = samples * samples - predictedSquares;
        double trueVariance = samples * samples - trueSquares;
        if (predictedVariance * trueVariance == 0) {
            return 0.0;
        }
        return covariance / Math.sqrt(trueVariance * predictedVariance);
    }

    private static boolean isPresent(long[] c, int k, int cls) {
        return rowSum(c, k, cls) > 0 || columnSum(c, k, cls) > 0;
    }

    private static double harmonic(double precision, double recall) {
        double denominator = precision + recall;
        return denominator == 0 ? 0.0 : 2.0 * precision * recall / denominator;
    }

    private static double divide(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }

    private static long rowSum(long[] c, int k, int row) {
        long sum = 0;
        for (int p = 0; p < k; p++) {
            sum += c[row * k + p];
        }
        return sum;
    }

    private static long columnSum(long[] c, int k, int column) {
        long sum = 0;
        for (int t = 0; t < k; t++) {
            sum += c[t * k + column];
        }
        return sum;
    }
}
