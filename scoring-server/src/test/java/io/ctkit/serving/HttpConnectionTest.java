package io.ctkit.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Behaviour of one connection: keep-alive, pipelined requests answered in order, Expect: 100-continue. */
class HttpConnectionTest {

    static final String PREDICT = "{\"instances\":[[" + MalformedRequestTest.ROW + "],[" + MalformedRequestTest.ROW + "]]}";

    @Test
    void pipelinedRequestsAreAnsweredInTheOrderTheyWereSent() throws Exception {
        // the first request is large enough for a worker thread, the second (a GET) would be answered at once
        try (RunningServer server = RunningServer.start("--model", TestBundles.WINE.toString(), "--inline-max-bytes", "16",
                "--test-delay", "300ms")) {
            byte[] body = PREDICT.getBytes(StandardCharsets.UTF_8);
            String first = "POST /v1/models/wine-classifier:predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n" + PREDICT;
            String second = "GET /v2/models/wine-classifier HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
            String answer = exchange(server.port(), first + second);

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
