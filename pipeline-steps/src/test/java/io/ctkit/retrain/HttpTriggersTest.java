package io.ctkit.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Jenkins and webhook triggers against a real local HTTP server that checks what they send. */
class HttpTriggersTest {

    private HttpServer server;
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

    static final RetrainOrder ORDER = new RetrainOrder("Wine_Quality.v2", "model-decay",
            "3f2a9c1e-77aa-4c1b-9d0e-0123456789ab", "ctkit 0.1.0", "git:0123abc", "data/train.csv",
            "f1 0.71 < 0.80 & drift");

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jenkins");
    }

    @Test
    void jenkinsGetsACrumbThenBuildsWithParametersInTheSameSession() throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString("ci-bot:s3cret-token".getBytes(StandardCharsets.UTF_8));
        server.createContext("/jenkins/crumbIssuer/api/json", ex -> {
            expect(ex.getRequestMethod().equals("GET"), "crumb: method " + ex.getRequestMethod());
            expect(auth.equals(ex.getRequestHeaders().getFirst("Authorization")), "crumb: no or wrong basic auth");
            ex.getResponseHeaders().add("Set-Cookie", "JSESSIONID.abc=node0xyz; Path=/jenkins; HttpOnly");
            respond(ex, 200, "{\"_class\":\"hudson.security.csrf.DefaultCrumbIssuer\",\"crumb\":\"c0ffee42\","
                    + "\"crumbRequestField\":\"Jenkins-Crumb\"}");
        });
        server.createContext("/jenkins/job/ml/job/wine retrain/buildWithParameters", ex -> {
            expect(ex.getRequestMethod().equals("POST"), "build: method " + ex.getRequestMethod());
            expect(ex.getRequestURI().getRawPath().equals("/jenkins/job/ml/job/wine%20retrain/buildWithParameters"),
                    "build: path " + ex.getRequestURI().getRawPath());
            expect("application/x-www-form-urlencoded".equals(ex.getRequestHeaders().getFirst("Content-Type")),
                    "build: content type " + ex.getRequestHeaders().getFirst("Content-Type"));
            expect(auth.equals(ex.getRequestHeaders().getFirst("Authorization")), "build: no or wrong basic auth");
            expect("c0ffee42".equals(ex.getRequestHeaders().getFirst("Jenkins-Crumb")), "build: crumb header "
                    + ex.getRequestHeaders().getFirst("Jenkins-Crumb"));
            String cookie = ex.getRequestHeaders().getFirst("Cookie");
            expect(cookie != null && cookie.contains("JSESSIONID.abc=node0xyz"), "build: session cookie " + cookie);
            received.add(form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            ex.getResponseHeaders().add("Location", "http://ci.example.com/queue/item/17/");
            respond(ex, 201, "");
        });
        JenkinsTrigger jenkins = new JenkinsTrigger(new RetrainSettings.Jenkins(base(), "ml/wine retrain", "ci-bot",
                "JENKINS_TOKEN"), Map.of("JENKINS_TOKEN", "s3cret-token")::get);

        Trigger.Started started = jenkins.start(ORDER);

        assertThat(problems).isEmpty();
        assertThat(started.status()).isEqualTo("submitted");
        assertThat(started.reference()).isEqualTo("http://ci.example.com/queue/item/17/");
        assertThat(received).singleElement().isEqualTo(ORDER.parameters());
    }

    @Test
    void jenkinsRefusalsAndAMissingTokenSayWhatToFix() {
        server.createContext("/jenkins/crumbIssuer/api/json", ex -> respond(ex, 401, "<html>Unauthorized</html>"));
        RetrainSettings.Jenkins settings = new RetrainSettings.Jenkins(base(), "wine", "ci-bot", "JENKINS_TOKEN");

        assertThatThrownBy(() -> new JenkinsTrigger(settings, Map.of("JENKINS_TOKEN", "wrong")::get).start(ORDER))
                .isInstanceOf(IOException.class)
                .hasMessage("Jenkins " + base() + ": the crumb issuer answered HTTP 401 (the user ci-bot or the token"
                        + " in JENKINS_TOKEN is wrong): <html>Unauthorized</html>");
        assertThatThrownBy(() -> new JenkinsTrigger(settings, Map.<String, String>of()::get).start(ORDER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retrain.jenkins.token_env: the environment variable JENKINS_TOKEN is not set; set it to"
                        + " the API token of Jenkins user ci-bot");
    }

    @Test
    void aJenkinsWithoutCsrfProtectionGetsThePostWithoutACrumbAndAWebhookRefusalIsAnError() throws Exception {
        server.createContext("/jenkins/crumbIssuer/api/json", ex -> respond(ex, 404, "Not Found"));
        server.createContext("/jenkins/job/wine/buildWithParameters", ex -> {
            expect(ex.getRequestHeaders().getFirst("Jenkins-Crumb") == null, "build: a crumb was sent");
            received.add(form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            respond(ex, 201, "");
        });
        server.createContext("/hook", ex -> respond(ex, 403, "{\"error\": \"bad signature\"}"));
        URI hook = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");

        Trigger.Started started = new JenkinsTrigger(new RetrainSettings.Jenkins(base(), "wine", "ci-bot", "T"),
                Map.of("T", "token")::get).start(ORDER);

        assertThat(problems).isEmpty();
        assertThat(received).hasSize(1);
        assertThat(started.reference()).isNull();
        assertThat(started.summary()).isEqualTo("Jenkins job wine queued");
        assertThatThrownBy(() -> new WebhookTrigger(new RetrainSettings.Webhook(hook, "KEY"), Map.of("KEY", "k")::get)
                .start(ORDER)).isInstanceOf(IOException.class)
                .hasMessage("webhook " + hook + " answered HTTP 403: {\"error\": \"bad signature\"}; the retraining"
                        + " was not started");
    }

    @Test
    void theWebhookBodyCarriesTheOrderAndItsSignatureVerifiesAsMlflowSigns() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        byte[][] body = new byte[1][];
        server.createContext("/hook", ex -> {
            for (String h : List.of("X-MLflow-Signature", "X-MLflow-Delivery-Id", "X-MLflow-Timestamp", "Content-Type")) {
                headers.put(h, ex.getRequestHeaders().getFirst(h));
            }
            body[0] = ex.getRequestBody().readAllBytes();
            respond(ex, 200, "ok");
        });
        String secret = "whsec-ünïcode-key";
        WebhookTrigger webhook = new WebhookTrigger(new RetrainSettings.Webhook(URI.create("http://127.0.0.1:"
                + server.getAddress().getPort() + "/hook"), "HOOK_KEY"), Map.of("HOOK_KEY", secret)::get);

        Trigger.Started started = webhook.start(ORDER);

        // Recomputed here as an MLflow receiver does: HMAC-SHA256 over "<delivery id>.<timestamp>.<raw body>".
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((headers.get("X-MLflow-Delivery-Id") + "." + headers.get("X-MLflow-Timestamp") + ".")
                .getBytes(StandardCharsets.UTF_8));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body[0]));
        assertThat(headers.get("X-MLflow-Signature")).isEqualTo(expected);
        assertThat(Long.parseLong(headers.get("X-MLflow-Timestamp")))
                .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(300L));
        assertThat(headers.get("Content-Type")).isEqualTo("application/json");
        JsonNode json = new ObjectMapper().readTree(body[0]);
        assertThat(json.path("action").asText()).isEqualTo("retrain");
        assertThat(new ObjectMapper().convertValue(json.path("data"), Map.class)).isEqualTo(ORDER.parameters());
        assertThat(started.reference()).isEqualTo("delivery " + headers.get("X-MLflow-Delivery-Id"));

        mac.init(new SecretKeySpec("another key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((headers.get("X-MLflow-Delivery-Id") + "." + headers.get("X-MLflow-Timestamp") + ".")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(headers.get("X-MLflow-Signature"))
                .isNotEqualTo("v1," + Base64.getEncoder().encodeToString(mac.doFinal(body[0])));
    }

    private void expect(boolean condition, String problem) {
        if (!condition) {
            problems.add(problem);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }
}
