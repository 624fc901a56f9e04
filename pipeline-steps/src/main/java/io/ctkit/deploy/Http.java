package io.ctkit.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** The few HTTP calls a target makes to a scoring server: a POST, a GET, and a GET polled until it holds. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Http() {
    }

    static DeployTarget.Reply post(URI base, String path, String json) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static DeployTarget.Reply get(URI base, String path) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).GET().build());
    }

    /**
     * Polls {@code path} until {@code holds} accepts an answer or {@code timeout} passes; a refused
     * connection counts as not yet.
     *
     * @return whether it held in time
     */
    static boolean await(URI base, String path, Predicate<DeployTarget.Reply> holds, Duration timeout)
            throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        do {
            try {
                if (holds.test(get(base, path))) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + base.resolve(path), e);
            }
        } while (Instant.now().isBefore(deadline));
        return false;
    }

    /** Polls {@code path} until an answer carries {@code header} with {@code value}; whether it did in time. */
    static boolean awaitHeader(URI base, String path, String header, String value, Duration timeout)
            throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        do {
            try {
                HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.headers().firstValue(header).filter(value::equals).isPresent()) {
                    return true;
                }
                Thread.sleep(50);
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + base.resolve(path), e);
            }
        } while (Instant.now().isBefore(deadline));
        return false;
    }

    private static DeployTarget.Reply send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new DeployTarget.Reply(r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + request.uri(), e);
        }
    }
}
