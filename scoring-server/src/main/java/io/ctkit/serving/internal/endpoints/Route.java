package io.ctkit.serving.internal.endpoints;

import java.util.List;

/**
 * A request path matched to an endpoint: {@code endpoint} names it for metrics, {@code model} and
 * {@code version} are the path's model name and version (null when absent), {@code methods} the
 * methods it takes.
 */
record Route(String endpoint, String model, String version, List<String> methods) {

    static final Route UNKNOWN = new Route("unknown", null, null, List.of());
    /** HEAD wherever GET is: same status and headers, no body (RFC 9110, 9.3.2; the HTTP layer drops the body). */
    private static final List<String> GET = List.of("GET", "HEAD");
    private static final List<String> POST = List.of("POST");

    static Route of(String path) {
        if (path.equals("/metrics")) {
            return new Route("metrics", null, null, GET);
        }
        if (path.equals("/bench/noop")) {
            return new Route("noop", null, null, List.of("GET", "HEAD", "POST"));
        }
        if (path.startsWith("/v2")) {
            return v2(path);
        }
        if (path.startsWith("/v1/models/")) {
            return v1(path.substring("/v1/models/".length()));
        }
        return UNKNOWN;
    }

    private static Route v2(String path) {
        switch (path) {
            case "/v2", "/v2/" -> {
                return new Route("v2_server", null, null, GET);
            }
            case "/v2/health/live" -> {
                return new Route("v2_live", null, null, GET);
            }
            case "/v2/health/ready" -> {
                return new Route("v2_ready", null, null, GET);
            }
            default -> {
            }
        }
        if (!path.startsWith("/v2/models/")) {
            return UNKNOWN;
        }
        // indexOf, not split and join: this runs twice for every request
        String rest = path.substring("/v2/models/".length());
        int slash = rest.indexOf('/');
        String model = slash < 0 ? rest : rest.substring(0, slash);
        if (model.isEmpty()) {
            return UNKNOWN;
        }
        rest = slash < 0 ? "" : rest.substring(slash + 1);
        String version = null;
        if (rest.startsWith("versions/")) {
            int end = rest.indexOf('/', "versions/".length());
            String named = end < 0 ? rest.substring("versions/".length()) : rest.substring("versions/".length(), end);
            if (!named.isEmpty()) {
                version = named;
                rest = end < 0 ? "" : rest.substring(end + 1);
            }
        }
        return switch (rest) {
            case "" -> new Route("v2_model", model, version, GET);
            case "ready" -> new Route("v2_model_ready", model, version, GET);
            case "infer" -> new Route("v2_infer", model, version, POST);
            case "feedback" -> new Route("v2_feedback", model, version, POST);
            default -> UNKNOWN;
        };
    }

    private static Route v1(String rest) {
        String verb = null;
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            verb = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        String[] parts = rest.split("/", -1);
        String model = parts[0];
        if (model.isEmpty()) {
            return UNKNOWN;
        }
        String version = null;
        int at = 1;
        if (parts.length >= 3 && parts[1].equals("versions") && !parts[2].isEmpty()) {
            version = parts[2];
            at = 3;
        }
        String tail = String.join("/", java.util.Arrays.copyOfRange(parts, at, parts.length));
        if (verb != null) {
            if (!tail.isEmpty()) {
                return UNKNOWN;
            }
            return switch (verb) {
                case "predict" -> new Route("tf_predict", model, version, POST);
                case "feedback" -> new Route("tf_feedback", model, version, POST);
                default -> UNKNOWN;
            };
        }
        return switch (tail) {
            case "" -> new Route("tf_status", model, version, GET);
            case "metadata" -> new Route("tf_metadata", model, version, GET);
            default -> UNKNOWN;
        };
    }
}
