package io.ctkit.serving.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The bounds of a lingering close: after answering a request whose body it did not read, the
 * server discards what the client still sends for a limited time and a limited number of bytes,
 * and then closes even if the client goes on.
 */
class LingeringCloseTest {

    private static final Api API = new Api() {
        @Override
        public CompletableFuture<ApiResponse> handle(ApiRequest request) {
            return CompletableFuture.completedFuture(ApiResponse.json("ok", 200, "{}".getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String endpoint(String method, String path) {
            return "test";
        }

        @Override
        public boolean exempt(String path) {
            return false;
        }

        @Override
        public void completed(String endpoint, int status, long startNanos) {
        }

        @Override
        public byte[] error(String message) {
            return "{\"error\":\"refused\"}".getBytes(StandardCharsets.UTF_8);
        }
    };

    private static final byte[] OVER_THE_LIMIT = ("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void aClientThatGoesOnSendingIsCutOffAfterTheLingerTime() throws Exception {
        Duration linger = Duration.ofMillis(300);
        try (HttpServer server = HttpServer.start(settings(linger, Long.MAX_VALUE), API);
                Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(OVER_THE_LIMIT);
            String answer = readToTheEnd(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413 ").endsWith("{\"error\":\"refused\"}");

            long start = System.nanoTime();
            long written = writeUntilRefused(socket.getOutputStream(), 1024, Duration.ofMillis(10), Duration.ofSeconds(30));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(written).as("bytes taken while lingering").isPositive();
            assertThat(took).as("closed after the linger time, not at the end of the body").isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void aClientThatSendsMoreThanTheByteCapIsCutOffThere() throws Exception {
        long cap = 1 << 20;
        try (HttpServer server = HttpServer.start(settings(Duration.ofMinutes(5), cap), API);
                Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(OVER_THE_LIMIT);
            String answer = readToTheEnd(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413 ");

            long written = writeUntilRefused(socket.getOutputStream(), 64 * 1024, Duration.ZERO, Duration.ofSeconds(60));

            // what the kernel buffers on both sides comes on top of the cap, a few MiB at most on loopback
            assertThat(written).isGreaterThan(cap).isLessThan(64L << 20);
        }
    }

    @Test
    void aClientThatClosesEndsTheLingerAtOnceAndTheServerGoesOn() throws Exception {
        try (HttpServer server = HttpServer.start(settings(Duration.ofMinutes(5), Long.MAX_VALUE), API)) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(OVER_THE_LIMIT);
                assertThat(readToTheEnd(socket.getInputStream())).startsWith("HTTP/1.1 413 ");
            }
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("GET /y HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(readToTheEnd(socket.getInputStream())).startsWith("HTTP/1.1 200 ");
            }
            // the bookkeeping follows the write that the client has already seen
            await().atMost(Duration.ofSeconds(10)).until(() -> server.active() == 0);
            assertThat(server.inflight()).as("no permit is left behind").isZero();
        }
    }

    private static HttpServer.Settings settings(Duration linger, long lingerBytes) {
        return new HttpServer.Settings("127.0.0.1", 0, 1024, 4, 1, Duration.ofSeconds(60), linger, lingerBytes);
    }

    private static String readToTheEnd(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Writes chunks until the server's close makes a write fail; the bytes written before. */
    private static long writeUntilRefused(OutputStream out, int chunk, Duration pause, Duration deadline)
            throws InterruptedException {
        byte[] bytes = new byte[chunk];
        long written = 0;
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException closedByTheServer) {
                return written;
            }
            written += chunk;
            if (!pause.isZero()) {
                Thread.sleep(pause.toMillis()); // paces the client only; nothing is ordered by it
            }
        }
        throw new AssertionError("the server still took bytes after " + deadline + " (" + written + " bytes)");
    }
}
