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
import java.util.List;
import java.util.Locale;

/**
 * The hand-written plots one at a time, for timing each: {@link EvaluationPlots}' code split per
 * plot (bench only). {@link PlotsRender} checks that the bytes equal EvaluationPlots' own.
 */
final class CurrentPlots {
    private static final Color CHANCE = new Color(120, 120, 120);

    private CurrentPlots() {
    }

    static byte[] roc(List<String> classes, int[] labels, double[][] probabilities) {
        boolean binary = classes.size() == 2;
        LineChart roc = new LineChart(binary ? "ROC curve" : "ROC curves (one vs rest)", "false positive rate",
                "true positive rate").range(0, 1, 0, 1.0001).legend(Corner.LOWER_RIGHT);
        for (int c = binary ? 1 : 0; c < classes.size(); c++) {
            double[][] curve = Curves.roc(positives(labels, c), column(probabilities, c));
            roc.add(new Series(name(classes, c) + String.format(Locale.ROOT, " (AUC %.3f)", Curves.area(curve)), curve[0],
                    curve[1], Canvas.color(binary ? 0 : c), Style.LINE));
        }
        roc.add(new Series("chance (AUC 0.5)", new double[] {0, 1}, new double[] {0, 1}, CHANCE, Style.DASHED));
        return roc.png();
    }

    static byte[] precisionRecall(List<String> classes, int[] labels, double[][] probabilities) {
        boolean binary = classes.size() == 2;
        LineChart pr = new LineChart(binary ? "Precision-recall curve" : "Precision-recall curves (one vs rest)",
                "recall", "precision").range(0, 1, 0, 1.02).legend(Corner.LOWER_LEFT);
        for (int c = binary ? 1 : 0; c < classes.size(); c++) {
            boolean[] positive = positives(labels, c);
            double[][] steps = Curves.precisionRecallSteps(positive, column(probabilities, c));
            pr.add(new Series(name(classes, c) + String.format(Locale.ROOT, " (AP %.3f)", Curves.stepArea(steps)),
                    steps[0], steps[1], Canvas.color(binary ? 0 : c), Style.LINE));
            if (binary) {
                int count = 0;
                for (boolean b : positive) {
                    count += b ? 1 : 0;
                }
                double prevalence = (double) count / labels.length;
                pr.add(new Series(String.format(Locale.ROOT, "no skill (prevalence %.3f)", prevalence),
                        new double[] {0, 1}, new double[] {prevalence, prevalence}, CHANCE, Style.DASHED));
            }
        }
        return pr.png();
    }

    static byte[] calibration(List<String> classes, int[] labels, double[][] probabilities) {
        boolean binary = classes.size() == 2;
        Predictions predictions = predictions(binary, labels, probabilities);
        LineChart cal = new LineChart("Calibration (10 uniform bins)", "mean predicted probability",
                "observed fraction of positives").range(0, 1, 0, 1.0001).legend(Corner.UPPER_LEFT);
        for (int c = binary ? 1 : 0; c < classes.size(); c++) {
            CalibrationCurve curve = binary ? CalibrationCurve.of(predictions, 10, CalibrationCurve.Strategy.UNIFORM)
                    : CalibrationCurve.of(predictions, c, 10, CalibrationCurve.Strategy.UNIFORM);
            cal.add(new Series(name(classes, c), curve.meanPredicted(), curve.fractionOfPositives(),
                    Canvas.color(binary ? 0 : c), Style.LINE_AND_POINTS));
        }
        cal.add(new Series("perfectly calibrated", new double[] {0, 1}, new double[] {0, 1}, CHANCE, Style.DASHED));
        return cal.png();
    }

    static byte[] confusion(List<String> classes, int[] labels, double[][] probabilities, double threshold) {
        boolean binary = classes.size() == 2;
        ConfusionMatrix cm = Evaluator.create().withThreshold(threshold).withMetrics(Metric.ACCURACY)
                .evaluate(predictions(binary, labels, probabilities)).confusionMatrix().orElseThrow();
        return ConfusionChart.png(String.format(Locale.ROOT, "Confusion matrix (%d rows%s)", labels.length,
                binary ? ", threshold " + threshold : ""), classes, cm.toArray());
    }

    static byte[] residuals(double[] actual, double[] predicted) {
        int n = actual.length;
        double[] residuals = new double[n];
        for (int i = 0; i < n; i++) {
            residuals[i] = actual[i] - predicted[i];
        }
        double[] span = span(actual, predicted);
        return new LineChart("Residuals (" + n + " rows)", "predicted value", "residual (actual − predicted)")
                .legend(Corner.UPPER_RIGHT)
                .add(new Series("rows", predicted, residuals, Canvas.color(0), Style.POINTS))
                .add(new Series("zero error", span, new double[] {0, 0}, CHANCE, Style.DASHED)).png();
    }

    static byte[] predictedVsActual(double[] actual, double[] predicted) {
        int n = actual.length;
        double[] span = span(actual, predicted);
        return new LineChart("Predicted vs actual (" + n + " rows)", "actual value", "predicted value")
                .range(span[0], span[1], span[0], span[1]).legend(Corner.UPPER_LEFT)
                .add(new Series("rows", actual, predicted, Canvas.color(0), Style.POINTS))
                .add(new Series("perfect prediction", span, span, CHANCE, Style.DASHED)).png();
    }

    private static double[] span(double[] actual, double[] predicted) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < actual.length; i++) {
            lo = Math.min(lo, Math.min(actual[i], predicted[i]));
            hi = Math.max(hi, Math.max(actual[i], predicted[i]));
        }
        return Ticks.padded(new double[] {lo, hi});
    }

    private static Predictions predictions(boolean binary, int[] labels, double[][] probabilities) {
        return binary ? Predictions.binary(labels, column(probabilities, 1)) : Predictions.multiclass(labels, probabilities);
    }

    private static String name(List<String> classes, int c) {
        return classes.size() == 2 ? "model" : classes.get(c) + " vs rest";
    }

    private static boolean[] positives(int[] labels, int c) {
        boolean[] positive = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            positive[i] = labels[i] == c;
        }
        return positive;
    }

    private static double[] column(double[][] p, int c) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i][c];
        }
        return out;
    }
}
