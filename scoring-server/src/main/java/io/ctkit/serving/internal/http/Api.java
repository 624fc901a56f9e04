package io.ctkit.serving.internal.http;

import java.util.concurrent.CompletableFuture;

/** What the HTTP layer serves: the endpoints, and the callbacks it reports to. */
public interface Api {

    /** Answers a request; the future may complete on any thread. Never fails: errors are responses. */
    CompletableFuture<ApiResponse> handle(ApiRequest request);

    /** The endpoint name of a path, for metrics of requests refused before {@link #handle}. */
    String endpoint(String method, String path);

    /** Health, readiness, metrics and the no-op: never refused for overload when sent as bodiless GETs or HEADs, so probes see the truth. */
    boolean exempt(String path);

    /** A response was written (or refused early); for metrics. */
    void completed(String endpoint, int status, long startNanos);

    /** The body of an error response: {@code {"error": message}}. */
    byte[] error(String message);
}
