package io.ctkit.serving.internal;

import java.io.PrintStream;
import java.time.Instant;

/**
 * One-line log records on stdout (containers collect stdout): {@code time level message}.
 * An instance, not a static logger, so tests and embedded servers choose the stream.
 */
public final class ServerLog {

    private final PrintStream out;

    public ServerLog(PrintStream out) {
        this.out = out;
    }

    public void info(String message) {
        print("INFO", message);
    }

    public void warn(String message) {
        print("WARN", message);
    }

    public void error(String message) {
        print("ERROR", message);
    }

    private void print(String level, String message) {
        out.println(Instant.now() + " " + level + " " + oneLine(message));
        out.flush();
    }

    /**
     * A message's line breaks (a stack trace's, or any a message quotes) as {@code " | "}, so that
     * a record is one line for the collector and a quoted request cannot forge records.
     */
    static String oneLine(String message) {
        if (message.indexOf('\n') < 0 && message.indexOf('\r') < 0) {
            return message;
        }
        return message.stripTrailing().replaceAll("\\r?\\n\t*|\\r\t*", " | ");
    }
}
