package io.ctkit.serving;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A scoring request kept in flight by its client: headers and half the body sent, the rest on
 * {@link #finish()}. The server admits a request (takes its in-flight permit) when its headers
 * arrive, so a held request counts against {@code --max-inflight} and keeps a shutdown waiting,
 * for exactly as long as the test wants, without any delay in the server.
 */
final class HeldRequest implements AutoCloseable {

    private final Socket socket;
    private final byte[] rest;

    private HeldRequest(Socket socket, byte[] rest) {
        this.socket = socket;
        this.rest = rest;
    }

    /** Sends the headers of a POST of {@code body} to {@code path} and the first half of the body. */
    static HeldRequest start(int port, String path, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        int half = bytes.length / 2;
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes, 0, half);
        out.flush();
        return new HeldRequest(socket, java.util.Arrays.copyOfRange(bytes, half, bytes.length));
    }

    /** Sends the rest of the body and reads the answer. */
    RawHttp.Response finish() throws IOException {
        socket.getOutputStream().write(rest);
        socket.getOutputStream().flush();
        return RawHttp.read(socket.getInputStream());
    }

    /** Abandons the request: the server releases what it held for it. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
