package io.ctkit.testkit.internal.serving;

import io.ctkit.files.FileTrees;
import io.ctkit.serving.ScoringServer;
import io.ctkit.serving.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The scoring server in this JVM, on a bundle directory, on a free port of the loopback interface. */
public final class LocalServer {

    private LocalServer() {
    }

    /**
     * Starts the server on {@code bundleDir}.
     *
     * @param temporary a directory to delete when the server stops (the exported bundle), or null
     */
    public static RunningServer start(Path bundleDir, Path temporary) throws IOException, InterruptedException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream lines = new PrintStream(log, true, StandardCharsets.UTF_8);
        ScoringServer server = ScoringServer.start(ServerConfig.of(bundleDir).withHost("127.0.0.1").withPort(0), lines);
        String uri = server.uri().toString();
        return new RunningServer(java.net.URI.create(uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri), "LOCAL", "local scoring server on " + bundleDir,
                () -> log.toString(StandardCharsets.UTF_8),
                () -> {
                    server.close();
                    if (temporary != null) {
                        FileTrees.delete(temporary);
                    }
                });
    }
}
