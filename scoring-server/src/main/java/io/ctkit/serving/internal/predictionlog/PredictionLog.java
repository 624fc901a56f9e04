package io.ctkit.serving.internal.predictionlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ctkit.serving.internal.ServerLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The prediction and feedback log: JSON lines appended by one background thread to a
 * {@link RotatingFile}. Scoring only offers a record to a bounded queue; when the queue is full
 * the record is dropped and counted, so the log never blocks or slows a request. The queue is
 * bounded by rows, not records, because a record holds its request's rows until it is written. Write failures
 * (disk full, I/O errors) are counted and logged at most once a minute; scoring goes on.
 */
public final class PredictionLog implements AutoCloseable {

    /** Where and how much to log. */
    /** @param queueRows the most rows (of predictions, or feedback outcomes) waiting to be written */
    public record Settings(java.nio.file.Path dir, long maxFileBytes, int maxFiles, int queueRows) {
        public Settings {
            if (maxFileBytes < 1024) {
                throw new IllegalArgumentException("log file size must be at least 1024 bytes: " + maxFileBytes);
            }
            if (maxFiles < 1) {
                throw new IllegalArgumentException("log files to keep must be at least 1: " + maxFiles);
            }
            if (queueRows < 1) {
                throw new IllegalArgumentException("log queue rows must be at least 1: " + queueRows);
            }
        }
    }

    private static final LogRecord STOP = new LogRecord.Feedback("", 0, null, java.util.List.of());

    private final BlockingQueue<LogRecord> queue = new java.util.concurrent.LinkedBlockingQueue<>();
    private final java.util.concurrent.atomic.AtomicLong queuedRows = new java.util.concurrent.atomic.AtomicLong();
    private final long maxRows;
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
        this.maxRows = settings.queueRows();
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
        Gauge.builder("ctkit.predictionlog.queue", queuedRows, java.util.concurrent.atomic.AtomicLong::get)
                .description("rows waiting to be written").register(registry);
        this.writer = new Thread(this::run, "ctkit-prediction-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** Whether written data still waits to be forced to disk (for tests). */
    boolean awaitsSync() {
        return file.awaitsSync();
    }

    /** Queues a record; never blocks. */
    public void offer(LogRecord record) {
        int rows = rows(record);
        if (queuedRows.addAndGet(rows) > maxRows) {
            queuedRows.addAndGet(-rows);
            dropped.increment();
            return;
        }
        queue.add(record);
    }

    private static int rows(LogRecord record) {
        return record instanceof LogRecord.Prediction p ? p.inputs().rows()
                : Math.max(1, ((LogRecord.Feedback) record).outcomes().size());
    }

    private void run() {
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        while (true) {
            LogRecord record;
            try {
                record = queue.poll();
                if (record == null) {
                    flush();
                    long due = file.syncDueInNanos();
                    record = due < 0 ? queue.take() : queue.poll(due, TimeUnit.NANOSECONDS);
                    if (record == null) {
                        continue; // due: the flush at the top of the next turn forces the data to disk
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
            if (record == STOP) {
                flush();
                file.close();
                return;
            }
            try {
                write(record, line);
            } finally {
                queuedRows.addAndGet(-rows(record));
            }
        }
    }

    private void write(LogRecord record, ByteArrayOutputStream line) {
        line.reset();
        try (JsonGenerator g = json.createGenerator(line)) {
            LogFormat.write(g, record);
        } catch (IOException e) {
            failed(e);
            return;
        }
        line.write('\n');
        try {
            file.append(line.toByteArray());
            (record instanceof LogRecord.Prediction ? predictions : feedback).increment();
        } catch (IOException e) {
            failed(e);
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
        queue.add(STOP);
        writer.join(TimeUnit.SECONDS.toMillis(10));
        if (writer.isAlive()) {
            log.error("prediction log: the writer is stuck; " + queuedRows.get() + " rows are not written");
            writer.interrupt();
        }
    }
}
