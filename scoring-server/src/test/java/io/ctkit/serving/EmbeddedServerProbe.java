package io.ctkit.serving;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A user's program that embeds the server, for {@link EmbeddedServerIgnoresEnvironmentTest}: run
 * as a child JVM whose environment holds {@code CTKIT_*} variables, it starts a server from Java
 * and reports on stdout what it sees, then serves until its stdin ends.
 */
public final class EmbeddedServerProbe {

    private EmbeddedServerProbe() {
    }

    /** {@code args}: the model directory and the port the Java configuration asks for. */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        // what the parent set, so that it can tell the variables were there to be ignored
        System.getenv().keySet().stream().filter(k -> k.startsWith("CTKIT_")).sorted()
                .forEach(k -> out.println("env " + k + "=" + System.getenv(k)));
        out.println("defaults " + ServerConfig.of(Path.of(args[0])));
        ServerConfig config = ServerConfig.of(Path.of(args[0])).withHost("127.0.0.1").withPort(Integer.parseInt(args[1]))
                .withDrainDelay(java.time.Duration.ZERO);
        try (ScoringServer server = ScoringServer.start(config, new PrintStream(System.err, true, StandardCharsets.UTF_8))) {
            out.println("serving " + server.port() + " " + server.modelName() + " " + server.uri());
            try {
                System.in.readAllBytes(); // until the parent closes our stdin
            } catch (IOException e) {
                // the parent went away: stop as well
            }
            server.shutdown();
        }
        out.println("stopped");
    }
}
