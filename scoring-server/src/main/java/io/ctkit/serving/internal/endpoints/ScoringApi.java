package io.ctkit.serving.internal.endpoints;

import io.ctkit.serving.internal.ServerLog;
import io.ctkit.serving.internal.http.Api;
import io.ctkit.serving.internal.http.ApiRequest;
import io.ctkit.serving.internal.http.ApiResponse;
import io.ctkit.serving.internal.metrics.ModelMetrics;
import io.ctkit.serving.internal.metrics.ServerMetrics;
import io.ctkit.serving.internal.model.ModelRepository;
import io.ctkit.serving.internal.model.Scorer;
import io.ctkit.serving.internal.model.Scores;
import io.ctkit.serving.internal.model.ServedModel;
import io.ctkit.serving.internal.predictionlog.LogRecord;
import io.ctkit.serving.internal.predictionlog.PredictionLog;
import io.ctkit.serving.internal.protocol.Feedback;
import io.ctkit.serving.internal.protocol.InputBatch;
import io.ctkit.serving.internal.protocol.Json;
import io.ctkit.serving.internal.protocol.KserveV2;
import io.ctkit.serving.internal.protocol.PredictionIds;
import io.ctkit.serving.internal.protocol.RequestException;
import io.ctkit.serving.internal.protocol.TfServing;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * The endpoints (ARCHITECTURE.md, "The scoring service"). Cheap GETs are answered on the I/O
 * thread; scoring and feedback run on the worker executor. Every model response carries
 * {@code X-Model-Name} and {@code X-Model-Version}; scoring responses also
 * {@code X-Prediction-Id}.
 */
public final class ScoringApi implements Api {

    static final String VERSION_HEADER = "X-Model-Version";
    static final String PREDICTION_ID_HEADER = "X-Prediction-Id";

    /**
     * What the endpoints are configured with.
     *
     * @param inlineMaxBytes requests with bodies up to this size are scored on the I/O thread; 0 for never
     * @param benchNoop whether {@code /bench/noop} answers (404 otherwise)
     * @param beforeScoring run on the worker thread of every scoring and feedback request after it
     *     took its model version and before its body is decoded; null for none. Only the CLI's hidden
     *     {@code --test-delay} and tests set it (to hold requests in flight); with it, every such
     *     request runs on the workers, so holding one never stalls an I/O thread.
     */
    public record Settings(int maxJsonDepth, int maxRows, int inlineMaxBytes, boolean benchNoop,
            Runnable beforeScoring) {
    }

    private final Settings settings;
    private final ModelRepository repository;
    private final Json json;
    private final KserveV2 v2;
    private final TfServing tf;
    private final ServerMetrics metrics;
    private final PredictionLog predictionLog;
    private final Scorer scorer;
    private final Executor workers;
    private final BooleanSupplier draining;
    private final PredictionIds ids = new PredictionIds();
    private final String serverVersion;
    private final ServerLog log;

    public ScoringApi(Settings settings, ModelRepository repository, ServerMetrics metrics, PredictionLog predictionLog,
            Scorer scorer, Executor workers, BooleanSupplier draining, ServerLog log) {
        this.log = log;
        this.settings = settings;
        this.repository = repository;
        this.json = new Json(settings.maxJsonDepth());
        this.v2 = new KserveV2(json, settings.maxRows());
        this.tf = new TfServing(json, settings.maxRows());
        this.metrics = metrics;
        this.predictionLog = predictionLog;
        this.scorer = scorer;
        this.workers = workers;
        this.draining = draining;
        String v = ScoringApi.class.getPackage().getImplementationVersion();
        this.serverVersion = v == null ? "development" : v;
    }

    @Override
    public String endpoint(String method, String path) {
        return Route.of(path).endpoint();
    }

    @Override
    public boolean exempt(String path) {
        return path.equals("/metrics") || path.startsWith("/v2/health/") || path.equals("/bench/noop")
                || Route.of(path).endpoint().equals("v2_model_ready"); // a model's readiness is a probe too
    }

    @Override
    public void completed(String endpoint, int status, long startNanos) {
        metrics.request(endpoint, status, System.nanoTime() - startNanos);
    }

    @Override
    public byte[] error(String message) {
        return json.error(message);
    }

    @Override
    public CompletableFuture<ApiResponse> handle(ApiRequest request) {
        Route route = Route.of(request.path());
        try {
            if (route == Route.UNKNOWN || (route.endpoint().equals("noop") && !settings.benchNoop())) {
                throw RequestException.notFound("no endpoint " + request.method() + " " + clip(request.path())
                        + "; see GET /v2/models/" + repository.current().name() + " or docs/scoring-server.md");
            }
            if (!route.methods().contains(request.method())) {
                return CompletableFuture.completedFuture(error(route, new RequestException(405, request.method()
                        + " is not allowed on " + clip(request.path()) + "; use " + String.join(" or ", route.methods())))
                        .withHeaders(Map.of("Allow", String.join(", ", route.methods()))));
            }
            if (request.method().equals("POST") && !route.endpoint().equals("noop")) {
                checkContentType(request.contentType());
                ServedModel served = model(route);
                if (request.body().length <= settings.inlineMaxBytes() && settings.beforeScoring() == null) {
                    // small requests: a hand-off to a worker would cost more than the scoring itself
                    return post(route, request, served).exceptionally(e -> error(route, served,
                            e instanceof CompletionException ? e.getCause() : e));
                }
                return CompletableFuture.supplyAsync(() -> post(route, request, served), workers)
                        .thenCompose(f -> f)
                        .exceptionally(e -> error(route, served, e instanceof CompletionException ? e.getCause() : e));
            }
            return CompletableFuture.completedFuture(get(route));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(error(route, e));
        }
    }

    private ApiResponse get(Route route) {
        String endpoint = route.endpoint();
        return switch (endpoint) {
            case "v2_live" -> ApiResponse.json(endpoint, 200, json.write(g -> {
                g.writeStartObject();
                g.writeBooleanField("live", true);
                g.writeEndObject();
            }));
            case "v2_ready" -> readiness(route, ready());
            case "v2_server" -> ApiResponse.json(endpoint, 200, v2.serverMetadata(serverVersion));
            case "metrics" -> ApiResponse.text(endpoint, 200, "text/plain; version=0.0.4; charset=utf-8",
                    metrics.scrape());
            case "noop" -> ApiResponse.json(endpoint, 200, NOOP);
            default -> {
                ServedModel served = model(route);
                byte[] body = switch (endpoint) {
                    case "v2_model" -> v2.modelMetadata(served);
                    case "v2_model_ready" -> null;
                    case "tf_status" -> tf.status(served);
                    case "tf_metadata" -> tf.metadata(served);
                    default -> throw new IllegalStateException("no GET handler for " + endpoint);
                };
                ApiResponse response = body == null ? readiness(route, ready()) : ApiResponse.json(endpoint, 200, body);
                yield response.withHeaders(modelHeaders(served));
            }
        };
    }

    private static final byte[] NOOP = "{\"ok\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private boolean ready() {
        return !draining.getAsBoolean();
    }

    private ApiResponse readiness(Route route, boolean ready) {
        return ApiResponse.json(route.endpoint(), ready ? 200 : 503, json.write(g -> {
            g.writeStartObject();
            if (route.model() != null) {
                g.writeStringField("name", route.model());
            }
            g.writeBooleanField("ready", ready);
            g.writeEndObject();
        }));
    }

    private CompletableFuture<ApiResponse> post(Route route, ApiRequest request, ServedModel served) {
        if (settings.beforeScoring() != null) {
            settings.beforeScoring().run();
        }
        return switch (route.endpoint()) {
            case "v2_infer" -> {
                KserveV2.Infer fast = v2.decodeFast(request.body(), served);
                KserveV2.Infer infer = fast != null ? fast : v2.decode(json.read(request.body()), served);
                yield score(served, infer.batch()).thenApply(scored -> {
                    String id = ids.next();
                    ApiResponse response = ApiResponse.json(route.endpoint(), 200,
                            v2.response(served, infer, scored, id)).withHeaders(scoringHeaders(served, id));
                    observe(route, served, infer.batch(), scored, id);
                    return response;
                });
            }
            case "tf_predict" -> {
                TfServing.Predict fast = tf.decodeFast(request.body(), served);
                TfServing.Predict predict = fast != null ? fast : tf.decode(json.read(request.body()), served);
                yield score(served, predict.batch()).thenApply(scored -> {
                    String id = ids.next();
                    ApiResponse response = ApiResponse.json(route.endpoint(), 200, tf.response(predict, scored))
                            .withHeaders(scoringHeaders(served, id));
                    observe(route, served, predict.batch(), scored, id);
                    return response;
                });
            }
            default -> {
                LogRecord.Feedback feedback = Feedback.decode(json.read(request.body()), served.model().task(),
                        served.model().labels(),
                        settings.maxRows(), System.currentTimeMillis());
                if (predictionLog == null) {
                    throw new RequestException(409, "this server keeps no prediction log (start it with --log-dir)"
                            + ", so feedback cannot be recorded");
                }
                predictionLog.offer(feedback);
                yield CompletableFuture.completedFuture(ApiResponse.json(route.endpoint(), 200, json.write(g -> {
                    g.writeStartObject();
                    g.writeStringField("id", feedback.id());
                    g.writeNumberField("accepted", feedback.outcomes().size());
                    g.writeEndObject();
                })).withHeaders(modelHeaders(served)));
            }
        };
    }

    private CompletableFuture<Scores> score(ServedModel served, InputBatch batch) {
        double[] features = served.encode(batch);
        return scorer.score(served, features, batch.rows()).thenApply(scored -> {
            int bad = scored.firstNonFinite();
            if (bad >= 0) {
                throw new RequestException(422, "row " + bad + ": the model's output is not finite for these inputs"
                        + " (values far outside the training range?); nothing was scored");
            }
            return scored;
        });
    }

    private void observe(Route route, ServedModel served, InputBatch batch, Scores scored, String id) {
        metrics.rows(route.endpoint(), batch.rows());
        ModelMetrics distributions = metrics.model();
        if (distributions != null && distributions.version().equals(served.version())) {
            distributions.record(batch, scored);
        }
        if (predictionLog != null) {
            predictionLog.offer(new LogRecord.Prediction(id, System.currentTimeMillis(), served.name(),
                    served.version(), batch, scored));
        }
    }

    private ServedModel model(Route route) {
        ServedModel served = repository.current();
        if (!served.name().equals(route.model())) {
            throw RequestException.notFound("model \"" + clip(route.model()) + "\" is not served here; this server"
                    + " serves \"" + served.name() + "\"");
        }
        if (route.version() != null && !route.version().equals(served.version())) {
            throw RequestException.notFound("version \"" + clip(route.version()) + "\" of model \"" + served.name()
                    + "\" is not served; the served version is " + served.version());
        }
        return served;
    }

    private static void checkContentType(String contentType) {
        if (contentType == null) {
            return;
        }
        String[] parts = contentType.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        boolean json = type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
        if (!json) {
            throw new RequestException(415, "Content-Type \"" + clip(contentType) + "\" is not JSON; send"
                    + " Content-Type: application/json");
        }
        for (int p = 1; p < parts.length; p++) {
            String param = parts[p].trim().toLowerCase(Locale.ROOT).replace("\"", "");
            if (param.startsWith("charset=") && !param.equals("charset=utf-8")) {
                throw new RequestException(415, "Content-Type charset \"" + clip(param.substring(8))
                        + "\" is not supported; send UTF-8 JSON");
            }
        }
    }

    private ApiResponse error(Route route, Throwable e) {
        return error(route, null, e);
    }

    /**
     * @param served the version that handled the request, which its error names (a new version
     *     may have been switched to meanwhile); null if none did, then the version served now
     */
    private ApiResponse error(Route route, ServedModel served, Throwable e) {
        if (e instanceof RequestException r) {
            ApiResponse response = ApiResponse.json(route.endpoint(), r.status(), json.error(r.getMessage()));
            if (route.model() != null) {
                response = response.withHeaders(modelHeaders(served != null ? served : repository.current()));
            }
            return r.status() == 503 ? response.withHeaders(Map.of("Retry-After", "1")) : response;
        }
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        log.error("internal error on " + route.endpoint() + " (a bug in ctkit): " + trace);
        return ApiResponse.json(route.endpoint(), 500, json.error("internal error (a bug in ctkit): " + e));
    }

    private static Map<String, String> modelHeaders(ServedModel served) {
        return Map.of("X-Model-Name", served.name(), VERSION_HEADER, served.version());
    }

    private static Map<String, String> scoringHeaders(ServedModel served, String id) {
        return Map.of("X-Model-Name", served.name(), VERSION_HEADER, served.version(), PREDICTION_ID_HEADER, id);
    }

    private static String clip(String text) {
        return text == null ? "" : text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
