package io.ctkit.plots;

import io.ctkit.plots.LineChart.Corner;
import io.ctkit.plots.LineChart.Series;
import io.ctkit.plots.LineChart.Style;
import java.awt.Color;
import java.util.List;
import java.util.Objects;

/**
 * Values over time as a PNG line chart, for the monitor's history of live metrics and drift: one
 * line with points per series, and dashed horizontal lines for the bounds they are judged by.
 */
public final class HistoryPlots {

    private static final Color BOUND = new Color(200, 40, 40);

    private HistoryPlots() {
    }

    /**
     * One line of a history chart.
     *
     * @param name the legend's text
     * @param x    the times, in hours since the first run
     * @param y    the values
     */
    public record Line(String name, double[] x, double[] y) {
        public Line {
            Objects.requireNonNull(name, "name");
            if (x.length != y.length) {
                throw new IllegalArgumentException("line " + name + ": " + x.length + " times but " + y.length + " values");
            }
        }
    }

    /**
     * The chart of {@code lines} against time, with a dashed line at every value of {@code bounds}
     * (named as their lines' legend says).
     */
    public static byte[] overTime(String title, String yLabel, List<Line> lines, List<Line> bounds) {
        LineChart chart = new LineChart(title, "hours since the first run", yLabel).legend(Corner.UPPER_RIGHT);
        int i = 0;
        for (Line l : lines) {
            chart.add(new Series(l.name(), l.x(), l.y(), Canvas.color(i++), Style.LINE_AND_POINTS));
        }
        for (Line b : bounds) {
            chart.add(new Series(b.name(), b.x(), b.y(), BOUND, Style.DASHED));
        }
        return chart.png();
    }
}
