package io.ctkit.retrain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code webhook}: POSTs the order as JSON, signed the way MLflow signs its webhooks, so a
 * receiver written for MLflow verifies it unchanged. Headers: {@code X-MLflow-Delivery-Id} (a
 * new UUID), {@code X-MLflow-Timestamp} (Unix seconds) and {@code X-MLflow-Signature}:
 * {@code v1,} then the Base64 of HMAC-SHA256, keyed with the secret's UTF-8 bytes, over the UTF-8
 * bytes of {@code <delivery id>.<timestamp>.<body>}. Receivers should also refuse old timestamps
 * (MLflow's examples allow five minutes) so a captured request cannot be replayed.
 */
public final class WebhookTrigger implements Trigger {
    static final String SIGNATURE = "X-MLflow-Signature";
    static final String DELIVERY_ID = "X-MLflow-Delivery-Id";
    static final String TIMESTAMP = "X-MLflow-Timestamp";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RetrainSettings.Webhook settings;
    private final Function<String, String> environment;
    private final HttpClient http;

    /** @param environment where the secret is looked up by name ({@code System::getenv}) */
    public WebhookTrigger(RetrainSettings.Webhook settings, Function<String, String> environment) {
        this.settings = settings;
        this.environment = environment;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public String kind() {
        return "webhook";
    }

    @Override
    public Started start(RetrainOrder order) throws IOException, InterruptedException {
        String secret = environment.apply(settings.secretEnv());
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("retrain.webhook.secret_env: the environment variable "
                    + settings.secretEnv() + " is not set; set it to the webhook's HMAC key");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("entity", "model");
        body.put("action", "retrain");
        body.put("timestamp", Instant.now().toString());
        ObjectNode data = body.putObject("data");
        order.parameters().forEach(data::put);
        String payload = JSON.writeValueAsString(body);
        String delivery = UUID.randomUUID().toString();
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(settings.url())
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(DELIVERY_ID, delivery)
                .header(TIMESTAMP, timestamp)
                .header(SIGNATURE, signature(secret, delivery, timestamp, payload))
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() / 100 != 2) {
            throw new IOException("webhook " + settings.url() + " answered HTTP " + response.statusCode()
                    + JenkinsTrigger.excerpt(response.body()) + "; the retraining was not started");
        }
        return new Started("submitted", "delivery " + delivery, "webhook " + settings.url() + " accepted delivery "
                + delivery + " (HTTP " + response.statusCode() + ")");
    }

    /** MLflow's signature: {@code v1,} + Base64(HMAC-SHA256(secret, id.timestamp.payload)). */
    static String signature(String secret, String delivery, String timestamp, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((delivery + "." + timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("cannot reach webhook " + settings.url() + ": " + e
                    + "; the retraining was not started", e);
        }
    }
}
