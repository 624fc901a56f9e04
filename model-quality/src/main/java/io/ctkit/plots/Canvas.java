package io.ctkit.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** A white image with antialiased drawing and PNG output; shared by the charts. */
final class Canvas {
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Color GRID = new Color(225, 225, 225);
    static final Color AXIS = new Color(60, 60, 60);
    /** Colour-blind-safe palette (Okabe–Ito). */
    static final Color[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(240, 228, 66), new Color(0, 0, 0),
    };

    final BufferedImage image;
    final Graphics2D g;

    Canvas(int width, int height) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
    }

    static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** Draws {@code s} with (alignX, alignY) of its box at (x, y): 0 left/top, 0.5 centre, 1 right/bottom. */
    void text(String s, Font font, Color color, double x, double y, double alignX, double alignY) {
        g.setFont(font);
        g.setColor(color);
        var fm = g.getFontMetrics();
        float tx = (float) (x - alignX * fm.stringWidth(s));
        // alignY 0: y is the top of the text, 0.5: its middle, 1: its bottom
        float baseline = (float) (y + fm.getAscent() - alignY * (fm.getAscent() + fm.getDescent()));
        g.drawString(s, tx, baseline);
    }

    /** Text rotated 90° counter-clockwise, centred on (x, y). */
    void verticalText(String s, Font font, Color color, double x, double y) {
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.rotate(-Math.PI / 2);
        text(s, font, color, 0, 0, 0.5, 0.5);
        g.setTransform(saved);
    }

    void stroke(float width, boolean dashed) {
        g.setStroke(dashed ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {8f, 6f}, 0f) : new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }

    byte[] png() {
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        }
        return out.toByteArray();
    }
}
