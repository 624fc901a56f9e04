package io.ctkit.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A body over {@code --max-body-bytes} gets 413 with a JSON error, and every kind of client reads
 * it: one that sends its whole body before it reads (Python's http.client, requests, many
 * proxies), one that declared a chunked body, and one that waits for {@code 100 Continue} and so
 * sends no body at all.
 */
class BodyLimitTest {

    static final long LIMIT = 1 << 20;
    static final String PREDICT = "/v1/models/wine-classifier:predict";
    static final long SIXTY_FOUR_MB = 64_000_000;

    static RunningServer server;

    @TempDir
    Path tmp;

    private Process python;

    @AfterEach
    void stopPython() throws InterruptedException {
        if (python != null) {
            python.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(ServerConfig.of(TestBundles.WINE).withMaxBodyBytes(LIMIT), InternalSettings.NONE);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aClientThatSendsAll64MbBeforeReadingGetsThe413AndItsMessage() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head("Content-Length: " + SIXTY_FOUR_MB));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            // every byte is written before anything is read, as http.client does: a write failing here is
            // the broken pipe such a client would get instead of the answer
            for (long sent = 0; sent < SIXTY_FOUR_MB; sent += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, SIXTY_FOUR_MB - sent));
            }
            out.flush();
            RawHttp.Response answer = RawHttp.read(socket.getInputStream());

            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.headers()).containsEntry("content-type", "application/json")
                    .containsEntry("connection", "close");
            assertThat(new ObjectMapper().readTree(answer.body()).path("error").asText()).isEqualTo("request body of "
                    + SIXTY_FOUR_MB + " bytes is larger than the limit of " + LIMIT + " bytes (--max-body-bytes)");
        }
        assertThat(server.given().get("/v2/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void aChunkedBodySentToItsEndBeforeReadingGetsThe413() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head("Transfer-Encoding: chunked"));
            byte[] chunk = ("10000\r\n" + " ".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 128; i++) { // 8 MiB
                out.write(chunk);
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            RawHttp.Response answer = RawHttp.read(socket.getInputStream());

            assertThat(answer.status()).isEqualTo(413);
            assertThat(new ObjectMapper().readTree(answer.body()).path("error").asText())
                    .isEqualTo("request body is larger than the limit of " + LIMIT + " bytes (--max-body-bytes)");
        }
    }

    @Test
    void aClientExpecting100ContinueGetsThe413InsteadAndNeverSendsTheBody() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head("Expect: 100-continue\r\nContent-Length: " + SIXTY_FOUR_MB));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream everything = new ByteArrayOutputStream();
            // to the end of the stream: the server ends its side after the answer without waiting for a body
            in.transferTo(everything);
            String text = everything.toString(StandardCharsets.UTF_8);

            assertThat(text).startsWith("HTTP/1.1 413 ").doesNotContain("100 Continue");
            assertThat(text.substring(text.indexOf("\r\n\r\n") + 4)).startsWith("{\"error\":\"request body of "
                    + SIXTY_FOUR_MB + " bytes is larger than the limit");
        }
    }

    @Test
    void pythonsHttpClientReadsThe413() throws Exception {
        Path interpreter = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(interpreter), "Python's http.client is the reference client here; no " + interpreter);
        Path script = tmp.resolve("post.py");
        Files.writeString(script, """
                import http.client, sys
                conn = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=60)
                conn.request("POST", "%s", body=b" " * %d, headers={"Content-Type": "application/json"})
                response = conn.getresponse()
                print(response.status)
                print(response.read().decode())
                """.formatted(PREDICT, SIXTY_FOUR_MB));
        Path output = tmp.resolve("post.out");
        python = new ProcessBuilder(interpreter.toString(), script.toString(), Integer.toString(server.port()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).as("python finished").isTrue();
        String printed = Files.readString(output, StandardCharsets.UTF_8);

        assertThat(python.exitValue()).as(printed).isZero();
        assertThat(printed).startsWith("413\n{\"error\":\"request body of " + SIXTY_FOUR_MB
                + " bytes is larger than the limit of " + LIMIT + " bytes (--max-body-bytes)\"}");
    }

    private static byte[] head(String framing) {
        return ("POST " + PREDICT + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + framing + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
