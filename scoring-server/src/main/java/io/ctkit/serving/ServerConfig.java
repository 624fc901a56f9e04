package io.ctkit.serving;

import io.ctkit.model.ModelDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything a {@link ScoringServer} is configured with. Immutable: {@link #of(Path)} gives every
 * default (the same as the CLI's, see docs/scoring-server.md), and each {@code withX} returns a
 * copy with one setting changed, checked at once; an invalid value throws
 * {@link IllegalArgumentException} naming the setting, e.g. {@code port must be from 0 to 65535
 * (0 picks a free port): 70000}.
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.of(Path.of("model")).withHost("127.0.0.1").withPort(0);
 * try (ScoringServer server = ScoringServer.start(config)) {
 *     URI infer = server.uri().resolve("/v2/models/" + server.modelName() + "/infer");
 * }
 * }</pre>
 *
 * <p>Nothing here reads environment variables or system properties: a server started from Java
 * is configured by Java alone. Only the command line ({@link ServeCommand}) reads flags and
 * {@code CTKIT_*} variables.
 *
 * <p>Not a record on purpose: a record's canonical constructor is public, and a constructor with
 * one positional parameter per setting would break every caller whenever a setting is added.
 */
public final class ServerConfig {

    /** The settings, with their names in Java and on the command line (for messages). */
    enum Setting {
        MODEL_NAME("modelName", "--model-name"),
        PORT("port", "--port"),
        MAX_BODY_BYTES("maxBodyBytes", "--max-body-bytes"),
        MAX_ROWS("maxRows", "--max-rows"),
        MAX_JSON_DEPTH("maxJsonDepth", "--max-json-depth"),
        MAX_INFLIGHT("maxInflight", "--max-inflight"),
        IO_THREADS("ioThreads", "--io-threads"),
        WORKER_THREADS("workerThreads", "--worker-threads"),
        INLINE_MAX_BYTES("inlineMaxBytes", "--inline-max-bytes"),
        DRAIN_DELAY("drainDelay", "--drain-delay"),
        SHUTDOWN_TIMEOUT("shutdownTimeout", "--shutdown-timeout"),
        POLL_INTERVAL("pollInterval", "--poll-interval"),
        LOG_MAX_FILE_BYTES("logMaxFileBytes", "--log-max-file-bytes"),
        LOG_MAX_FILES("logMaxFiles", "--log-max-files"),
        LOG_QUEUE("logQueue", "--log-queue"),
        BATCH_MAX_ROWS("batchMaxRows", "--batch-max-rows"),
        BATCH_MAX_DELAY("batchMaxDelay", "--batch-max-delay"),
        BATCH_QUEUE("batchQueue", "--batch-queue");

        final String javaName;
        final String flag;

        Setting(String javaName, String flag) {
            this.javaName = javaName;
            this.flag = flag;
        }
    }

    /**
     * An invalid value. Its message names the setting as Java does ({@code port must be ...});
     * the CLI words the same problem with the flag ({@code --port must be ...}).
     */
    static final class InvalidSettingException extends IllegalArgumentException {
        private final Setting setting;
        private final String problem;

        InvalidSettingException(Setting setting, String problem) {
            super(setting.javaName + problem);
            this.setting = setting;
            this.problem = problem;
        }

        /** The message with the command-line flag in place of the Java name. */
        String forCommandLine() {
            return setting.flag + problem;
        }
    }

    /** The mutable twin of the fields, only ever used to make one copy. */
    private static final class Draft {
        Path modelDir;
        String modelName;
        Path publicKey;
        String host;
        int port;
        long maxBodyBytes;
        int maxRows;
        int maxJsonDepth;
        int maxInflight;
        int ioThreads;
        int workerThreads;
        int inlineMaxBytes;
        Duration drainDelay;
        Duration shutdownTimeout;
        Duration pollInterval;
        Path logDir;
        long logMaxFileBytes;
        int logMaxFiles;
        int logQueue;
        int batchMaxRows;
        Duration batchMaxDelay;
        int batchQueue;
    }

    private final Path modelDir;
    private final String modelName;
    private final Path publicKey;
    private final String host;
    private final int port;
    private final long maxBodyBytes;
    private final int maxRows;
    private final int maxJsonDepth;
    private final int maxInflight;
    private final int ioThreads;
    private final int workerThreads;
    private final int inlineMaxBytes;
    private final Duration drainDelay;
    private final Duration shutdownTimeout;
    private final Duration pollInterval;
    private final Path logDir;
    private final long logMaxFileBytes;
    private final int logMaxFiles;
    private final int logQueue;
    private final int batchMaxRows;
    private final Duration batchMaxDelay;
    private final int batchQueue;

    private ServerConfig(Draft d) {
        modelDir = d.modelDir;
        modelName = d.modelName;
        publicKey = d.publicKey;
        host = d.host;
        port = d.port;
        maxBodyBytes = d.maxBodyBytes;
        maxRows = d.maxRows;
        maxJsonDepth = d.maxJsonDepth;
        maxInflight = d.maxInflight;
        ioThreads = d.ioThreads;
        workerThreads = d.workerThreads;
        inlineMaxBytes = d.inlineMaxBytes;
        drainDelay = d.drainDelay;
        shutdownTimeout = d.shutdownTimeout;
        pollInterval = d.pollInterval;
        logDir = d.logDir;
        logMaxFileBytes = d.logMaxFileBytes;
        logMaxFiles = d.logMaxFiles;
        logQueue = d.logQueue;
        batchMaxRows = d.batchMaxRows;
        batchMaxDelay = d.batchMaxDelay;
        batchQueue = d.batchQueue;
    }

    /**
     * The defaults for serving {@code modelDir}: a model bundle directory (or .tar), or a directory
     * of versions {@code modelDir/<n>/}. Listens on 0.0.0.0:8080; use {@code withHost("127.0.0.1")}
     * and {@code withPort(0)} (a free port, see {@link ScoringServer#port()}) in tests. I/O and
     * worker threads default to the number of CPUs.
     */
    public static ServerConfig of(Path modelDir) {
        // the CLI's defaults are strings in ServeCommand's annotations; ServerConfigTest holds the two equal
        Draft d = new Draft();
        d.modelDir = Objects.requireNonNull(modelDir, "modelDir: give the model bundle directory or the directory"
                + " of its versions");
        d.host = "0.0.0.0";
        d.port = 8080;
        d.maxBodyBytes = 4L << 20;
        d.maxRows = 4096;
        d.maxJsonDepth = 32;
        d.maxInflight = 64;
        int cores = Runtime.getRuntime().availableProcessors();
        d.ioThreads = cores;
        d.workerThreads = cores;
        d.inlineMaxBytes = 16 << 10;
        d.drainDelay = Duration.ofSeconds(5);
        d.shutdownTimeout = Duration.ofSeconds(20);
        d.pollInterval = Duration.ofSeconds(2);
        d.logMaxFileBytes = 64L << 20;
        d.logMaxFiles = 10;
        d.logQueue = 65536;
        d.batchMaxRows = 0;
        d.batchMaxDelay = Duration.ZERO;
        d.batchQueue = 1024;
        return new ServerConfig(d);
    }

    private ServerConfig with(Consumer<Draft> change) {
        Draft d = new Draft();
        d.modelDir = modelDir;
        d.modelName = modelName;
        d.publicKey = publicKey;
        d.host = host;
        d.port = port;
        d.maxBodyBytes = maxBodyBytes;
        d.maxRows = maxRows;
        d.maxJsonDepth = maxJsonDepth;
        d.maxInflight = maxInflight;
        d.ioThreads = ioThreads;
        d.workerThreads = workerThreads;
        d.inlineMaxBytes = inlineMaxBytes;
        d.drainDelay = drainDelay;
        d.shutdownTimeout = shutdownTimeout;
        d.pollInterval = pollInterval;
        d.logDir = logDir;
        d.logMaxFileBytes = logMaxFileBytes;
        d.logMaxFiles = logMaxFiles;
        d.logQueue = logQueue;
        d.batchMaxRows = batchMaxRows;
        d.batchMaxDelay = batchMaxDelay;
        d.batchQueue = batchQueue;
        change.accept(d);
        return new ServerConfig(d);
    }

    /** The model bundle directory (or .tar), or the directory of versions. */
    public ServerConfig withModelDir(Path modelDir) {
        Objects.requireNonNull(modelDir, "modelDir: give the model bundle directory or the directory of its versions");
        return with(d -> d.modelDir = modelDir);
    }

    /**
     * The name served in URLs and in the {@code X-Model-Name} header; null (the default) for
     * model.json's {@code name}. It follows model.json's rule for names.
     */
    public ServerConfig withModelName(String modelName) {
        if (modelName != null) {
            try {
                ModelDefinition.checkName(Setting.MODEL_NAME.javaName, modelName);
            } catch (IllegalArgumentException e) {
                // model-core words the problem after the name it was given; the CLI gives it its flag
                throw new InvalidSettingException(Setting.MODEL_NAME,
                        e.getMessage().substring(Setting.MODEL_NAME.javaName.length()));
            }
        }
        return with(d -> d.modelName = modelName);
    }

    /**
     * A PEM Ed25519 public key every version's MANIFEST.sig must verify with; null (the default)
     * to check the manifest's digests only.
     */
    public ServerConfig withPublicKey(Path publicKey) {
        return with(d -> d.publicKey = publicKey);
    }

    /** The address to listen on (default 0.0.0.0, every interface). */
    public ServerConfig withHost(String host) {
        Objects.requireNonNull(host, "host: give an address or host name, e.g. 127.0.0.1");
        return with(d -> d.host = host);
    }

    /** The port (default 8080); 0 picks a free one, which {@link ScoringServer#port()} tells. */
    public ServerConfig withPort(int port) {
        if (port < 0 || port > 65535) {
            throw new InvalidSettingException(Setting.PORT, " must be from 0 to 65535 (0 picks a free port): " + port);
        }
        return with(d -> d.port = port);
    }

    /** The largest request body (default 4 MiB); a larger one gets 413 before it is read. */
    public ServerConfig withMaxBodyBytes(long maxBodyBytes) {
        if (maxBodyBytes < 64 || maxBodyBytes > Integer.MAX_VALUE - 8) {
            throw new InvalidSettingException(Setting.MAX_BODY_BYTES, " must be from 64 to 2147483639: " + maxBodyBytes);
        }
        return with(d -> d.maxBodyBytes = maxBodyBytes);
    }

    /** The most rows per request (default 4096); more get 413. */
    public ServerConfig withMaxRows(int maxRows) {
        positive(Setting.MAX_ROWS, maxRows);
        return with(d -> d.maxRows = maxRows);
    }

    /** The deepest JSON nesting accepted (default 32, at most 1000). */
    public ServerConfig withMaxJsonDepth(int maxJsonDepth) {
        positive(Setting.MAX_JSON_DEPTH, maxJsonDepth);
        if (maxJsonDepth > 1000) {
            throw new InvalidSettingException(Setting.MAX_JSON_DEPTH, " must be at most 1000: " + maxJsonDepth);
        }
        return with(d -> d.maxJsonDepth = maxJsonDepth);
    }

    /** Requests in flight (default 64); beyond, 503 with Retry-After. Probes do not count. */
    public ServerConfig withMaxInflight(int maxInflight) {
        positive(Setting.MAX_INFLIGHT, maxInflight);
        return with(d -> d.maxInflight = maxInflight);
    }

    /** Netty event-loop threads (default: the number of CPUs). */
    public ServerConfig withIoThreads(int ioThreads) {
        positive(Setting.IO_THREADS, ioThreads);
        return with(d -> d.ioThreads = ioThreads);
    }

    /** Threads scoring the larger requests (default: the number of CPUs). */
    public ServerConfig withWorkerThreads(int workerThreads) {
        positive(Setting.WORKER_THREADS, workerThreads);
        return with(d -> d.workerThreads = workerThreads);
    }

    /**
     * Requests with bodies up to this size are scored on the I/O thread that read them (default
     * 16 KiB), larger ones on the workers; 0 for always the workers.
     */
    public ServerConfig withInlineMaxBytes(int inlineMaxBytes) {
        if (inlineMaxBytes < 0) {
            throw new InvalidSettingException(Setting.INLINE_MAX_BYTES, " must not be negative: " + inlineMaxBytes);
        }
        return with(d -> d.inlineMaxBytes = inlineMaxBytes);
    }

    /**
     * How long {@link ScoringServer#shutdown()} keeps serving with readiness 503 before it stops
     * accepting (default 5 s, so load balancers notice); zero for tests.
     */
    public ServerConfig withDrainDelay(Duration drainDelay) {
        notNegative(Setting.DRAIN_DELAY, drainDelay);
        return with(d -> d.drainDelay = drainDelay);
    }

    /** How long {@link ScoringServer#shutdown()} then waits for in-flight requests (default 20 s). */
    public ServerConfig withShutdownTimeout(Duration shutdownTimeout) {
        notNegative(Setting.SHUTDOWN_TIMEOUT, shutdownTimeout);
        return with(d -> d.shutdownTimeout = shutdownTimeout);
    }

    /** How often a directory of versions is checked for new ones (default 2 s); more than zero. */
    public ServerConfig withPollInterval(Duration pollInterval) {
        notNegative(Setting.POLL_INTERVAL, pollInterval);
        if (pollInterval.isZero()) {
            throw new InvalidSettingException(Setting.POLL_INTERVAL, " must be more than zero");
        }
        return with(d -> d.pollInterval = pollInterval);
    }

    /** The directory of the prediction and feedback log; null (the default) for no log. */
    public ServerConfig withLogDir(Path logDir) {
        return with(d -> d.logDir = logDir);
    }

    /** The log is rotated when a line would take it past this size (default 64 MiB, at least 1024). */
    public ServerConfig withLogMaxFileBytes(long logMaxFileBytes) {
        if (logMaxFileBytes < 1024) {
            throw new InvalidSettingException(Setting.LOG_MAX_FILE_BYTES, " must be at least 1024: " + logMaxFileBytes);
        }
        return with(d -> d.logMaxFileBytes = logMaxFileBytes);
    }

    /** Rotated log files kept (default 10). */
    public ServerConfig withLogMaxFiles(int logMaxFiles) {
        positive(Setting.LOG_MAX_FILES, logMaxFiles);
        return with(d -> d.logMaxFiles = logMaxFiles);
    }

    /** Rows waiting to be logged (default 65536); beyond, records are dropped and counted. */
    public ServerConfig withLogQueue(int logQueue) {
        positive(Setting.LOG_QUEUE, logQueue);
        return with(d -> d.logQueue = logQueue);
    }

    /** Dynamic batching: rows per batch; 0 (the default) turns batching off. */
    public ServerConfig withBatchMaxRows(int batchMaxRows) {
        if (batchMaxRows < 0) {
            throw new InvalidSettingException(Setting.BATCH_MAX_ROWS, " must be 0 (off) or positive: " + batchMaxRows);
        }
        return with(d -> d.batchMaxRows = batchMaxRows);
    }

    /**
     * Dynamic batching: the longest a batch's first request waits, from queueing, for more; zero
     * (the default) batches greedily what queued while the network was busy.
     */
    public ServerConfig withBatchMaxDelay(Duration batchMaxDelay) {
        notNegative(Setting.BATCH_MAX_DELAY, batchMaxDelay);
        return with(d -> d.batchMaxDelay = batchMaxDelay);
    }

    /** Dynamic batching: requests waiting (default 1024); beyond, 503. */
    public ServerConfig withBatchQueue(int batchQueue) {
        positive(Setting.BATCH_QUEUE, batchQueue);
        return with(d -> d.batchQueue = batchQueue);
    }

    private static void positive(Setting setting, long value) {
        if (value < 1) {
            throw new InvalidSettingException(setting, " must be at least 1: " + value);
        }
    }

    private static void notNegative(Setting setting, Duration value) {
        if (value == null || value.isNegative()) {
            throw new InvalidSettingException(setting, " must be a duration of zero or more: " + value);
        }
    }

    public Path modelDir() {
        return modelDir;
    }

    /** The name served in URLs; null for model.json's {@code name}. */
    public String modelName() {
        return modelName;
    }

    /** The key every version's MANIFEST.sig must verify with; null for digests only. */
    public Path publicKey() {
        return publicKey;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    public int maxRows() {
        return maxRows;
    }

    public int maxJsonDepth() {
        return maxJsonDepth;
    }

    public int maxInflight() {
        return maxInflight;
    }

    public int ioThreads() {
        return ioThreads;
    }

    public int workerThreads() {
        return workerThreads;
    }

    public int inlineMaxBytes() {
        return inlineMaxBytes;
    }

    public Duration drainDelay() {
        return drainDelay;
    }

    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    /** The prediction log directory; null for no log. */
    public Path logDir() {
        return logDir;
    }

    public long logMaxFileBytes() {
        return logMaxFileBytes;
    }

    public int logMaxFiles() {
        return logMaxFiles;
    }

    public int logQueue() {
        return logQueue;
    }

    /** Rows per dynamic batch; 0 when batching is off. */
    public int batchMaxRows() {
        return batchMaxRows;
    }

    public Duration batchMaxDelay() {
        return batchMaxDelay;
    }

    public int batchQueue() {
        return batchQueue;
    }

    private Object[] values() {
        return new Object[] {modelDir, modelName, publicKey, host, port, maxBodyBytes, maxRows, maxJsonDepth,
            maxInflight, ioThreads, workerThreads, inlineMaxBytes, drainDelay, shutdownTimeout, pollInterval, logDir,
            logMaxFileBytes, logMaxFiles, logQueue, batchMaxRows, batchMaxDelay, batchQueue};
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServerConfig that && java.util.Arrays.equals(values(), that.values());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(values());
    }

    @Override
    public String toString() {
        return "ServerConfig[modelDir=" + modelDir + ", modelName=" + modelName + ", publicKey=" + publicKey
                + ", host=" + host + ", port=" + port + ", maxBodyBytes=" + maxBodyBytes + ", maxRows=" + maxRows
                + ", maxJsonDepth=" + maxJsonDepth + ", maxInflight=" + maxInflight + ", ioThreads=" + ioThreads
                + ", workerThreads=" + workerThreads + ", inlineMaxBytes=" + inlineMaxBytes + ", drainDelay="
                + drainDelay + ", shutdownTimeout=" + shutdownTimeout + ", pollInterval=" + pollInterval + ", logDir="
                + logDir + ", logMaxFileBytes=" + logMaxFileBytes + ", logMaxFiles=" + logMaxFiles + ", logQueue="
                + logQueue + ", batchMaxRows=" + batchMaxRows + ", batchMaxDelay=" + batchMaxDelay + ", batchQueue="
                + batchQueue + "]";
    }
}
