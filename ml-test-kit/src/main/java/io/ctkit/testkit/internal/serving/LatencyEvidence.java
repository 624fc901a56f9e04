package io.ctkit.testkit.internal.serving;

import io.ctkit.plots.LatencyPlot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/** A load test's evidence: the HdrHistogram log and the latency chart. */
public final class LatencyEvidence {

    private static final double[] PERCENTILES = percentiles();

    private LatencyEvidence() {
    }

    /** Both histograms in HdrHistogram's log format, tagged {@code latency} and {@code service-time}, values in ns. */
    public static byte[] histogramLog(Histogram latency, Histogram serviceTime) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputComment("ctkit load test; values in nanoseconds");
            writer.outputLogFormatVersion();
            writer.outputLegend();
            Histogram l = latency.copy();
            l.setTag("latency");
            writer.outputIntervalHistogram(l);
            Histogram s = serviceTime.copy();
            s.setTag("service-time");
            writer.outputIntervalHistogram(s);
        }
        return bytes.toByteArray();
    }

    /** The latency-by-percentile chart (PNG). */
    public static byte[] chart(Histogram latency, Histogram serviceTime, String title) {
        double[] l = new double[PERCENTILES.length];
        double[] s = new double[PERCENTILES.length];
        for (int i = 0; i < PERCENTILES.length; i++) {
            l[i] = latency.getValueAtPercentile(PERCENTILES[i]) / 1e6;
            s[i] = serviceTime.getValueAtPercentile(PERCENTILES[i]) / 1e6;
        }
        return LatencyPlot.png("Latency by percentile: " + title, PERCENTILES, l, s);
    }

    private static double[] percentiles() {
        // 0 to 99.99 in steps even on the nines scale: 10 points per decade of nines.
        double[] p = new double[41];
        for (int i = 0; i < p.length; i++) {
            p[i] = 100 - 100 / Math.pow(10, i / 10.0);
        }
        return p;
    }
}
