package io.ctkit.serving;

import io.ctkit.serving.internal.ServerLog;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** An in-process server on a free loopback port, for tests; its log goes to a buffer. */
final class RunningServer implements AutoCloseable {

    final ScoringServer server;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private RunningServer(ServerConfig config, InternalSettings internal) throws Exception {
        this.server = ScoringServer.start(config, internal,
                new ServerLog(new PrintStream(log, true, StandardCharsets.UTF_8)));
    }

    /**
     * Starts as the command line would with these flags, plus {@code --port 0 --host 127.0.0.1}
     * and {@code --drain-delay 0ms} unless they set it.
     */
    static RunningServer start(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--port", "0", "--host", "127.0.0.1"));
        if (!List.of(args).contains("--drain-delay")) {
            all.addAll(List.of("--drain-delay", "0ms"));
        }
        all.addAll(List.of(args));
        ServeCommand command = ServeCommand.parsed(all.toArray(String[]::new));
        return new RunningServer(command.config(), command.internalSettings());
    }

    /** Starts as a Java user would, on a free loopback port without drain delay, with the tests' own settings. */
    static RunningServer start(ServerConfig config, InternalSettings internal) throws Exception {
        return new RunningServer(config.withHost("127.0.0.1").withPort(0).withDrainDelay(Duration.ZERO), internal);
    }

    /** Connect and read timeouts of {@link #given()}: a request that gets no answer fails instead of hanging. */
    private static final RestAssuredConfig TIMEOUTS = RestAssuredConfig.config().httpClient(HttpClientConfig
            .httpClientConfig().setParam("http.connection.timeout", 10_000).setParam("http.socket.timeout", 30_000));

    /** A REST Assured request aimed at this server (no global REST Assured state). */
    RequestSpecification given() {
        return RestAssured.given().config(TIMEOUTS).baseUri("http://127.0.0.1").port(server.port())
                .urlEncodingEnabled(false);
    }

    int port() {
        return server.port();
    }

    String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close();
    }
}
