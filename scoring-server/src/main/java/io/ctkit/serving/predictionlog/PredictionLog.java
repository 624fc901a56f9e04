package io.ctkit.serving.predictionlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ctkit.serving.ServerLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The prediction and feedback log: JSON lines appended by one background thread to a
 * {@link RotatingFile}. Scoring only offers a record to a bounded queue; when the queue is full
 * the record is dropped and counted, so the log never blocks or slows a request. Write failures
 * (disk full, I/O errors) are counted and logged at most once a minute; scoring goes on.
 */
public final class PredictionLog implements AutoCloseable {

    /** Where and how much to log. */
    public record Settings(java.nio.file.Path dir, long maxFileBytes, int maxFiles, int queueCapacity) {
        public Settings {
            if (maxFileBytes < 1024) {
                throw new IllegalArgumentException("log file size must be at least 1024 bytes: " + maxFileBytes);
            }
            if (maxFiles < 1) {
                throw new IllegalArgumentException("log files to keep must be at least 1: " + maxFiles);
            }
            if (queueCapacity < 1) {
                throw new IllegalArgumentException("log queue capacity must be at least 1: " + queueCapacity);
            }
        }
    }

    private static final LogRecord STOP = new LogRecord.Feedback("", 0, null, java.util.List.of());

    private final BlockingQueue<LogRecord> queue;
    private final RotatingFile file;
    private final ServerLog log;
    private final Counter dropped;
    private final Counter failures;
    private final Counter predictions;
    private final Counter feedback;
    private final JsonFactory json = new JsonFactory();
    private final Thread writer;
    private long lastComplaint = Long.MIN_VALUE;

    public PredictionLog(Settings settings, MeterRegistry registry, ServerLog log) throws IOException {
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.file = new RotatingFile(settings.dir(), settings.maxFileBytes(), settings.maxFiles());
        this.log = log;
        this.dropped = Counter.builder("ctkit.predictionlog.dropped")
                .description("log records dropped because the queue was full").register(registry);
        this.failures = Counter.builder("ctkit.predictionlog.failures")
                .description("log records lost to write failures (disk full, I/O error)").register(registry);
        this.predictions = Counter.builder("ctkit.predictionlog.records").tags("type", "prediction")
                .description("log records written").register(registry);
        this.feedback = Counter.builder("ctkit.predictionlog.records").tags("type", "feedback")
                .description("log records written").register(registry);
        Gauge.builder("ctkit.predictionlog.queue", queue, BlockingQueue::size)
                .description("log records waiting to be written").register(registry);
        this.writer = new Thread(this::run, "ctkit-prediction-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues a record; never blocks. */
    public void offer(LogRecord record) {
        if (!queue.offer(record)) {
            dropped.increment();
        }
    }

    private void run() {
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        while (true) {
            LogRecord record;
            try {
                record = queue.poll();
                if (record == null) {
                    flush();
                    record = queue.take();
                }
            } catch (InterruptedException e) {
                return;
            }
            if (record == STOP) {
                flush();
                file.close();
                return;
            }
            line.reset();
            try (JsonGenerator g = json.createGenerator(line)) {
                LogFormat.write(g, record);
            } catch (IOException e) {
                failed(e);
                continue;
            }
            line.write('\n');
            try {
                file.append(line.toByteArray());
                (record instanceof LogRecord.Prediction ? predictions : feedback).increment();
            } catch (IOException e) {
                failed(e);
            }
        }
    }

    private void flush() {
        try {
            file.flush();
        } catch (IOException e) {
            failed(e);
        }
    }

    private void failed(IOException e) {
        failures.increment();
        long now = System.nanoTime();
        if (lastComplaint == Long.MIN_VALUE || now - lastComplaint > TimeUnit.MINUTES.toNanos(1)) {
            lastComplaint = now;
            log.error("prediction log: write failed (" + e + "); scoring goes on, failures are counted in"
                    + " ctkit_predictionlog_failures_total");
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() throws InterruptedException {
        if (!queue.offer(STOP, 10, TimeUnit.SECONDS)) {
            log.error("prediction log: the writer is stuck; " + queue.size() + " records are not written");
            writer.interrupt();
        }
        writer.join(TimeUnit.SECONDS.toMillis(10));
    }
}
