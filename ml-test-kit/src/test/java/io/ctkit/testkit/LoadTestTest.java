package io.ctkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The open-loop generator against real HTTP servers (the JDK's com.sun.net.httpserver): a server
 * that stalls once, one that fails every tenth request, and no server at all.
 */
class LoadTestTest {

    private HttpServer server;
    private ExecutorService executor;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    /** A server with one worker thread; {@code stallAt} (1-based) sleeps {@code stall} before answering. */
    private URI serve(int stallAt, Duration stall, int failEvery) throws IOException {
        AtomicInteger count = new AtomicInteger();
        executor = Executors.newSingleThreadExecutor();
        server = TestHttpServers.create();
        server.setExecutor(executor);
        server.createContext("/score", exchange -> {
            int n = count.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            if (n == stallAt) {
                try {
                    Thread.sleep(stall.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(failEvery > 0 && n % failEvery == 0 ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/score");
    }

    @Test
    void openLoopLatenciesIncludeTheQueueingBehindAStallThatAClosedLoopHides() throws IOException {
        // One connection, 50 requests/s for 3 s; the server holds the 40th request for 1 s. About
        // 50 requests fall due during the stall: they wait behind it, and their latency counts the
        // wait. A closed loop (the service time, from the actual send) sees one slow request only.
        URI target = serve(40, Duration.ofSeconds(1), 0);

        LoadResult result = LoadTest.against(target).rate(50).warmUp(Duration.ZERO).duration(Duration.ofSeconds(3))
                .connections(1).bodies(List.of("{}")).run();

        assertThat(result.requests()).as(result.summary()).isBetween(140L, 150L);
        assertThat(result.errors()).isZero();
        assertThat(result.max()).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        assertThat(result.serviceTime(100)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        // the queueing: a fifth of the requests waited 200 ms or more behind the stall ...
        assertThat(result.percentile(80)).as(result.summary()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(result.percentile(95)).as(result.summary()).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        // ... which the service time, what a closed loop would report, does not show
        assertThat(result.serviceTime(95)).as(result.summary()).isLessThan(Duration.ofMillis(100));
        assertThat(result.histogramLog()).asString(StandardCharsets.UTF_8).contains("#[Histogram log format version");
        assertThat(result.latencyChart()).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void countsErrorsByStatusAndFailsTheErrorRateAssertionWithTheWholeSummary() throws IOException {
        URI target = serve(0, Duration.ZERO, 10);

        LoadResult result = LoadTest.against(target).rate(100).warmUp(Duration.ZERO).duration(Duration.ofSeconds(1))
                .connections(2).bodies(List.of("{}")).run();

        assertThat(result.requests()).isEqualTo(100);
        assertThat(result.errorsByStatus()).containsExactly(java.util.Map.entry(503, 10L));
        assertThat(result.errorRate()).isEqualTo(0.10);
        assertThatThrownBy(() -> LoadResultAssert.assertThat(result).errorRate().isZero())
                .hasMessageStartingWith(String.format("%nExpecting the error rate of the load test:%n  10.00%% (10 of 100"
                        + " requests failed)%nto be:%n  0%nbut it was not (100/s for 1 s on 2 connections against "
                        + target + ": 100 requests, p50 "))
                .hasMessageContaining("; errors 10 (HTTP 503: 10); achieved ");
        LoadResultAssert.assertThat(result).errorRate().isAtMost(0.10);
        assertThatThrownBy(() -> LoadResultAssert.assertThat(result).p99().isLessThan(Duration.ZERO))
                .hasMessageStartingWith(String.format("%nExpecting the p99 latency of the load test:%n  "))
                .hasMessageContaining(String.format("%nto be less than:%n  0.00 ms%nbut it was not (100/s for 1 s"));
        assertThatThrownBy(() -> LoadResultAssert.assertThat(result).achievedRate().isAtLeast(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the bound is a fraction from 0 to 1 (0.95 for 95%): 1.5");
    }

    @Test
    void aTargetThatRefusesConnectionsIsAClearError() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI target = URI.create("http://127.0.0.1:" + port + "/v2/models/m/infer");

        assertThatThrownBy(() -> LoadTest.against(target).rate(10).duration(Duration.ofSeconds(1)).run())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("load test: cannot connect to 127.0.0.1:" + port + " (" + target + "): ")
                .hasMessageContaining("refused");
        assertThatThrownBy(() -> LoadTest.against(target).duration(Duration.ofSeconds(1)).run())
                .hasMessage("LoadTest against " + target + ": no rate; call rate(requestsPerSecond)");
        assertThatThrownBy(() -> LoadTest.against(target).rate(-5))
                .hasMessage("LoadTest.rate: requests per second must be a positive number: -5.0");
    }
}
