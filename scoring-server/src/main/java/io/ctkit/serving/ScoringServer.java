package io.ctkit.serving;

import io.ctkit.bundle.BundleKeys;
import io.ctkit.bundle.BundleVerification;
import io.ctkit.serving.http.HttpServer;
import io.ctkit.serving.metrics.ServerMetrics;
import io.ctkit.serving.model.DynamicBatcher;
import io.ctkit.serving.model.ModelRepository;
import io.ctkit.serving.model.Scorer;
import io.ctkit.serving.predictionlog.PredictionLog;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running scoring server: the model repository (polled for new versions), the HTTP server, the
 * workers, metrics, the prediction log and the optional batcher. {@link #shutdown()} is the
 * graceful path (readiness 503, drain delay, stop accepting, finish in-flight requests, close).
 */
public final class ScoringServer implements AutoCloseable {

    private final ServerConfig config;
    private final ServerLog log;
    private final ServerMetrics metrics = new ServerMetrics();
    private final ModelRepository repository;
    private final ExecutorService workers;
    private final ScheduledExecutorService poller;
    private final PredictionLog predictionLog;
    private final Scorer scorer;
    private final HttpServer http;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private ScoringServer(ServerConfig config, ServerLog log) throws IOException, InterruptedException {
        long start = System.nanoTime();
        this.config = config;
        this.log = log;
        BundleVerification verification = config.publicKey() == null ? BundleVerification.defaults()
                : BundleVerification.requireSignature(BundleKeys.readPublicKey(config.publicKey()));
        this.repository = new ModelRepository(config.modelDir(), config.modelName(), verification, log, metrics);
        this.predictionLog = config.logDir() == null ? null : new PredictionLog(new PredictionLog.Settings(
                config.logDir(), config.logMaxFileBytes(), config.logMaxFiles(), config.logQueue()),
                metrics.registry(), log);
        this.workers = new ThreadPoolExecutor(config.workerThreads(), config.workerThreads(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemons("ctkit-worker"));
        this.scorer = config.batchMaxRows() > 0
                ? new DynamicBatcher(config.batchMaxRows(), config.batchMaxDelay(), config.batchQueue(), metrics::batch,
                        workers)
                : Scorer.direct();
        this.poller = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(daemons("ctkit-model-poller"));
        ScoringApi api = new ScoringApi(config, repository, metrics, predictionLog, scorer, workers, draining::get, log);
        try {
            this.http = HttpServer.start(new HttpServer.Settings(config.host(), config.port(), config.maxBodyBytes(),
                    config.maxInflight(), config.ioThreads(), java.time.Duration.ofSeconds(75)), api);
        } catch (InterruptedException e) {
            closeQuietly();
            throw e;
        } catch (Exception e) { // Netty throws java.net.BindException without declaring it
            closeQuietly();
            String why = e.getMessage() != null ? e.getMessage()
                    : e instanceof java.nio.channels.UnresolvedAddressException ? "cannot resolve the address (--host / CTKIT_HOST)"
                    : e.getClass().getSimpleName();
            throw new IOException("cannot listen on " + config.host() + ":" + config.port() + " (--port / CTKIT_PORT): "
                    + why, e);
        }
        metrics.gauge("ctkit.http.inflight", "scoring requests in flight", http::inflight);
        metrics.gauge("ctkit.http.inflight.max", "the in-flight bound (--max-inflight)", config::maxInflight);
        metrics.gauge("ctkit.ready", "1 when ready for traffic, 0 while draining", () -> draining.get() ? 0 : 1);
        if (repository.versioned()) {
            long every = config.pollInterval().toMillis();
            poller.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
        }
        log.info("ctkit scoring server listening on " + config.host() + ":" + http.port() + ", model "
                + repository.current().name() + " version " + repository.current().version() + ", ready in "
                + (System.nanoTime() - start) / 1_000_000 + " ms (batching " + (config.batchMaxRows() > 0
                        ? "up to " + config.batchMaxRows() + " rows / " + config.batchMaxDelay().toMillis() + " ms"
                        : "off") + ", prediction log " + (config.logDir() == null ? "off" : config.logDir()) + ")");
    }

    /**
     * Loads the model and starts serving.
     *
     * @throws IOException if no model version loads, or the port cannot be bound
     */
    public static ScoringServer start(ServerConfig config, ServerLog log) throws IOException, InterruptedException {
        return new ScoringServer(config, log);
    }

    private void poll() {
        try {
            repository.poll();
        } catch (RuntimeException e) {
            log.error("model poll failed: " + e);
        }
    }

    public int port() {
        return http.port();
    }

    public ModelRepository repository() {
        return repository;
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    /** Checks the model directory now instead of waiting for the next poll (for tests and tools). */
    public void pollNow() {
        repository.poll();
    }

    /**
     * The graceful stop: readiness turns 503 at once, requests are still served for the drain
     * delay (so load balancers notice), then the listener closes, in-flight requests finish (up to
     * the shutdown timeout) and everything is closed.
     */
    public void shutdown() throws InterruptedException {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        log.info("shutting down: readiness is 503; draining for " + config.drainDelay().toMillis() + " ms with "
                + http.inflight() + " scoring requests in flight");
        Thread.sleep(config.drainDelay().toMillis());
        http.stopAccepting();
        boolean idle = http.awaitIdle(config.shutdownTimeout());
        log.info(idle ? "all in-flight requests answered; stopping"
                : "shutdown timeout: " + http.active() + " requests still in flight; stopping anyway");
        close();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        draining.set(true);
        http.close();
        closeQuietly();
        log.info("stopped");
    }

    private void closeQuietly() {
        poller.shutdownNow();
        if (workers != null) {
            workers.shutdown();
        }
        scorer.close();
        if (predictionLog != null) {
            try {
                predictionLog.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
