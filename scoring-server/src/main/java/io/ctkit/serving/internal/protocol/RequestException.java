package io.ctkit.serving.internal.protocol;

/**
 * A client's request cannot be answered as asked; becomes a 4xx response with
 * {@code {"error": message}}. The message says what was wrong and where (a JSON path).
 */
public final class RequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public RequestException(int status, String message) {
        super(message, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 4xx or 5xx: " + status);
        }
        this.status = status;
    }

    public static RequestException badRequest(String message) {
        return new RequestException(400, message);
    }

    public static RequestException notFound(String message) {
        return new RequestException(404, message);
    }

    public int status() {
        return status;
    }
}
