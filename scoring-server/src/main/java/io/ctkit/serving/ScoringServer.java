package io.ctkit.serving;

import io.ctkit.bundle.BundleKeys;
import io.ctkit.bundle.BundleVerification;
import io.ctkit.serving.internal.ServerLog;
import io.ctkit.serving.internal.endpoints.ScoringApi;
import io.ctkit.serving.internal.http.HttpServer;
import io.ctkit.serving.internal.metrics.ServerMetrics;
import io.ctkit.serving.internal.model.DynamicBatcher;
import io.ctkit.serving.internal.model.ModelRepository;
import io.ctkit.serving.internal.model.Scorer;
import io.ctkit.serving.internal.predictionlog.PredictionLog;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running scoring server: the model repository (polled for new versions), the HTTP server, the
 * workers, metrics, the prediction log and the optional batcher. Start one from Java with
 * {@link #start(ServerConfig)}; {@code ctkit serve} and the scoring image's {@code java -jar} run
 * the same server from the command line ({@link ServeCommand}).
 *
 * <pre>{@code
 * try (ScoringServer server = ScoringServer.start(ServerConfig.of(modelDir).withHost("127.0.0.1").withPort(0))) {
 *     HttpResponse<String> ready = HttpClient.newHttpClient().send(
 *             HttpRequest.newBuilder(server.uri().resolve("/v2/health/ready")).build(), BodyHandlers.ofString());
 * }
 * }</pre>
 *
 * <p>{@link #shutdown()} is the graceful stop (readiness 503, drain delay, stop accepting, finish
 * in-flight requests, close); {@link #close()} stops at once.
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

    private ScoringServer(ServerConfig config, InternalSettings internal, ServerLog log)
            throws IOException, InterruptedException {
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
        ScoringApi api = new ScoringApi(new ScoringApi.Settings(config.maxJsonDepth(), config.maxRows(),
                config.inlineMaxBytes(), internal.benchNoop(), internal.beforeScoring()), repository, metrics,
                predictionLog, scorer, workers, draining::get, log);
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
     * Loads the model and starts serving; its log lines go to {@code System.out}.
     *
     * @throws IOException if no model version loads (the message says why), or the port cannot be bound
     * @throws InterruptedException if interrupted while binding the port
     */
    public static ScoringServer start(ServerConfig config) throws IOException, InterruptedException {
        return start(config, System.out);
    }

    /**
     * Loads the model and starts serving; one line per event goes to {@code log}.
     *
     * @throws IOException if no model version loads (the message says why), or the port cannot be bound
     * @throws InterruptedException if interrupted while binding the port
     */
    public static ScoringServer start(ServerConfig config, PrintStream log) throws IOException, InterruptedException {
        return start(config, InternalSettings.NONE, new ServerLog(java.util.Objects.requireNonNull(log, "log")));
    }

    /** With the settings the public {@link ServerConfig} leaves out: for the command line and tests. */
    static ScoringServer start(ServerConfig config, InternalSettings internal, ServerLog log)
            throws IOException, InterruptedException {
        return new ScoringServer(java.util.Objects.requireNonNull(config, "config"), internal, log);
    }

    private void poll() {
        try {
            repository.poll();
        } catch (RuntimeException e) {
            log.error("model poll failed: " + e);
        }
    }

    /** The port listened on: the configured one, or the one picked for {@code withPort(0)}. */
    public int port() {
        return http.port();
    }

    /**
     * The server's base URI, {@code http://<address>:<port>/}; a server listening on every
     * interface (0.0.0.0, the default) is reached on the loopback address.
     */
    public URI uri() {
        InetAddress address = ((InetSocketAddress) http.localAddress()).getAddress();
        if (address.isAnyLocalAddress()) {
            address = InetAddress.getLoopbackAddress();
        }
        String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** The name the model is served under in URLs: the configured name, or model.json's. */
    public String modelName() {
        return repository.current().name();
    }

    /** The version being served now: {@code 1} for a single bundle, else the newest version that loaded. */
    public String modelVersion() {
        return repository.current().version();
    }

    ModelRepository repository() {
        return repository;
    }

    ServerMetrics metrics() {
        return metrics;
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

    /**
     * Stops at once: the listener and every connection close, requests in flight are not answered.
     * Use {@link #shutdown()} to let them finish.
     */
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
