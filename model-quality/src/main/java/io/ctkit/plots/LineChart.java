package io.ctkit.plots;

import java.awt.Color;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A chart of lines and point clouds with a title, labelled axes with ticks and a grid, and a
 * legend. Build it, then call {@link #png()} once.
 */
final class LineChart {

    /** Where the legend box goes. */
    enum Corner { UPPER_LEFT, UPPER_RIGHT, LOWER_LEFT, LOWER_RIGHT }

    /** How a series is drawn. */
    enum Style { LINE, POINTS, LINE_AND_POINTS, DASHED }

    /** One line, point cloud, or dashed reference line. */
    record Series(String name, double[] x, double[] y, Color color, Style style) {
        Series {
            Objects.requireNonNull(name, "name");
            if (x.length != y.length) {
                throw new IllegalArgumentException("series " + name + ": " + x.length + " x but " + y.length + " y");
            }
        }
    }

    static final int WIDTH = 800;
    static final int HEIGHT = 600;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 55;
    private static final int BOTTOM = 75;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private double[] xRange;
    private double[] yRange;
    private Corner legend = Corner.LOWER_RIGHT;

    LineChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    LineChart range(double xLo, double xHi, double yLo, double yHi) {
        xRange = new double[] {xLo, xHi};
        yRange = new double[] {yLo, yHi};
        return this;
    }

    LineChart legend(Corner corner) {
        legend = corner;
        return this;
    }

    LineChart add(Series s) {
        series.add(s);
        return this;
    }

    byte[] png() {
        double[] xs = xRange != null ? xRange : Ticks.padded(bounds(true));
        double[] ys = yRange != null ? yRange : Ticks.padded(bounds(false));
        Canvas c = new Canvas(WIDTH, HEIGHT);
        Frame f = new Frame(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM, xs, ys);
        axes(c, f);
        var clip = c.g.getClip();
        c.g.clipRect(f.left(), f.top(), f.width() + 1, f.height() + 1);
        for (Series s : series) {
            draw(c, f, s);
        }
        c.g.setClip(clip);
        legend(c, f);
        return c.png();
    }

    private void axes(Canvas c, Frame f) {
        c.text(title, Canvas.TITLE, Color.BLACK, WIDTH / 2.0, 18, 0.5, 0);
        c.stroke(1f, false);
        for (double t : Ticks.of(f.x0(), f.x1())) {
            int px = (int) Math.round(f.px(t));
            c.g.setColor(Canvas.GRID);
            c.g.drawLine(px, f.top(), px, f.top() + f.height());
            c.text(Ticks.label(t), Canvas.TICK, Canvas.AXIS, px, f.top() + f.height() + 8, 0.5, 0);
        }
        for (double t : Ticks.of(f.y0(), f.y1())) {
            int py = (int) Math.round(f.py(t));
            c.g.setColor(Canvas.GRID);
            c.g.drawLine(f.left(), py, f.left() + f.width(), py);
            c.text(Ticks.label(t), Canvas.TICK, Canvas.AXIS, f.left() - 8, py, 1, 0.5);
        }
        c.g.setColor(Canvas.AXIS);
        c.g.drawRect(f.left(), f.top(), f.width(), f.height());
        c.text(xLabel, Canvas.LABEL, Color.BLACK, f.left() + f.width() / 2.0, HEIGHT - 38, 0.5, 0);
        c.verticalText(yLabel, Canvas.LABEL, Color.BLACK, 24, f.top() + f.height() / 2.0);
    }

    private static void draw(Canvas c, Frame f, Series s) {
        if (s.style() != Style.POINTS) {
            line(c, f, s);
        }
        if (s.style() == Style.POINTS || s.style() == Style.LINE_AND_POINTS) {
            int n = s.x().length;
            int radius = s.style() == Style.LINE_AND_POINTS ? 5 : n > 2000 ? 2 : n > 300 ? 3 : 4;
            int alpha = n > 2000 ? 90 : n > 300 ? 150 : 220;
            c.g.setColor(new Color(s.color().getRed(), s.color().getGreen(), s.color().getBlue(), alpha));
            for (int i = 0; i < n; i++) {
                if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                    c.g.fillOval((int) Math.round(f.px(s.x()[i])) - radius, (int) Math.round(f.py(s.y()[i])) - radius,
                            2 * radius, 2 * radius);
                }
            }
        }
    }

    private static void line(Canvas c, Frame f, Series s) {
        boolean dashed = s.style() == Style.DASHED;
        c.stroke(dashed ? 1.5f : 2.5f, dashed);
        c.g.setColor(s.color());
        Path2D.Double path = new Path2D.Double();
        boolean started = false;
        for (int i = 0; i < s.x().length; i++) {
            if (!Double.isFinite(s.x()[i]) || !Double.isFinite(s.y()[i])) {
                started = false;
                continue;
            }
            if (started) {
                path.lineTo(f.px(s.x()[i]), f.py(s.y()[i]));
            } else {
                path.moveTo(f.px(s.x()[i]), f.py(s.y()[i]));
                started = true;
            }
        }
        c.g.draw(path);
    }

    private void legend(Canvas c, Frame f) {
        if (series.isEmpty()) {
            return;
        }
        c.g.setFont(Canvas.TICK);
        var fm = c.g.getFontMetrics();
        int line = fm.getHeight() + 4;
        int width = 0;
        for (Series s : series) {
            width = Math.max(width, fm.stringWidth(s.name()));
        }
        int boxW = width + 50;
        int boxH = series.size() * line + 10;
        int x = legend == Corner.UPPER_LEFT || legend == Corner.LOWER_LEFT ? f.left() + 10 : f.left() + f.width() - boxW - 10;
        int y = legend == Corner.UPPER_LEFT || legend == Corner.UPPER_RIGHT ? f.top() + 10 : f.top() + f.height() - boxH - 10;
        c.g.setColor(new Color(255, 255, 255, 230));
        c.g.fillRect(x, y, boxW, boxH);
        c.stroke(1f, false);
        c.g.setColor(Canvas.GRID.darker());
        c.g.drawRect(x, y, boxW, boxH);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            int cy = y + 5 + i * line + line / 2;
            c.g.setColor(s.color());
            if (s.style() != Style.POINTS) {
                c.stroke(s.style() == Style.DASHED ? 1.5f : 2.5f, s.style() == Style.DASHED);
                c.g.drawLine(x + 8, cy, x + 36, cy);
            }
            if (s.style() == Style.POINTS || s.style() == Style.LINE_AND_POINTS) {
                c.g.fillOval(x + 18, cy - 4, 8, 8);
            }
            c.text(s.name(), Canvas.TICK, Color.BLACK, x + 42, cy, 0, 0.5);
        }
    }

    private double[] bounds(boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : x ? s.x() : s.y()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo > hi ? new double[] {0, 1} : new double[] {lo, hi};
    }

    /** The plot area in pixels and the data ranges it shows. */
    record Frame(int left, int top, int width, int height, double[] xs, double[] ys) {
        double x0() {
            return xs[0];
        }

        double x1() {
            return xs[1];
        }

        double y0() {
            return ys[0];
        }

        double y1() {
            return ys[1];
        }

        double px(double x) {
            return left + (x - xs[0]) / (xs[1] - xs[0]) * width;
        }

        double py(double y) {
            return top + height - (y - ys[0]) / (ys[1] - ys[0]) * height;
        }
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
