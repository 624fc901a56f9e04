package io.ctkit.serving.internal.metrics;

import io.ctkit.serving.internal.model.ModelRepository;
import io.ctkit.serving.internal.model.ServedModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * The server's Micrometer registry, exposed in Prometheus text format on {@code GET /metrics}.
 * Names (Prometheus form) are listed in docs/scoring-server.md.
 */
public final class ServerMetrics implements ModelRepository.Listener {

    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2),
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private static final double[] ROW_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, AtomicReferenceArray<Timer>> timers = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> rows = new ConcurrentHashMap<>();
    private final AtomicReference<ModelMetrics> model = new AtomicReference<>();
    private final AtomicReference<List<Meter.Id>> modelInfo = new AtomicReference<>(List.of());
    private final DistributionSummary batchRows;

    public ServerMetrics() {
        batchRows = DistributionSummary.builder("ctkit.batch.rows")
                .description("rows per dynamic batch sent to the network")
                .serviceLevelObjectives(ROW_BUCKETS).register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public String scrape() {
        return registry.scrape();
    }

    /** Gauges read from the server's live state. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    public void request(String endpoint, int status, long nanos) {
        // by endpoint, then by status: no key string to build and hash for every request
        AtomicReferenceArray<Timer> byStatus = timers.computeIfAbsent(endpoint, e -> new AtomicReferenceArray<>(600));
        int slot = status >= 100 && status < 600 ? status : 0;
        Timer timer = byStatus.get(slot);
        if (timer == null) {
            // registering twice yields the same meter, so a race here is harmless
            timer = Timer.builder("ctkit.http.requests")
                    .description("HTTP requests by endpoint and status; latency from headers received to response written")
                    .tags("endpoint", endpoint, "status", Integer.toString(status))
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry);
            if (slot != 0) {
                byStatus.set(slot, timer);
            }
        }
        timer.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public void rows(String endpoint, int count) {
        rows.computeIfAbsent(endpoint, e -> DistributionSummary.builder("ctkit.request.rows")
                .description("rows per scoring request").tags("endpoint", e)
                .serviceLevelObjectives(ROW_BUCKETS).register(registry)).record(count);
    }

    public void batch(int count) {
        batchRows.record(count);
    }

    public Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    /** Distributions of the served version's inputs and predictions. */
    public ModelMetrics model() {
        return model.get();
    }

    @Override
    public void loaded(ServedModel served, ServedModel previous) {
        ModelMetrics old = model.getAndSet(new ModelMetrics(registry, served));
        if (old != null) {
            old.remove();
        }
        for (Meter.Id id : modelInfo.get()) {
            registry.remove(id);
        }
        Gauge info = Gauge.builder("ctkit.model.info", () -> 1)
                .description("the model version being served (value 1)")
                .tags("model", served.name(), "version", served.version(), "digest", served.digest() == null ? "" : served.digest())
                .register(registry);
        modelInfo.set(List.of(info.getId()));
        counter("ctkit.model.loads", "model versions loaded, by result", "result", "success").increment();
    }

    @Override
    public void failed(String version, String reason) {
        counter("ctkit.model.loads", "model versions loaded, by result", "result", "failure").increment();
        counter("ctkit.model.load.failures", "failed loads by version (the served version is kept)",
                "version", version).increment();
    }
}
