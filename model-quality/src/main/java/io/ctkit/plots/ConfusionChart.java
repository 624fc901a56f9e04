package io.ctkit.plots;

import java.awt.Color;
import java.util.List;
import java.util.Locale;

/** A confusion-matrix heat map: rows are true classes, columns predicted ones, shaded by row share. */
final class ConfusionChart {

    private ConfusionChart() {
    }

    static byte[] png(String title, List<String> classes, long[][] counts) {
        int k = classes.size();
        int cell = Math.max(28, Math.min(110, 520 / k));
        Canvas probe = new Canvas(1, 1);
        probe.g.setFont(Canvas.TICK);
        int labelWidth = 0;
        for (String c : classes) {
            labelWidth = Math.max(labelWidth, probe.g.getFontMetrics().stringWidth(c));
        }
        probe.g.setFont(Canvas.TITLE);
        int titleWidth = probe.g.getFontMetrics().stringWidth(title);
        probe.png();
        int left = 60 + labelWidth + 10;
        int top = 70;
        int width = Math.max(left + k * cell + 40, titleWidth + 40);
        left = Math.max(left, (width - k * cell) / 2);
        int height = top + k * cell + 60 + labelWidth;
        Canvas c = new Canvas(width, height);
        c.text(title, Canvas.TITLE, Color.BLACK, width / 2.0, 18, 0.5, 0);
        boolean small = cell < 60;
        for (int t = 0; t < k; t++) {
            long rowTotal = 0;
            for (int p = 0; p < k; p++) {
                rowTotal += counts[t][p];
            }
            for (int p = 0; p < k; p++) {
                double share = rowTotal == 0 ? 0 : (double) counts[t][p] / rowTotal;
                int x = left + p * cell;
                int y = top + t * cell;
                c.g.setColor(shade(share));
                c.g.fillRect(x, y, cell, cell);
                Color ink = share > 0.55 ? Color.WHITE : Color.BLACK;
                if (small) {
                    c.text(Long.toString(counts[t][p]), Canvas.TICK, ink, x + cell / 2.0, y + cell / 2.0, 0.5, 0.5);
                } else {
                    c.text(Long.toString(counts[t][p]), Canvas.LABEL, ink, x + cell / 2.0, y + cell / 2.0 - 2, 0.5, 1);
                    c.text(String.format(Locale.ROOT, "%.0f%%", 100 * share), Canvas.TICK, ink, x + cell / 2.0,
                            y + cell / 2.0 + 2, 0.5, 0);
                }
            }
        }
        c.g.setColor(Canvas.AXIS);
        c.g.drawRect(left, top, k * cell, k * cell);
        for (int i = 0; i < k; i++) {
            c.text(classes.get(i), Canvas.TICK, Canvas.AXIS, left - 8, top + i * cell + cell / 2.0, 1, 0.5);
            c.verticalText(classes.get(i), Canvas.TICK, Canvas.AXIS, left + i * cell + cell / 2.0,
                    top + k * cell + 8 + c.g.getFontMetrics(Canvas.TICK).stringWidth(classes.get(i)) / 2.0);
        }
        c.text("predicted class", Canvas.LABEL, Color.BLACK, left + k * cell / 2.0, top + k * cell + labelWidth + 22, 0.5, 0);
        c.verticalText("true class (share of the row)", Canvas.LABEL, Color.BLACK, 22, top + k * cell / 2.0);
        return c.png();
    }

    /** White to dark blue. */
    private static Color shade(double share) {
        Color dark = new Color(8, 48, 107);
        Color light = new Color(247, 251, 255);
        return new Color(mix(light.getRed(), dark.getRed(), share), mix(light.getGreen(), dark.getGreen(), share),
                mix(light.getBlue(), dark.getBlue(), share));
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }
}
