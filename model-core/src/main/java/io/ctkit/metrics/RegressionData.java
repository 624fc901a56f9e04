package io.ctkit.metrics;

/**
 * Regression rows prepared once (errors, and the order of absolute errors for the median),
 * so every metric of a resample is one pass over the row multiplicities.
 */
final class RegressionData implements PreparedRows {

    /** sklearn's mean_absolute_percentage_error floor for |y_true|: np.finfo(np.float64).eps. */
    static final double MAPE_EPSILON = Math.ulp(1.0);

    private final double[] actual;
    private final double[] error;
    private final double[] absoluteError;
    private final double[] percentageError;
    private final int[] absoluteErrorOrder;
    private final double[] sortedAbsoluteError;

    private RegressionData(double[] actual, double[] error, double[] absoluteError, double[] percentageError) {
        this.actual = actual;
        this.error = error;
        this.absoluteError = absoluteError;
        this.percentageError = percentageError;
        this.absoluteErrorOrder = IndexSort.ascending(absoluteError);
        this.sortedAbsoluteError = new double[absoluteError.length];
        for (int j = 0; j < absoluteError.length; j++) {
            sortedAbsoluteError[j] = absoluteError[absoluteErrorOrder[j]];
        }
    }

    static RegressionData of(Predictions predictions) {
        double[] actual = predictions.actual();
        double[] predicted = predictions.predicted();
        int n = actual.length;
        double[] error = new double[n];
        double[] absolute = new double[n];
        double[] percentage = new double[n];
        for (int i = 0; i < n; i++) {
            error[i] = actual[i] - predicted[i];
            absolute[i] = Math.abs(predicted[i] - actual[i]);
            percentage[i] = absolute[i] / Math.max(Math.abs(actual[i]), MAPE_EPSILON);
        }
        return new RegressionData(actual, error, absolute, percentage);
    }

    @Override
    public int rows() {
        return actual.length;
    }

    @Override
    public int[] rowOrder() {
        return null;
    }

    double rmse(byte[] weights) {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < error.length; i++) {
            int w = weights[i] & 0xFF;
            sum += w * (error[i] * error[i]);
            n += w;
        }
        return Math.sqrt(sum / n);
    }

    double mae(byte[] weights) {
        return PreparedRows.weightedMean(absoluteError, weights);
    }

    double mape(byte[] weights) {
        return PreparedRows.weightedMean(percentageError, weights);
    }

    /**
     * R^2 as sklearn's r2_score with force_finite=True: NaN below two rows, 1 for perfect
     * predictions, 0 when y_true is constant but predictions are not.
     */
    double r2(byte[] weights) {
        long n = 0;
        double sum = 0;
        double residual = 0;
        boolean constant = true;
        double first = Double.NaN;
        for (int i = 0; i < actual.length; i++) {
            int w = weights[i] & 0xFF;
            if (w == 0) {
                continue;
            }
            if (n == 0) {
                first = actual[i];
            } else if (actual[i] != first) {
                constant = false;
            }
            n += w;
            sum += w * actual[i];
            residual += w * (error[i] * error[i]);
        }
        if (n < 2) {
            return Double.NaN;
        }
        // Exactly constant targets have zero variance even where the rounded mean differs
        // from them in the last bit; numpy may report a tiny variance there instead.
        double total = 0;
        if (!constant) {
            double mean = sum / n;
            for (int i = 0; i < actual.length; i++) {
                double d = actual[i] - mean;
                total += (weights[i] & 0xFF) * (d * d);
            }
        }
        if (residual == 0) {
            return 1.0;
        }
        if (total == 0) {
            return 0.0;
        }
        return 1.0 - residual / total;
    }

    /** Median of the absolute errors, the mean of the two middle values for an even count (np.median). */
    double medianAbsoluteError(byte[] weights) {
        long n = 0;
        for (byte w : weights) {
            n += w & 0xFF;
        }
        long lowIndex = (n - 1) / 2;
        long highIndex = n / 2;
        double low = Double.NaN;
        long seen = 0;
        for (int j = 0; j < absoluteErrorOrder.length; j++) {
            int w = weights[absoluteErrorOrder[j]] & 0xFF;
            if (w == 0) {
                continue;
            }
            if (seen <= lowIndex && lowIndex < seen + w) {
                low = sortedAbsoluteError[j];
            }
            if (seen <= highIndex && highIndex < seen + w) {
                double high = sortedAbsoluteError[j];
                return lowIndex == highIndex ? high : (low + high) / 2;
            }
            seen += w;
        }
        throw new IllegalStateException("median index " + highIndex + " beyond " + n + " rows");
    }
}
