package io.ctkit.plots;

import io.ctkit.metrics.CalibrationCurve;
import io.ctkit.metrics.ConfusionMatrix;
import io.ctkit.metrics.Evaluator;
import io.ctkit.metrics.Metric;
import io.ctkit.metrics.Predictions;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The six evaluation plots drawn with XChart, as a drop-in for {@link EvaluationPlots}: same
 * methods, same file names, same data (Curves and model-core's CalibrationCurve and
 * ConfusionMatrix), the look (fonts, palette, strokes, legend corners) matched where XChart lets it.
 */
public final class XChartPlots {
    static final int WIDTH = 800;
    static final int HEIGHT = 600;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color CHANCE = new Color(120, 120, 120);
    /** Colour-blind-safe palette (Okabe–Ito). */
    private static final Color[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(240, 228, 66), new Color(0, 0, 0),
    };
    private static final BasicStroke SOLID = new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {8f, 6f}, 0f);

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private XChartPlots() {
    }

    /** As {@link EvaluationPlots#classification}. */
    public static Map<String, byte[]> classification(List<String> classes, int[] labels, double[][] probabilities,
            double threshold) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("roc.png", roc(classes, labels, probabilities));
        out.put("precision_recall.png", precisionRecall(classes, labels, probabilities));
        out.put("calibration.png", calibration(classes, labels, probabilities));
        out.put("confusion_matrix.png", confusion(classes, labels, probabilities, threshold));
        return out;
    }

    /** As {@link EvaluationPlots#regression}. */
    public static Map<String, byte[]> regression(double[] actual, double[] predicted) {
        Predictions.regression(actual, predicted);
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("residuals.png", residuals(actual, predicted));
        out.put("predicted_vs_actual.png", predictedVsActual(actual, predicted));
        return out;
    }

    static byte[] roc(List<String> classes, int[] labels, double[][] probabilities) {
        boolean binary = classes.size() == 2;
        XYChart chart = chart(binary ? "ROC curve" : "ROC curves (one vs rest)", "false positive rate",
                "true positive rate", LegendPosition.InsideSE);
        range(chart, 0, 1, 0, 1.0001);
        for (int c = binary ? 1 : 0; c < classes.size(); c++) {
            double[][] curve = Curves.roc(positives(labels, c), column(probabilities, c));
            line(chart, name(classes, c) + String.format(Locale.ROOT, " (AUC %.3f)", Curves.area(curve)), curve[0],
                    curve[1], color(binary, c), false);
        }
        line(chart, "chance (AUC 0.5)", new double[] {0, 1}, new double[] {0, 1}, CHANCE, true);
        return png(chart);
    }

    static byte[] precisionRecall(List<String> classes, int[] labels, double[][] probabilities) {
        boolean binary = classes.size() == 2;
        XYChart chart = chart(binary ? "Precision-recall curve" : "Precision-recall curves (one vs rest)", "recall",
                "precision", LegendPosition.InsideSW);
        range(chart, 0, 1, 0, 1.02);
        for (int c = binary ? 1 : 0; c < classes.size(); c++) {
            boolean[] positive = positives(labels, c);
            double[][] steps = Curves.precisionRecallSteps(positive, column(probabilities, c));
            line(chart, name(classes, c) + String.format(Locale.ROOT, " (AP %.3f)", Curves.stepArea(steps)), steps[0],
                    steps[1], color(binary, c), false);
            if (binary) {
                double prevalence = count(positive) / (double) labels.length;
                line(chart, String.format(Locale.ROOT, "no skill (prevalence %.3f)", prevalence), new double[] {0, 1},
                        new double[] {prevalence, prevalence}, CHANCE, true);
            }
        }
        return png(chart);
    }

    static byte[] calibration(List<String> classes, int[] labels, double[][] probabilities) {
        boolean binary = classes.size() == 2;
        Predictions predictions = predictions(binary, labels, probabilities);
        XYChart chart = chart("Calibration (10 uniform bins)", "mean predicted probability",
                "observed fraction of positives", LegendPosition.InsideNW);
        range(chart, 0, 1, 0, 1.0001);
        for (int c = binary ? 1 : 0; c < classes.size(); c++) {
            CalibrationCurve curve = binary ? CalibrationCurve.of(predictions, 10, CalibrationCurve.Strategy.UNIFORM)
                    : CalibrationCurve.of(predictions, c, 10, CalibrationCurve.Strategy.UNIFORM);
            XYSeries s = line(chart, name(classes, c), curve.meanPredicted(), curve.fractionOfPositives(),
                    color(binary, c), false);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(color(binary, c));
        }
        line(chart, "perfectly calibrated", new double[] {0, 1}, new double[] {0, 1}, CHANCE, true);
        return png(chart);
    }

    static byte[] confusion(List<String> classes, int[] labels, double[][] probabilities, double threshold) {
        boolean binary = classes.size() == 2;
        int k = classes.size();
        long[][] counts = Evaluator.create().withThreshold(threshold).withMetrics(Metric.ACCURACY)
                .evaluate(predictions(binary, labels, probabilities)).confusionMatrix().map(ConfusionMatrix::toArray)
                .orElseThrow();
        int cell = Math.max(28, Math.min(110, 520 / k));
        String title = String.format(Locale.ROOT, "Confusion matrix (%d rows%s)", labels.length,
                binary ? ", threshold " + threshold : "");
        int titleWidth = (int) TITLE.getStringBounds(title, new FontRenderContext(null, true, true)).getWidth();
        // The builder, not new HeatMapChart(w, h): that constructor leaves the theme's range colours null (NPE on paint).
        HeatMapChart chart = new HeatMapChartBuilder().width(Math.max(titleWidth + 40, 200 + k * cell))
                .height(170 + k * cell).title(title)
                .xAxisTitle("predicted class").yAxisTitle("true class (share of the row)").build();
        style(chart);
        var s = chart.getStyler();
        s.setLegendVisible(false);
        s.setShowValue(true);
        s.setValueFont(LABEL);
        s.setRangeColors(new Color[] {new Color(247, 251, 255), new Color(8, 48, 107)});
        s.setMin(0);
        s.setMax(1);
        // One number per cell, black on every shade: the row share (the colour). The counts cannot be shown
        // beside it (data-space annotations do not land on a heat map's category cells).
        s.setHeatMapValueDecimalPattern("0%");
        List<String> reversed = new ArrayList<>(classes);
        java.util.Collections.reverse(reversed); // the first true class at the top, as in the Java2D chart
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            long rowTotal = 0;
            for (long n : counts[t]) {
                rowTotal += n;
            }
            for (int p = 0; p < k; p++) {
                cells.add(new Number[] {p, k - 1 - t, rowTotal == 0 ? 0.0 : (double) counts[t][p] / rowTotal});
            }
        }
        chart.addSeries("share of the row", classes, reversed, cells);
        return png(chart);
    }

    static byte[] residuals(double[] actual, double[] predicted) {
        int n = actual.length;
        double[] residuals = new double[n];
        for (int i = 0; i < n; i++) {
            residuals[i] = actual[i] - predicted[i];
        }
        double[] span = Ticks.padded(bounds(actual, predicted));
        XYChart chart = chart("Residuals (" + n + " rows)", "predicted value", "residual (actual − predicted)",
                LegendPosition.InsideNE);
        points(chart, "rows", predicted, residuals);
        line(chart, "zero error", span, new double[] {0, 0}, CHANCE, true);
        return png(chart);
    }

    static byte[] predictedVsActual(double[] actual, double[] predicted) {
        int n = actual.length;
        double[] span = Ticks.padded(bounds(actual, predicted));
        XYChart chart = chart("Predicted vs actual (" + n + " rows)", "actual value", "predicted value",
                LegendPosition.InsideNW);
        range(chart, span[0], span[1], span[0], span[1]);
        points(chart, "rows", actual, predicted);
        line(chart, "perfect prediction", span, span, CHANCE, true);
        return png(chart);
    }

    private static XYChart chart(String title, String x, String y, LegendPosition legend) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        style(chart);
        chart.getStyler().setLegendPosition(legend);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        chart.getStyler().setPlotGridLinesStroke(new BasicStroke(1f));
        chart.getStyler().setLegendFont(TICK);
        chart.getStyler().setLegendBorderColor(new Color(225, 225, 225).darker());
        chart.getStyler().setLegendBackgroundColor(new Color(255, 255, 255, 230));
        return chart;
    }

    private static void style(Chart<?, ?> chart) {
        var s = (org.knowm.xchart.style.AxesChartStyler) chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(60, 60, 60));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(TITLE);
        s.setAxisTitleFont(LABEL);
        s.setAxisTickLabelsFont(TICK);
        s.setAxisTickLabelsColor(new Color(60, 60, 60));
        s.setSeriesColors(PALETTE);
        s.setAntiAlias(true);
        s.setTextAntiAlias(true);
        s.setLocale(Locale.ROOT);
    }

    private static void range(XYChart chart, double x0, double x1, double y0, double y1) {
        chart.getStyler().setXAxisMin(x0).setXAxisMax(x1).setYAxisMin(y0).setYAxisMax(y1);
    }

    private static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color color, boolean dashed) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(dashed ? DASHED : SOLID);
        return s;
    }

    private static void points(XYChart chart, String name, double[] x, double[] y) {
        int n = x.length;
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        int alpha = n > 2000 ? 90 : n > 300 ? 150 : 220;
        s.setMarkerColor(new Color(PALETTE[0].getRed(), PALETTE[0].getGreen(), PALETTE[0].getBlue(), alpha));
        chart.getStyler().setMarkerSize(n > 2000 ? 4 : n > 300 ? 6 : 8);
    }

    private static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        }
    }

    private static Predictions predictions(boolean binary, int[] labels, double[][] probabilities) {
        return binary ? Predictions.binary(labels, column(probabilities, 1)) : Predictions.multiclass(labels, probabilities);
    }

    private static String name(List<String> classes, int c) {
        return classes.size() == 2 ? "model" : Objects.requireNonNull(classes.get(c)) + " vs rest";
    }

    private static Color color(boolean binary, int c) {
        return PALETTE[(binary ? 0 : c) % PALETTE.length];
    }

    private static boolean[] positives(int[] labels, int c) {
        boolean[] positive = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            positive[i] = labels[i] == c;
        }
        return positive;
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean x : b) {
            n += x ? 1 : 0;
        }
        return n;
    }

    private static double[] bounds(double[] a, double[] b) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < a.length; i++) {
            lo = Math.min(lo, Math.min(a[i], b[i]));
            hi = Math.max(hi, Math.max(a[i], b[i]));
        }
        return new double[] {lo, hi};
    }

    private static double[] column(double[][] p, int c) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i][c];
        }
        return out;
    }
}
