package io.ctkit.serving.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ServerLogTest {

    @Test
    void everyRecordIsOneLineEvenWithAStackTraceOrQuotedLineBreaks() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ServerLog log = new ServerLog(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        java.io.StringWriter trace = new java.io.StringWriter();
        new IllegalStateException("boom").printStackTrace(new java.io.PrintWriter(trace));

        log.error("internal error on v2_infer (a bug in ctkit): " + trace);
        log.warn("model \"x\r\n2026-01-01T00:00:00Z INFO forged\" is not served");
        log.info("plain");

        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n", -1);
        assertThat(lines).hasSize(4); // three records and the empty rest after the last newline
        assertThat(lines[0]).contains(" ERROR internal error on v2_infer (a bug in ctkit): "
                + "java.lang.IllegalStateException: boom | at io.ctkit.serving.internal.ServerLogTest.");
        assertThat(lines[1]).endsWith(" WARN model \"x | 2026-01-01T00:00:00Z INFO forged\" is not served");
        assertThat(lines[2]).endsWith(" INFO plain");
        assertThat(lines[3]).isEmpty();
        assertThat(lines[0]).as("no separator for the trace's last line break").doesNotEndWith(" | ");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("\r");
    }
}
