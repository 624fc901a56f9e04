package io.ctkit.testkit;

import io.ctkit.testkit.internal.serving.LatencyEvidence;
import io.ctkit.testkit.internal.serving.OpenLoop;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What a {@link LoadTest} measured in its window (answers after the warm-up): latency percentiles from
 * HdrHistogram, measured from each request's <em>intended</em> send time (corrected for coordinated
 * omission), the service time a closed-loop tool would have reported, errors by HTTP status and by
 * cause, and the achieved rate against the target. Assert on it with {@link LoadResultAssert}.
 */
public final class LoadResult {

    private final URI target;
    private final double targetRate;
    private final int connections;
    private final Histogram latency;
    private final Histogram serviceTime;
    private final long responses;
    private final long unsent;
    private final Map<Integer, Long> errorsByStatus;
    private final Map<String, Long> errorsByCause;
    private final Duration duration;

    LoadResult(URI target, double targetRate, int connections, OpenLoop.Outcome outcome) {
        this.target = target;
        this.targetRate = targetRate;
        this.connections = connections;
        this.latency = outcome.latency().copy();
        this.serviceTime = outcome.serviceTime().copy();
        this.responses = outcome.responses();
        this.unsent = outcome.unsent();
        this.errorsByStatus = Collections.unmodifiableMap(new TreeMap<>(outcome.errorsByStatus()));
        this.errorsByCause = Collections.unmodifiableMap(new TreeMap<>(outcome.errorsByCause()));
        this.duration = outcome.measured();
    }

    /** The URL the load went to. */
    public URI target() {
        return target;
    }

    /** The arrival rate asked for, requests per second. */
    public double targetRate() {
        return targetRate;
    }

    /** The connections used. */
    public int connections() {
        return connections;
    }

    /** The measured window (the warm-up is not in it). */
    public Duration duration() {
        return duration;
    }

    /**
     * Requests answered (any status) or failed after the warm-up. Requests are sent until the
     * window ends and those in flight then are awaited.
     */
    public long requests() {
        return responses;
    }

    /** Requests due in the window that no connection was free to send before it ended (an overloaded target). */
    public long unsent() {
        return unsent;
    }

    /** Latency at a percentile (0 to 100), from the intended send time to the response. */
    public Duration percentile(double percentile) {
        checkPercentile(percentile);
        return Duration.ofNanos(latency.getValueAtPercentile(percentile));
    }

    /** The median latency. */
    public Duration p50() {
        return percentile(50);
    }

    /** The 90th percentile latency. */
    public Duration p90() {
        return percentile(90);
    }

    /** The 99th percentile latency. */
    public Duration p99() {
        return percentile(99);
    }

    /** The 99.9th percentile latency. */
    public Duration p999() {
        return percentile(99.9);
    }

    /** The largest latency. */
    public Duration max() {
        return Duration.ofNanos(latency.getMaxValue());
    }

    /**
     * Service time at a percentile: from the actual send to the response, which leaves out the time
     * a request waited for a connection. This is what a closed-loop tool reports; compare it with
     * {@link #percentile} to see the queueing.
     */
    public Duration serviceTime(double percentile) {
        checkPercentile(percentile);
        return Duration.ofNanos(serviceTime.getValueAtPercentile(percentile));
    }

    /** Failed requests in the window: a status other than 2xx, or no answer (timeout, connection error). */
    public long errors() {
        return errorsByStatus.values().stream().mapToLong(Long::longValue).sum()
                + errorsByCause.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Failures by HTTP status (non-2xx only). */
    public Map<Integer, Long> errorsByStatus() {
        return errorsByStatus;
    }

    /** Failures without an answer, by cause (e.g. "timeout after 30000 ms", "connection closed by the server"). */
    public Map<String, Long> errorsByCause() {
        return errorsByCause;
    }

    /** Failed requests as a fraction of all requests in the window (0 when there were none). */
    public double errorRate() {
        return responses == 0 ? 0 : (double) errors() / responses;
    }

    /** Requests answered or failed per second of the window. */
    public double achievedRate() {
        return responses / (duration.toNanos() / 1e9);
    }

    /** The achieved rate as a fraction of the target rate. */
    public double achievedFraction() {
        return achievedRate() / targetRate;
    }

    /** The latency histogram as an HdrHistogram log ({@code HistogramLogWriter}), for HdrHistogram's tools. */
    public byte[] histogramLog() {
        return LatencyEvidence.histogramLog(latency, serviceTime);
    }

    /** The latency by percentile, and the service time, as a PNG chart. */
    public byte[] latencyChart() {
        return LatencyEvidence.chart(latency, serviceTime, String.format(Locale.ROOT, "%s at %s/s", target.getPath(),
                number(targetRate)));
    }

    /**
     * One line for messages and reports: the load, the percentiles, errors and the achieved rate.
     */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(number(targetRate)).append("/s for ").append(seconds(duration)).append(" on ").append(connections)
                .append(connections == 1 ? " connection" : " connections").append(" against ").append(target)
                .append(": ").append(responses).append(" requests, p50 ").append(millis(p50())).append(", p90 ")
                .append(millis(p90())).append(", p99 ").append(millis(p99())).append(", p99.9 ").append(millis(p999()))
                .append(", max ").append(millis(max())).append("; errors ").append(errors());
        if (!errorsByStatus.isEmpty() || !errorsByCause.isEmpty()) {
            s.append(" (");
            String sep = "";
            for (var e : errorsByStatus.entrySet()) {
                s.append(sep).append("HTTP ").append(e.getKey()).append(": ").append(e.getValue());
                sep = ", ";
            }
            for (var e : errorsByCause.entrySet()) {
                s.append(sep).append(e.getKey()).append(": ").append(e.getValue());
                sep = ", ";
            }
            s.append(')');
        }
        s.append("; achieved ").append(number(achievedRate())).append("/s");
        if (unsent > 0) {
            s.append(", ").append(unsent).append(" due but never sent");
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "LoadResult[" + summary() + "]";
    }

    static String millis(Duration d) {
        double ms = d.toNanos() / 1e6;
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f ms", ms)
                : ms >= 10 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%.2f ms", ms);
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String seconds(Duration d) {
        return number(d.toMillis() / 1000.0) + " s";
    }

    private static void checkPercentile(double percentile) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be between 0 and 100: " + percentile);
        }
    }
}
