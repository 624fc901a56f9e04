package io.ctkit.deploy.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * The docker target's front: a small HTTP reverse proxy on the fixed port that sends each request
 * to the container named in the state file ({@code current.json}: {@code backend_port}), re-read
 * when the file changes. Switching traffic is rewriting that file: requests that already started
 * finish on the old container, every later request goes to the new one, and since the proxy
 * chooses per request (not per connection), a client's keep-alive connection never stays pinned to
 * a container being retired. Each answer carries {@code X-Ctkit-Backend: <port>}, which is how a
 * deployment sees that the switch happened.
 *
 * <p>Run as {@code java -cp … io.ctkit.deploy.internal.FrontProxy PORT STATE_FILE}, a process of
 * its own that outlives the deployment that started it.
 */
public final class FrontProxy {

    /** The response header naming the container port that answered. */
    public static final String BACKEND_HEADER = "X-Ctkit-Backend";

    private static final List<String> FORWARDED = List.of("Content-Type", "Accept");

    private final Path state;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile int backend;
    private FileTime seen;

    private FrontProxy(Path state) {
        this.state = state;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: FrontProxy PORT STATE_FILE");
            System.exit(2);
        }
        FrontProxy proxy = new FrontProxy(Path.of(args[1]));
        proxy.refresh();
        HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(args[0])), 128);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", proxy::forward);
        server.start();
        System.out.println("ctkit front proxy on port " + args[0] + ", backend port " + proxy.backend);
        while (true) {
            Thread.sleep(50);
            proxy.refresh();
        }
    }

    private void refresh() {
        try {
            FileTime modified = Files.getLastModifiedTime(state);
            if (!modified.equals(seen)) {
                int port = new ObjectMapper().readTree(state.toFile()).path("backend_port").asInt();
                if (port != backend) {
                    System.out.println("backend port " + backend + " -> " + port);
                }
                backend = port;
                seen = modified;
            }
        } catch (IOException e) {
            // no state yet, or being replaced (the rename is atomic): keep the backend we have
        }
    }

    private void forward(HttpExchange exchange) throws IOException {
        int port = backend;
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + exchange.getRequestURI())).timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String name : FORWARDED) {
                String value = exchange.getRequestHeaders().getFirst(name);
                if (value != null) {
                    request.header(name, value);
                }
            }
            HttpResponse<byte[]> answer;
            try {
                answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            } catch (IOException e) {
                reply(exchange, port, 502, "application/json", ("{\"error\":\"the ctkit front proxy could not reach"
                        + " the model container on port " + port + ": " + e.toString().replace('"', '\'') + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            reply(exchange, port, answer.statusCode(), answer.headers().firstValue("Content-Type")
                    .orElse("application/json"), answer.body());
        }
    }

    private static void reply(HttpExchange exchange, int port, int status, String type, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set(BACKEND_HEADER, Integer.toString(port));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
