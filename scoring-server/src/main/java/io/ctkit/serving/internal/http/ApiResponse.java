package io.ctkit.serving.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A response: status, body, content type and extra headers.
 *
 * @param endpoint the endpoint's name for metrics, e.g. {@code v2_infer}
 */
public record ApiResponse(String endpoint, int status, String contentType, byte[] body, Map<String, String> headers) {

    public static final String JSON = "application/json";

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public static ApiResponse json(String endpoint, int status, byte[] body) {
        return new ApiResponse(endpoint, status, JSON, body, Map.of());
    }

    public static ApiResponse text(String endpoint, int status, String contentType, String body) {
        return new ApiResponse(endpoint, status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public ApiResponse withHeaders(Map<String, String> extra) {
        if (headers.isEmpty()) {
            // the common case (a scoring response's headers): no map to merge
            return new ApiResponse(endpoint, status, contentType, body, extra);
        }
        var merged = new java.util.HashMap<>(headers);
        merged.putAll(extra);
        return new ApiResponse(endpoint, status, contentType, body, merged);
    }
}
