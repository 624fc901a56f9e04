package io.ctkit.serving.internal.predictionlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ctkit.serving.internal.ServerLog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionLogSyncTest {

    @TempDir
    Path tmp;

    @Test
    void theLastRecordReachesTheDiskWithinASecondEvenWhenNoOtherFollows() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PredictionLog log = new PredictionLog(new PredictionLog.Settings(tmp, 1 << 20, 3, 1000), registry,
                new ServerLog(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())));
        try {
            log.offer(new LogRecord.Feedback("p-1", 1_700_000_000_000L, null, List.of(1)));
            await("the record written").atMost(Duration.ofSeconds(30))
                    .until(() -> registry.counter("ctkit.predictionlog.records", "type", "feedback").count() >= 1);
            // before, the writer forced data to disk only at a later flush: with no further record it
            // waited in take() with the data unsynced for as long as traffic stopped
            await("the written record forced to disk").atMost(Duration.ofMillis(2500)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !log.awaitsSync());
            assertThat(Files.readString(tmp.resolve(RotatingFile.ACTIVE))).contains("\"p-1\"");
        } finally {
            log.close();
        }
    }

    @Test
    void rotatedFilesSortByTheOrderTheyWereWritten() throws Exception {
        RotatingFile file = new RotatingFile(tmp, 1024, 100);
        byte[] pad = "x".repeat(600).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 14; i++) {
            byte[] line = ("{\"n\":" + i + ",\"pad\":\"" + new String(pad, StandardCharsets.UTF_8) + "\"}\n")
                    .getBytes(StandardCharsets.UTF_8);
            file.append(line);
        }
        file.close();
        List<Path> rotated;
        try (Stream<Path> files = Files.list(tmp)) {
            rotated = files.filter(p -> !p.getFileName().toString().equals(RotatingFile.ACTIVE)).sorted().toList();
        }
        assertThat(rotated).hasSize(13);
        for (int i = 0; i < rotated.size(); i++) {
            assertThat(rotated.get(i).getFileName().toString())
                    .matches("predictions-\\d{8}T\\d{6}\\.\\d{3}Z-\\d{6}\\.jsonl");
            // the sequence sorts as a number: -000009 before -000010, as written
            assertThat(Files.readString(rotated.get(i))).startsWith("{\"n\":" + i + ",");
        }
    }
}
