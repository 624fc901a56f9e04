package io.ctkit.testkit;

import io.ctkit.model.Model;
import io.ctkit.testkit.internal.Evidence;
import io.ctkit.testkit.internal.serving.InferBodies;
import io.ctkit.testkit.internal.serving.OpenLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An open-loop load test at a constant arrival rate, against a {@link ScoringEndpoint} or a URL.
 * Each request has an intended send time ({@code start + i / rate}) and its latency is measured from
 * that time, so a slow answer that holds up the requests behind it shows in the percentiles
 * (coordinated-omission correction, as in wrk2). A builder; each setter returns a copy.
 *
 * <pre>{@code
 * LoadResult result = LoadTest.against(endpoint).rate(200).warmUp(ofSeconds(2)).duration(ofSeconds(10))
 *         .connections(4).bodiesFrom(Path.of("data/holdout.csv")).run();
 * assertThat(result).p99().isLessThan(ofMillis(50));
 * }</pre>
 *
 * <p>When Allure is on the class path, {@link #run()} attaches the summary, the latency chart (PNG)
 * and the HdrHistogram log to the current test.
 */
public final class LoadTest {

    private final URI target;
    private final Model model;
    private final double rate;
    private final Duration warmUp;
    private final Duration duration;
    private final int connections;
    private final Duration timeout;
    private final List<byte[]> bodies;
    private final String contentType;

    private LoadTest(URI target, Model model, double rate, Duration warmUp, Duration duration, int connections,
            Duration timeout, List<byte[]> bodies, String contentType) {
        this.target = target;
        this.model = model;
        this.rate = rate;
        this.warmUp = warmUp;
        this.duration = duration;
        this.connections = connections;
        this.timeout = timeout;
        this.bodies = bodies;
        this.contentType = contentType;
    }

    /** A load test of the endpoint's infer URL ({@code POST /v2/models/{name}/infer}), bodies built for its model. */
    public static LoadTest against(ScoringEndpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return new LoadTest(endpoint.inferUri(), endpoint.model(), 0, Duration.ofSeconds(1), Duration.ofSeconds(10), 4,
                Duration.ofSeconds(10), List.of(), "application/json");
    }

    /** A load test of any URL: GET unless request bodies are given, then POST. */
    public static LoadTest against(URI url) {
        Objects.requireNonNull(url, "url");
        if (!"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("LoadTest.against(" + url + "): give an http:// URL with a host, e.g."
                    + " http://localhost:8080/v2/models/NAME/infer");
        }
        return new LoadTest(url, null, 0, Duration.ofSeconds(1), Duration.ofSeconds(10), 4, Duration.ofSeconds(10),
                List.of(), "application/json");
    }

    /** The arrival rate: requests per second, constant over the warm-up and the run. */
    public LoadTest rate(double requestsPerSecond) {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("LoadTest.rate: requests per second must be a positive number: "
                    + requestsPerSecond);
        }
        return new LoadTest(target, model, requestsPerSecond, warmUp, duration, connections, timeout, bodies, contentType);
    }

    /** Load sent before the measured window, not recorded (default 1 s; zero for none). */
    public LoadTest warmUp(Duration warmUp) {
        if (warmUp == null || warmUp.isNegative()) {
            throw new IllegalArgumentException("LoadTest.warmUp: must be zero or positive: " + warmUp);
        }
        return new LoadTest(target, model, rate, warmUp, duration, connections, timeout, bodies, contentType);
    }

    /** The measured window (default 10 s). */
    public LoadTest duration(Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("LoadTest.duration: must be positive: " + duration);
        }
        return new LoadTest(target, model, rate, warmUp, duration, connections, timeout, bodies, contentType);
    }

    /** The connections kept open, each with at most one request in flight (default 4). */
    public LoadTest connections(int connections) {
        if (connections < 1 || connections > 10_000) {
            throw new IllegalArgumentException("LoadTest.connections: must be between 1 and 10000: " + connections);
        }
        return new LoadTest(target, model, rate, warmUp, duration, connections, timeout, bodies, contentType);
    }

    /** How long a request may wait for its answer before it counts as an error (default 10 s). */
    public LoadTest timeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("LoadTest.timeout: must be positive: " + timeout);
        }
        return new LoadTest(target, model, rate, warmUp, duration, connections, timeout, bodies, contentType);
    }

    /**
     * Request bodies from a CSV file with a column per model input: one V2 infer request per row,
     * sent in turn. Needs the model: the endpoint's, or {@link #bodiesFrom(Path, Model)}.
     */
    public LoadTest bodiesFrom(Path data) {
        if (model == null) {
            throw new IllegalStateException("LoadTest.bodiesFrom(" + data + "): a load test against a URL does not know"
                    + " the model's inputs; use bodiesFrom(data, model) or bodies(...)");
        }
        return bodiesFrom(data, model);
    }

    /** Request bodies from a CSV file, one V2 infer request per row for {@code model}, sent in turn. */
    public LoadTest bodiesFrom(Path data, Model model) {
        Objects.requireNonNull(model, "model");
        try {
            List<byte[]> rows = InferBodies.onePerRow(model, InferBodies.rows(model, data));
            return new LoadTest(target, model, rate, warmUp, duration, connections, timeout, rows, "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException("LoadTest.bodiesFrom: " + e.getMessage(), e);
        }
    }

    /** Request bodies as given (JSON), sent in turn with POST. */
    public LoadTest bodies(List<String> json) {
        if (json.isEmpty()) {
            throw new IllegalArgumentException("LoadTest.bodies: give at least one body");
        }
        List<byte[]> bytes = new ArrayList<>();
        json.forEach(b -> bytes.add(b.getBytes(StandardCharsets.UTF_8)));
        return new LoadTest(target, model, rate, warmUp, duration, connections, timeout, List.copyOf(bytes), contentType);
    }

    /**
     * Runs the load and returns what it measured; waits at most the warm-up, the duration and the
     * request timeout, plus 10 s.
     *
     * @throws IllegalStateException when the rate is not set, nothing can be sent (a POST target
     *     without bodies) or the target refuses connections
     */
    public LoadResult run() {
        if (rate == 0) {
            throw new IllegalStateException("LoadTest against " + target + ": no rate; call rate(requestsPerSecond)");
        }
        if (model != null && bodies.isEmpty()) {
            throw new IllegalStateException("LoadTest against " + target + ": no request bodies for the infer endpoint;"
                    + " call bodiesFrom(dataset) or bodies(json...)");
        }
        OpenLoop.Outcome outcome;
        try {
            outcome = OpenLoop.run(new OpenLoop.Settings(target, bodies, contentType, rate, warmUp, duration, connections,
                    timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("LoadTest against " + target + ": interrupted", e);
        }
        LoadResult result = new LoadResult(target, rate, connections, outcome);
        if (Evidence.recorded()) {
            Evidence.text("load test summary", "text/plain", "txt", result.summary());
            Evidence.bytes("latency by percentile", "image/png", "png", result.latencyChart());
            Evidence.text("latency histogram (HdrHistogram log)", "text/plain", "hlog",
                    new String(result.histogramLog(), StandardCharsets.UTF_8));
        }
        return result;
    }
}
