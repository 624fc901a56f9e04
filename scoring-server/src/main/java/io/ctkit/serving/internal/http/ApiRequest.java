package io.ctkit.serving.internal.http;

/**
 * One complete HTTP request as the API sees it.
 *
 * @param path the decoded path, without the query
 * @param contentType the Content-Type header, or null
 * @param startNanos {@link System#nanoTime()} when the request's headers arrived
 */
public record ApiRequest(String method, String path, String contentType, byte[] body, long startNanos) {
}
