package io.ctkit.plots;

import java.util.Objects;

/**
 * A load test's latency by percentile, drawn as HdrHistogram's plotter does: the x axis counts
 * nines ({@code log10(1 / (1 - p))}: 1 is p90, 2 is p99, 3 is p99.9), so the tail gets the room.
 * The ml-test-kit attaches it to a load test's report.
 */
public final class LatencyPlot {

    private LatencyPlot() {
    }

    /**
     * A PNG of one or two latency curves.
     *
     * @param title the chart's title
     * @param percentiles percentiles from 0 to below 100, ascending
     * @param latencyMillis the latency at each percentile, in milliseconds
     * @param serviceMillis a second curve (e.g. the service time without queueing), or null
     */
    public static byte[] png(String title, double[] percentiles, double[] latencyMillis, double[] serviceMillis) {
        Objects.requireNonNull(title, "title");
        double[] nines = new double[percentiles.length];
        for (int i = 0; i < percentiles.length; i++) {
            if (!(percentiles[i] >= 0 && percentiles[i] < 100)) {
                throw new IllegalArgumentException("percentile must be at least 0 and below 100: " + percentiles[i]);
            }
            nines[i] = Math.log10(100 / (100 - percentiles[i]));
        }
        LineChart chart = new LineChart(title, "percentile (nines: 1 = p90, 2 = p99, 3 = p99.9)", "latency (ms)")
                .legend(LineChart.Corner.UPPER_LEFT)
                .add(new LineChart.Series("latency from the intended send time", nines, latencyMillis, Canvas.color(0),
                        LineChart.Style.LINE));
        if (serviceMillis != null) {
            chart.add(new LineChart.Series("service time (what a closed loop reports)", nines, serviceMillis,
                    Canvas.color(1), LineChart.Style.DASHED));
        }
        return chart.png();
    }
}
