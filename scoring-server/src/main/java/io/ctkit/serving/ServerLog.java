package io.ctkit.serving;

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
        out.println(Instant.now() + " " + level + " " + message);
        out.flush();
    }
}
