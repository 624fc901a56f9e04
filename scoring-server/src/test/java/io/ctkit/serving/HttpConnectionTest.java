package io.ctkit.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Behaviour of one connection: keep-alive, pipelined requests answered in order, Expect: 100-continue, HEAD. */
class HttpConnectionTest {

    static final String PREDICT = "{\"instances\":[[" + MalformedRequestTest.ROW + "],[" + MalformedRequestTest.ROW + "]]}";

    @Test
    void pipelinedRequestsAreAnsweredInTheOrderTheyWereSent() throws Exception {
        // The POST is held at the gate on a worker thread; the GET behind it, sent in the same write and so read
        // with it, would be answered at once on the I/O thread if the server did not keep the order.
        Gate gate = new Gate();
        try (RunningServer server = RunningServer.start(ServerConfig.of(TestBundles.WINE), gate.settings());
                Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            byte[] body = PREDICT.getBytes(StandardCharsets.UTF_8);
            String first = "POST /v1/models/wine-classifier:predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n" + PREDICT;
            String second = "GET /v2/models/wine-classifier HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write((first + second).getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            gate.awaitArrivals(1);
            gate.open();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer.split("HTTP/1.1 200 OK", -1)).hasSize(3);
            assertThat(answer.indexOf("{\"predictions\"")).isPositive().isLessThan(answer.indexOf("{\"name\":\"wine-classifier\""));
        }
    }

    @Test
    void aKeptAliveConnectionServesManyRequestsAndAnswersExpectContinue() throws Exception {
        try (RunningServer server = RunningServer.start("--model", TestBundles.WINE.toString())) {
            byte[] body = PREDICT.getBytes(StandardCharsets.UTF_8);
            StringBuilder requests = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                requests.append("POST /v1/models/wine-classifier:predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n")
                        .append(i == 4 ? "Connection: close\r\n" : "").append(i == 0 ? "Expect: 100-continue\r\n" : "")
                        .append("Content-Length: ").append(body.length).append("\r\n\r\n").append(PREDICT);
            }
            String answer = exchange(server.port(), requests.toString());

            assertThat(answer).startsWith("HTTP/1.1 100 Continue");
            assertThat(answer.split("HTTP/1.1 200 OK", -1)).hasSize(6);
            assertThat(answer.split("\\{\"predictions\"", -1)).hasSize(6);
        }
    }

    @Test
    void aGetRightAfterAHeadOnTheSameConnectionGetsExactlyItsAnswer() throws Exception {
        try (RunningServer server = RunningServer.start("--model", TestBundles.WINE.toString());
                Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write(ascii("HEAD /v2/models/wine-classifier HTTP/1.1\r\nHost: x\r\n\r\n"));
            out.flush();
            Head head = readHead(in);
            out.write(ascii("GET /v2/models/wine-classifier HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
            out.flush();
            // had the HEAD answer carried a body, this would read the body's bytes as a status line
            Head get = readHead(in);
            byte[] body = in.readNBytes(get.contentLength());
            int after = in.read();

            assertThat(head.status()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(head.headers()).containsEntry("connection", "keep-alive");
            assertThat(get.status()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(head.withoutConnection()).isEqualTo(get.withoutConnection());
            assertThat(head.contentLength()).isPositive().isEqualTo(body.length);
            assertThat(new String(body, StandardCharsets.UTF_8)).startsWith("{\"name\":\"wine-classifier\"").endsWith("}");
            assertThat(after).as("nothing after the GET's body").isEqualTo(-1);
        }
    }

    @Test
    void headAnswersPipelinedBehindAnExpectContinueRequestKeepEveryBodyInPlace() throws Exception {
        // Netty 4.1's codec would pair the POST's answer with the HEAD if the 100 went through it (RequestReader);
        // scored on a worker, the POST is answered after the codec has seen the requests behind it
        try (RunningServer server = RunningServer.start("--model", TestBundles.WINE.toString(), "--inline-max-bytes", "0");
                Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            byte[] body = PREDICT.getBytes(StandardCharsets.UTF_8);
            String requests = "POST /v1/models/wine-classifier:predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Expect: 100-continue\r\nContent-Length: " + body.length + "\r\n\r\n" + PREDICT
                    + "HEAD /v2/health/ready HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "HEAD /v2/models/wine-classifier/infer HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /v2/health/ready HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(ascii(requests));
            socket.getOutputStream().flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());

            Head continued = readHead(in);
            Head predicted = readHead(in);
            String prediction = new String(in.readNBytes(predicted.contentLength()), StandardCharsets.UTF_8);
            Head ready = readHead(in);
            Head refused = readHead(in);
            Head get = readHead(in);
            String readiness = new String(in.readNBytes(get.contentLength()), StandardCharsets.UTF_8);
            int after = in.read();

            assertThat(continued.status()).isEqualTo("HTTP/1.1 100 Continue");
            assertThat(predicted.status()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(prediction).startsWith("{\"predictions\"").endsWith("}");
            assertThat(ready.status()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(ready.contentLength()).isEqualTo(readiness.length());
            assertThat(refused.status()).isEqualTo("HTTP/1.1 405 Method Not Allowed");
            assertThat(refused.headers()).containsEntry("allow", "POST");
            assertThat(get.status()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(readiness).isEqualTo("{\"ready\":true}");
            assertThat(after).as("nothing after the last body").isEqualTo(-1);
        }
    }

    /** A response's status line and headers (names in lower case), read up to the blank line and no further. */
    record Head(String status, Map<String, String> headers) {
        int contentLength() {
            return Integer.parseInt(headers.get("content-length"));
        }

        Map<String, String> withoutConnection() {
            Map<String, String> rest = new TreeMap<>(headers);
            rest.remove("connection");
            return rest;
        }
    }

    private static Head readHead(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0 || head.size() > 16_384) {
                throw new AssertionError("no complete response head: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return new Head(lines[0], headers);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String exchange(int port, String requests) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
