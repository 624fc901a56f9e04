package io.ctkit.serving;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the server is configured with (flags or environment variables, see
 * {@link ServeCommand}). Validated on construction; an invalid value names the setting.
 *
 * @param modelName the name served in URLs; null for model.json's {@code name}
 * @param publicKey a PEM Ed25519 public key every version's MANIFEST.sig must verify with; null for digests only
 * @param logDir the prediction log directory; null for no prediction log
 * @param batchMaxRows rows per dynamic batch; 0 turns batching off
 * @param inlineMaxBytes requests with bodies up to this size are scored on the I/O thread (no hand-off); 0 for never
 * @param testDelay a sleep before each scoring request; only for tests of shutdown and overload
 */
public record ServerConfig(Path modelDir, String modelName, Path publicKey, String host, int port,
        long maxBodyBytes, int maxRows, int maxJsonDepth, int maxInflight, int ioThreads, int workerThreads, int inlineMaxBytes,
        Duration drainDelay, Duration shutdownTimeout, Duration pollInterval,
        Path logDir, long logMaxFileBytes, int logMaxFiles, int logQueue,
        int batchMaxRows, Duration batchMaxDelay, int batchQueue, boolean benchNoop, Duration testDelay) {

    public ServerConfig {
        Objects.requireNonNull(modelDir, "model directory (--model / CTKIT_MODEL_DIR)");
        if (modelName != null) {
            // served in URLs and in the X-Model-Name header of every answer
            io.ctkit.model.ModelDefinition.checkName("--model-name", modelName);
        }
        positive(maxRows, "--max-rows");
        positive(maxJsonDepth, "--max-json-depth");
        positive(maxInflight, "--max-inflight");
        positive(ioThreads, "--io-threads");
        positive(workerThreads, "--worker-threads");
        positive(logMaxFiles, "--log-max-files");
        positive(logQueue, "--log-queue");
        positive(batchQueue, "--batch-queue");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be from 0 to 65535 (0 picks a free port): " + port);
        }
        if (maxBodyBytes < 64 || maxBodyBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("--max-body-bytes must be from 64 to 2147483639: " + maxBodyBytes);
        }
        if (maxJsonDepth > 1000) {
            throw new IllegalArgumentException("--max-json-depth must be at most 1000: " + maxJsonDepth);
        }
        if (inlineMaxBytes < 0) {
            throw new IllegalArgumentException("--inline-max-bytes must not be negative: " + inlineMaxBytes);
        }
        if (logMaxFileBytes < 1024) {
            throw new IllegalArgumentException("--log-max-file-bytes must be at least 1024: " + logMaxFileBytes);
        }
        if (batchMaxRows < 0) {
            throw new IllegalArgumentException("--batch-max-rows must be 0 (off) or positive: " + batchMaxRows);
        }
        for (var d : new Object[][] {{drainDelay, "--drain-delay"}, {shutdownTimeout, "--shutdown-timeout"},
                {pollInterval, "--poll-interval"}, {batchMaxDelay, "--batch-max-delay"}, {testDelay, "--test-delay"}}) {
            Duration value = (Duration) d[0];
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException(d[1] + " must be a duration of zero or more: " + value);
            }
        }
        if (pollInterval.isZero()) {
            throw new IllegalArgumentException("--poll-interval must be more than zero");
        }
    }

    private static void positive(long value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
    }
}
