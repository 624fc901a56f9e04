package io.ctkit.plots;

import io.ctkit.metrics.CalibrationCurve;
import io.ctkit.metrics.ConfusionMatrix;
import io.ctkit.metrics.Evaluator;
import io.ctkit.metrics.Metric;
import io.ctkit.metrics.Predictions;
import io.ctkit.plots.LineChart.Corner;
import io.ctkit.plots.LineChart.Series;
import io.ctkit.plots.LineChart.Style;
import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluation plots as PNG images (pure Java2D, works headless): ROC, precision-recall,
 * calibration and confusion matrix for classifiers; residuals and predicted-vs-actual for
 * regression. Each method returns file name → PNG bytes, so the caller decides where and how
 * (atomically) they are written.
 */
public final class EvaluationPlots {
    private static final Color CHANCE = new Color(120, 120, 120);

    static {
        // Rendering into a BufferedImage needs no display; say so before AWT initialises, for CI machines
        // that set DISPLAY to something unreachable.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private EvaluationPlots() {
    }

    /**
     * The plots of the task of {@code predictions}: {@link #classification} for classifiers (with
     * {@code classes} naming the classes in index order), {@link #regression} for regression.
     */
    public static Map<String, byte[]> of(Predictions predictions, List<String> classes, double threshold) {
        return predictions.task() == io.ctkit.model.Task.REGRESSION
                ? regression(predictions.actualValues(), predictions.predictedValues())
                : classification(classes, predictions.trueLabels(), predictions.classProbabilities(), threshold);
    }

    /**
     * Classifier plots: {@code roc.png}, {@code precision_recall.png}, {@code calibration.png},
     * {@code confusion_matrix.png}.
     *
     * @param classes       class names, index = class (binary: two, the second the positive class)
     * @param labels        true class index per row
     * @param probabilities per row, the probability of every class (binary: {1 − score, score})
     * @param threshold     binary decision threshold (for the confusion matrix)
     */
    public static Map<String, byte[]> classification(List<String> classes, int[] labels, double[][] probabilities,
            double threshold) {
        Objects.requireNonNull(classes, "classes");
        int k = classes.size();
        boolean binary = k == 2;
        Predictions predictions = binary ? Predictions.binary(labels, column(probabilities, 1))
                : Predictions.multiclass(labels, probabilities);
        Map<String, byte[]> out = new LinkedHashMap<>();

        LineChart roc = new LineChart(binary ? "ROC curve" : "ROC curves (one vs rest)", "false positive rate",
                "true positive rate").range(0, 1, 0, 1.0001).legend(Corner.LOWER_RIGHT);
        LineChart pr = new LineChart(binary ? "Precision-recall curve" : "Precision-recall curves (one vs rest)",
                "recall", "precision").range(0, 1, 0, 1.02).legend(Corner.LOWER_LEFT);
        LineChart cal = new LineChart("Calibration (10 uniform bins)", "mean predicted probability",
                "observed fraction of positives").range(0, 1, 0, 1.0001).legend(Corner.UPPER_LEFT);
        for (int c = binary ? 1 : 0; c < k; c++) {
            boolean[] positive = new boolean[labels.length];
            int count = 0;
            for (int i = 0; i < labels.length; i++) {
                positive[i] = labels[i] == c;
                count += positive[i] ? 1 : 0;
            }
            double[] scores = column(probabilities, c);
            Color color = Canvas.color(binary ? 0 : c);
            String name = binary ? "model" : classes.get(c) + " vs rest";
            double[][] curve = Curves.roc(positive, scores);
            roc.add(new Series(name + String.format(Locale.ROOT, " (AUC %.3f)", Curves.area(curve)), curve[0], curve[1],
                    color, Style.LINE));
            double[][] steps = Curves.precisionRecallSteps(positive, scores);
            pr.add(new Series(name + String.format(Locale.ROOT, " (AP %.3f)", Curves.stepArea(steps)), steps[0],
                    steps[1], color, Style.LINE));
            if (binary) {
                double prevalence = (double) count / labels.length;
                pr.add(new Series(String.format(Locale.ROOT, "no skill (prevalence %.3f)", prevalence),
                        new double[] {0, 1}, new double[] {prevalence, prevalence}, CHANCE, Style.DASHED));
            }
            CalibrationCurve curveOf = binary ? CalibrationCurve.of(predictions, 10, CalibrationCurve.Strategy.UNIFORM)
                    : CalibrationCurve.of(predictions, c, 10, CalibrationCurve.Strategy.UNIFORM);
            cal.add(new Series(name, curveOf.meanPredicted(), curveOf.fractionOfPositives(), color,
                    Style.LINE_AND_POINTS));
        }
        roc.add(new Series("chance (AUC 0.5)", new double[] {0, 1}, new double[] {0, 1}, CHANCE, Style.DASHED));
        cal.add(new Series("perfectly calibrated", new double[] {0, 1}, new double[] {0, 1}, CHANCE, Style.DASHED));
        out.put("roc.png", roc.png());
        out.put("precision_recall.png", pr.png());
        out.put("calibration.png", cal.png());
        ConfusionMatrix cm = Evaluator.create().withThreshold(threshold).withMetrics(Metric.ACCURACY)
                .evaluate(predictions).confusionMatrix().orElseThrow();
        out.put("confusion_matrix.png", ConfusionChart.png(String.format(Locale.ROOT, "Confusion matrix (%d rows%s)",
                labels.length, binary ? ", threshold " + threshold : ""), classes, cm.toArray()));
        return out;
    }

    /** Regression plots: {@code residuals.png} and {@code predicted_vs_actual.png}. */
    public static Map<String, byte[]> regression(double[] actual, double[] predicted) {
        Predictions.regression(actual, predicted); // validates: same length, finite, not empty
        int n = actual.length;
        double[] residuals = new double[n];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            residuals[i] = actual[i] - predicted[i];
            lo = Math.min(lo, Math.min(actual[i], predicted[i]));
            hi = Math.max(hi, Math.max(actual[i], predicted[i]));
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        double[] span = Ticks.padded(new double[] {lo, hi});
        out.put("residuals.png", new LineChart("Residuals (" + n + " rows)", "predicted value",
                "residual (actual − predicted)").legend(Corner.UPPER_RIGHT)
                .add(new Series("rows", predicted, residuals, Canvas.color(0), Style.POINTS))
                .add(new Series("zero error", span, new double[] {0, 0}, CHANCE, Style.DASHED)).png());
        out.put("predicted_vs_actual.png", new LineChart("Predicted vs actual (" + n + " rows)", "actual value",
                "predicted value").range(span[0], span[1], span[0], span[1]).legend(Corner.UPPER_LEFT)
                .add(new Series("rows", actual, predicted, Canvas.color(0), Style.POINTS))
                .add(new Series("perfect prediction", span, span, CHANCE, Style.DASHED)).png());
        return out;
    }

    private static double[] column(double[][] p, int c) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i][c];
        }
        return out;
    }
}
