package io.ctkit.serving;

import io.ctkit.serving.internal.ServerLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code serve}: the scoring server's command line, shared by {@code java -jar
 * ctkit-scoring-server.jar} and {@code ctkit serve}. Every option has an environment variable
 * (shown in {@code --help}); a flag wins over its variable. This is the only place that reads
 * them: a server started from Java ({@link ScoringServer#start(ServerConfig)}) is configured by
 * its {@link ServerConfig} alone.
 */
@Command(
        name = "serve",
        header = "Serve a model bundle over HTTP (KServe V2 and TensorFlow Serving REST).",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Serves a model bundle directory, or a directory of versions BASE/<n>/ (the newest valid version is "
                    + "served and new versions are picked up while running). Stops gracefully on SIGTERM: "
                    + "readiness turns 503, requests are still served for --drain-delay, then in-flight requests "
                    + "finish and the server exits.",
            "",
            "Every option can also be set by the environment variable shown with it."
        })
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, defaultValue = "${env:CTKIT_MODEL_DIR}", paramLabel = "DIR",
            description = "Model bundle directory or directory of versions (CTKIT_MODEL_DIR).")
    Path model;

    @Option(names = "--model-name", defaultValue = "${env:CTKIT_MODEL_NAME}", paramLabel = "NAME",
            description = "Name in URLs (CTKIT_MODEL_NAME; default: model.json's name).")
    String modelName;

    @Option(names = "--public-key", defaultValue = "${env:CTKIT_PUBLIC_KEY}", paramLabel = "PEM",
            description = "Require every version's MANIFEST.sig to verify with this Ed25519 key (CTKIT_PUBLIC_KEY).")
    Path publicKey;

    @Option(names = "--host", defaultValue = "${env:CTKIT_HOST:-0.0.0.0}", description = "Address to listen on (CTKIT_HOST; default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "${env:CTKIT_PORT:-8080}", description = "Port; 0 picks a free one (CTKIT_PORT; default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--max-body-bytes", defaultValue = "${env:CTKIT_MAX_BODY_BYTES:-4194304}", paramLabel = "N",
            description = "Largest request body; larger gets 413 before it is read (CTKIT_MAX_BODY_BYTES; default ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(names = "--max-rows", defaultValue = "${env:CTKIT_MAX_ROWS:-4096}", paramLabel = "N",
            description = "Most rows per request (CTKIT_MAX_ROWS; default ${DEFAULT-VALUE}).")
    int maxRows;

    @Option(names = "--max-json-depth", defaultValue = "${env:CTKIT_MAX_JSON_DEPTH:-32}", paramLabel = "N",
            description = "Deepest JSON nesting (CTKIT_MAX_JSON_DEPTH; default ${DEFAULT-VALUE}).")
    int maxJsonDepth;

    @Option(names = "--max-inflight", defaultValue = "${env:CTKIT_MAX_INFLIGHT:-64}", paramLabel = "N",
            description = "Scoring requests in flight; beyond, 503 + Retry-After (CTKIT_MAX_INFLIGHT; default ${DEFAULT-VALUE}).")
    int maxInflight;

    @Option(names = "--io-threads", defaultValue = "${env:CTKIT_IO_THREADS:-0}", paramLabel = "N",
            description = "Netty event-loop threads; 0 = number of CPUs (CTKIT_IO_THREADS).")
    int ioThreads;

    @Option(names = "--worker-threads", defaultValue = "${env:CTKIT_WORKER_THREADS:-0}", paramLabel = "N",
            description = "Scoring threads; 0 = number of CPUs (CTKIT_WORKER_THREADS).")
    int workerThreads;

    @Option(names = "--inline-max-bytes", defaultValue = "${env:CTKIT_INLINE_MAX_BYTES:-16384}", paramLabel = "N",
            description = "Score requests up to this body size on the I/O thread, larger ones on the workers; 0 = always"
                    + " the workers (CTKIT_INLINE_MAX_BYTES; default ${DEFAULT-VALUE}).")
    int inlineMaxBytes;

    @Option(names = "--drain-delay", defaultValue = "${env:CTKIT_DRAIN_DELAY:-5s}", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "After SIGTERM, keep serving this long with readiness 503 (CTKIT_DRAIN_DELAY; default ${DEFAULT-VALUE}).")
    Duration drainDelay;

    @Option(names = "--shutdown-timeout", defaultValue = "${env:CTKIT_SHUTDOWN_TIMEOUT:-20s}", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Then wait at most this long for in-flight requests (CTKIT_SHUTDOWN_TIMEOUT; default ${DEFAULT-VALUE}).")
    Duration shutdownTimeout;

    @Option(names = "--poll-interval", defaultValue = "${env:CTKIT_POLL_INTERVAL:-2s}", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How often to look for new versions (CTKIT_POLL_INTERVAL; default ${DEFAULT-VALUE}).")
    Duration pollInterval;

    @Option(names = "--log-dir", defaultValue = "${env:CTKIT_LOG_DIR}", paramLabel = "DIR",
            description = "Prediction and feedback log directory; none when absent (CTKIT_LOG_DIR).")
    Path logDir;

    @Option(names = "--log-max-file-bytes", defaultValue = "${env:CTKIT_LOG_MAX_FILE_BYTES:-67108864}", paramLabel = "N",
            description = "Rotate the log at this size (CTKIT_LOG_MAX_FILE_BYTES; default ${DEFAULT-VALUE}).")
    long logMaxFileBytes;

    @Option(names = "--log-max-files", defaultValue = "${env:CTKIT_LOG_MAX_FILES:-10}", paramLabel = "N",
            description = "Rotated log files kept (CTKIT_LOG_MAX_FILES; default ${DEFAULT-VALUE}).")
    int logMaxFiles;

    @Option(names = "--log-queue", defaultValue = "${env:CTKIT_LOG_QUEUE:-65536}", paramLabel = "ROWS",
            description = "Rows waiting to be written to the log; beyond, records are dropped and counted (CTKIT_LOG_QUEUE; default ${DEFAULT-VALUE}).")
    int logQueue;

    @Option(names = "--batch-max-rows", defaultValue = "${env:CTKIT_BATCH_MAX_ROWS:-0}", paramLabel = "N",
            description = "Dynamic batching: rows per batch; 0 = off (CTKIT_BATCH_MAX_ROWS; default ${DEFAULT-VALUE}).")
    int batchMaxRows;

    @Option(names = "--batch-max-delay", defaultValue = "${env:CTKIT_BATCH_MAX_DELAY:-0ms}", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Dynamic batching: longest a batch's first request waits, from queueing, for more; 0 = greedy:"
                    + " batch what queued while the network was busy (CTKIT_BATCH_MAX_DELAY; default ${DEFAULT-VALUE}).")
    Duration batchMaxDelay;

    @Option(names = "--batch-queue", defaultValue = "${env:CTKIT_BATCH_QUEUE:-1024}", paramLabel = "N",
            description = "Dynamic batching: requests waiting; beyond, 503 (CTKIT_BATCH_QUEUE; default ${DEFAULT-VALUE}).")
    int batchQueue;

    @Option(names = "--bench-noop", defaultValue = "${env:CTKIT_BENCH_NOOP:-false}",
            description = "Enable GET/POST /bench/noop, a constant answer on the same HTTP stack, for benchmarks (CTKIT_BENCH_NOOP).")
    boolean benchNoop;

    @Option(names = "--test-delay", hidden = true, defaultValue = "${env:CTKIT_TEST_DELAY:-0ms}",
            converter = DurationConverter.class, description = "Sleep before scoring each request (tests only).")
    Duration testDelay;

    /**
     * The settings these options describe. An invalid value is reported with its flag, e.g.
     * {@code --port must be from 0 to 65535 (0 picks a free port): 70000}.
     */
    ServerConfig config() {
        int cores = Runtime.getRuntime().availableProcessors();
        try {
            return ServerConfig.of(model)
                    .withModelName(blankToNull(modelName))
                    .withPublicKey(publicKey)
                    .withHost(host)
                    .withPort(port)
                    .withMaxBodyBytes(maxBodyBytes)
                    .withMaxRows(maxRows)
                    .withMaxJsonDepth(maxJsonDepth)
                    .withMaxInflight(maxInflight)
                    .withIoThreads(ioThreads == 0 ? cores : ioThreads)
                    .withWorkerThreads(workerThreads == 0 ? cores : workerThreads)
                    .withInlineMaxBytes(inlineMaxBytes)
                    .withDrainDelay(drainDelay)
                    .withShutdownTimeout(shutdownTimeout)
                    .withPollInterval(pollInterval)
                    .withLogDir(logDir)
                    .withLogMaxFileBytes(logMaxFileBytes)
                    .withLogMaxFiles(logMaxFiles)
                    .withLogQueue(logQueue)
                    .withBatchMaxRows(batchMaxRows)
                    .withBatchMaxDelay(batchMaxDelay)
                    .withBatchQueue(batchQueue);
        } catch (ServerConfig.InvalidSettingException e) {
            // the same problem in the words of the command line; the Java wording would only repeat it
            throw new IllegalArgumentException(e.forCommandLine());
        }
    }

    /** What {@code --bench-noop} and the hidden {@code --test-delay} set: not part of the public {@link ServerConfig}. */
    InternalSettings internalSettings() {
        if (testDelay == null || testDelay.isNegative()) {
            throw new IllegalArgumentException("--test-delay must be a duration of zero or more: " + testDelay);
        }
        Duration delay = testDelay;
        Runnable sleep = () -> {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        return new InternalSettings(benchNoop, delay.isZero() ? null : sleep);
    }

    /** Parses arguments (and {@code CTKIT_*} environment variables): for tests of the command line. */
    static ServeCommand parsed(String... args) {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    /** The settings of {@link #parsed}; an invalid value throws, naming its flag. */
    static ServerConfig parse(String... args) {
        return parsed(args).config();
    }

    @Override
    public Integer call() throws Exception {
        ScoringServer server = ScoringServer.start(config(), internalSettings(), new ServerLog(System.out));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            boolean drained = false;
            try {
                server.shutdown();
                drained = true;
            } catch (InterruptedException e) {
                server.close();
            } finally {
                stopped.countDown();
            }
            if (drained) {
                // A JVM ended by SIGTERM exits 143 even when its hooks finished cleanly; a drained
                // server has nothing left to do, so it reports the normal stop (0) that Kubernetes
                // and the docs expect. halt, not exit: exit from a shutdown hook would block.
                System.out.flush();
                System.err.flush();
                Runtime.getRuntime().halt(0);
            }
        }, "ctkit-shutdown"));
        stopped.await();
        return 0;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Durations as {@code 250ms}, {@code 5s}, {@code 2m}, ISO-8601 ({@code PT5S}), or {@code 0}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim();
            if (v.equals("0")) {
                return Duration.ZERO; // zero needs no unit
            }
            try {
                if (v.startsWith("P") || v.startsWith("p")) {
                    return Duration.parse(v);
                }
                if (v.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                }
                if (v.endsWith("s")) {
                    return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
                }
                if (v.endsWith("m")) {
                    return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
                }
            } catch (RuntimeException e) {
                // fall through to the message below
            }
            throw new CommandLine.TypeConversionException("\"" + value + "\" is not a duration; write e.g. 250ms, 5s,"
                    + " 2m or PT5S");
        }
    }
}
