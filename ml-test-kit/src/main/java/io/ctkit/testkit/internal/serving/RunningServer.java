package io.ctkit.testkit.internal.serving;

import java.net.URI;
import java.util.function.Supplier;

/**
 * A scoring server the kit started, in Docker or in this JVM: where it answers, how it was started,
 * its log so far, and how to stop it. Kept in JUnit's root store, which closes it when the run ends.
 *
 * @param baseUri e.g. {@code http://localhost:32768}
 * @param mode {@code DOCKER} or {@code LOCAL}: the mode actually used
 * @param description for messages, e.g. {@code image ctkit/forecast:3 (container 1a2b3c)}
 * @param logs the server's log so far
 * @param stop stops the server and frees what it used
 */
public record RunningServer(URI baseUri, String mode, String description, Supplier<String> logs, AutoCloseable stop)
        implements AutoCloseable {

    @Override
    public void close() throws Exception {
        stop.close();
    }
}
