package io.ctkit.retrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * {@code jenkins}: starts the job with {@code POST <job>/buildWithParameters}, authenticated as a
 * user with an API token (HTTP Basic). It first asks {@code /crumbIssuer/api/json} for a CSRF
 * crumb and sends it in the header the answer names; the crumb is bound to the session, so the
 * session cookie of the first request goes with the second. A Jenkins without CSRF protection
 * (404 from the crumb issuer) gets the POST without a crumb. Jenkins answers 201 with the queue
 * item's URL in {@code Location}: that is the reference recorded.
 */
public final class JenkinsTrigger implements Trigger {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RetrainSettings.Jenkins settings;
    private final Function<String, String> environment;
    private final HttpClient http;

    /** @param environment where the API token is looked up by name ({@code System::getenv}) */
    public JenkinsTrigger(RetrainSettings.Jenkins settings, Function<String, String> environment) {
        this.settings = settings;
        this.environment = environment;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String kind() {
        return "jenkins";
    }

    @Override
    public Started start(RetrainOrder order) throws IOException, InterruptedException {
        String token = environment.apply(settings.tokenEnv());
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("retrain.jenkins.token_env: the environment variable "
                    + settings.tokenEnv() + " is not set; set it to the API token of Jenkins user " + settings.user());
        }
        String auth = "Basic " + Base64.getEncoder().encodeToString((settings.user() + ":" + token)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> crumb = send(HttpRequest.newBuilder(resolve("crumbIssuer/api/json"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", auth).GET().build());
        HttpRequest.Builder post = HttpRequest.newBuilder(resolve(jobPath() + "/buildWithParameters"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", auth)
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (crumb.statusCode() == 200) {
            JsonNode answer = JSON.readTree(crumb.body());
            String field = answer.path("crumbRequestField").asText("");
            String value = answer.path("crumb").asText("");
            if (field.isEmpty() || value.isEmpty()) {
                throw new IOException("Jenkins " + settings.url() + ": the crumb issuer's answer has no crumb"
                        + " or crumbRequestField" + excerpt(crumb.body()));
            }
            post.header(field, value);
        } else if (crumb.statusCode() != 404) {
            throw new IOException("Jenkins " + settings.url() + ": the crumb issuer answered HTTP " + crumb.statusCode()
                    + hint(crumb.statusCode()) + excerpt(crumb.body()));
        }
        HttpResponse<String> build = send(post.POST(HttpRequest.BodyPublishers.ofString(form(order.parameters()),
                StandardCharsets.UTF_8)).build());
        if (build.statusCode() != 201 && build.statusCode() != 200) {
            throw new IOException("Jenkins job " + settings.job() + " at " + settings.url() + ": buildWithParameters"
                    + " answered HTTP " + build.statusCode() + hint(build.statusCode()) + excerpt(build.body())
                    + "; the retraining was not started");
        }
        String queued = build.headers().firstValue("Location").orElse(null);
        return new Started("submitted", queued, "Jenkins job " + settings.job() + " queued"
                + (queued == null ? "" : " as " + queued));
    }

    /** {@code ml/wine} is {@code job/ml/job/wine}: every folder is a job of its own in the URL. */
    String jobPath() {
        StringJoiner path = new StringJoiner("/");
        for (String part : settings.job().split("/")) {
            path.add("job").add(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return path.toString();
    }

    private URI resolve(String path) {
        String base = settings.url().toString();
        return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
    }

    private static String form(Map<String, String> parameters) {
        StringJoiner body = new StringJoiner("&");
        parameters.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("cannot reach Jenkins at " + settings.url() + ": " + e
                    + "; the retraining was not started", e);
        }
    }

    private String hint(int status) {
        return switch (status) {
            case 401 -> " (the user " + settings.user() + " or the token in " + settings.tokenEnv() + " is wrong)";
            case 403 -> " (the user " + settings.user() + " may not build " + settings.job() + ", or the crumb was refused)";
            case 404 -> " (no job " + settings.job() + " there; check retrain.jenkins.job)";
            default -> "";
        };
    }

    /** The start of an error answer, on one line, for the message. */
    static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.strip().replaceAll("\\s+", " ");
        return ": " + (line.length() > 200 ? line.substring(0, 200) + "..." : line);
    }
}
