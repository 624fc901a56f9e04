package io.ctkit.plots;

import java.awt.GraphicsEnvironment;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * Draws one chart with {@code args[0]} = current (LineChart, without EvaluationPlots' headless
 * default) or xchart (plain XChart, without XChartPlots'), so it runs with whatever
 * java.awt.headless and DISPLAY the command line gives.
 */
public final class HeadlessProbe {

    public static void main(String[] args) throws Exception {
        byte[] png;
        if (args[0].equals("current")) {
            png = new LineChart("probe", "x", "y").add(new LineChart.Series("s", new double[] {0, 1},
                    new double[] {0, 1}, Canvas.color(0), LineChart.Style.LINE)).png();
        } else {
            XYChart chart = new XYChartBuilder().width(800).height(600).title("probe").build();
            chart.addSeries("s", new double[] {0, 1}, new double[] {0, 1});
            png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        }
        System.out.println(args[0] + ": " + png.length + " bytes, headless=" + GraphicsEnvironment.isHeadless());
    }
}
