package io.ctkit.tekton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.ctkit.project.PipelineFile;
import io.ctkit.retrain.RetrainOrder;
import io.ctkit.retrain.RetrainSettings;
import io.ctkit.retrain.WebhookTrigger;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.tekton.triggers.v1beta1.EventListener;
import io.fabric8.tekton.triggers.v1beta1.TriggerBinding;
import io.fabric8.tekton.triggers.v1beta1.TriggerTemplate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The EventListener's CEL filters start only this project's Pipeline, and what ctkit sends to the
 * EventListener ({@code ctkit retrain --via webhook}, so {@code ctkit monitor --retrain}, and the
 * CronJob) passes them: the bodies are the real ones, received by a real HTTP server.
 */
class TriggerFiltersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private HttpServer listener;

    @BeforeEach
    void startListener() throws IOException {
        listener = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        listener.createContext("/", exchange -> {
            received.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        listener.start();
    }

    @AfterEach
    void stopListener() {
        listener.stop(0);
    }

    private static Map<String, String> filters(EventListener el) {
        Map<String, String> filters = new LinkedHashMap<>();
        el.getSpec().getTriggers().forEach(t -> filters.put(t.getName(),
                t.getInterceptors().get(0).getParams().get(0).getValue().asText()));
        return filters;
    }

    private JsonNode next() throws InterruptedException {
        JsonNode body = received.poll(30, TimeUnit.SECONDS);
        assertThat(body).as("a request reached the listener within 30 s").isNotNull();
        return body;
    }

    @Test
    void retrainViaWebhookAndTheScheduleCronJobPassOnlyThisProjectsRetrainRoute() throws Exception {
        Map<String, String> filters = filters(TektonResourcesTest.trigger("eventlistener", EventListener.class));
        URI url = URI.create("http://127.0.0.1:" + listener.getAddress().getPort() + "/");
        WebhookTrigger webhook = new WebhookTrigger(new RetrainSettings.Webhook(url, "CTKIT_HOOK"), name -> "s3cret");

        webhook.start(new RetrainOrder("marketing-forecast", "model-decay", "0f9e8d7c6b5a4", "ctkit 0.1.0",
                "git:4f1c0a2b", "data/train.csv", "mape 0.31 > 0.25"));
        JsonNode ours = next();
        webhook.start(new RetrainOrder("receipt-classifier", "model-decay", "1a2b3c", null, null, "data/train.csv",
                null));
        JsonNode theirs = next();

        Map<String, String> none = Map.of();
        assertThat(CelFilter.accepts(filters.get("retrain"), ours, none)).as(ours.toString()).isTrue();
        assertThat(CelFilter.accepts(filters.get("retrain"), theirs, none)).as(theirs.toString()).isFalse();
        assertThat(CelFilter.accepts(filters.get("new-data"), ours, none)).isFalse();
        assertThat(CelFilter.accepts(filters.get("code-push"), ours, Map.of("Content-Type", "application/json")))
                .isFalse();

        CronJob cron = TektonResourcesTest.trigger("cronjob", CronJob.class);
        Container container = cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0);
        ProcessBuilder schedule = new ProcessBuilder(container.getCommand()).redirectErrorStream(true);
        container.getEnv().forEach(e -> schedule.environment().put(e.getName(), e.getValue()));
        schedule.environment().put("LISTENER", url.toString()); // the Service el-ctkit-ct:8080 is not here
        Process process = schedule.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the CronJob's script ends within 60 s").isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8)).isZero();
        JsonNode scheduled = next();

        assertThat(CelFilter.accepts(filters.get("retrain"), scheduled, none)).as(scheduled.toString()).isTrue();
        assertThat(scheduled.path("data").path("trigger").asText()).isEqualTo("schedule");
    }

    @Test
    void theNewDataRouteAcceptsOnlyThisProjectsModel() throws Exception {
        Map<String, String> filters = filters(TektonResourcesTest.trigger("eventlistener", EventListener.class));
        String filter = filters.get("new-data");

        assertThat(CelFilter.accepts(filter, JSON.readTree("{\"event\": \"new-data\", \"model\":"
                + " \"marketing-forecast\", \"data\": \"s3://ml/2026-12-05.csv\"}"), Map.of())).isTrue();
        assertThat(CelFilter.accepts(filter, JSON.readTree("{\"event\": \"new-data\", \"model\":"
                + " \"receipt-classifier\", \"data\": \"s3://ml/2026-12-05.csv\"}"), Map.of())).isFalse();
        assertThat(CelFilter.accepts(filter, JSON.readTree("{\"event\": \"new-data\", \"data\": \"x.csv\"}"),
                Map.of())).as("no model: not ours").isFalse();
        assertThat(CelFilter.accepts("body.model == " + CtTriggers.cel("it's a \\ model"),
                JSON.readTree("{\"model\": \"it's a \\\\ model\"}"), Map.of())).as("quotes and backslashes are escaped")
                .isTrue();
        assertThatThrownBy(() -> CelFilter.accepts("body.model != 'x'", JSON.createObjectNode(), Map.of()))
                .hasMessageContaining("does not know the CEL form of \"body.model != 'x'\"");
    }

    @Test
    void theCodePushRouteAcceptsOnlyPushesToTheProjectsRepositoryThatChangeItsDirectory() throws Exception {
        assertThat(filters(TektonResourcesTest.trigger("eventlistener", EventListener.class)).get("code-push"))
                .as("the example names no repository and lies at the workspace's root: any push")
                .isEqualTo("header.match('X-GitHub-Event', 'push')");
        PipelineFile project = PipelineFile.load(TektonRenderingTest.ROOT.resolve("examples/marketing-forecast"));
        TektonOptions options = TektonOptions.of(project).withRepository("acme/ml-models")
                .withProjectDir("./forecast/");
        String filter = filters(CtTriggers.eventListener(project, options)).get("code-push");
        Map<String, String> push = Map.of("x-github-event", "push");
        TriggerTemplate template = TektonResourcesTest.trigger("triggertemplate", TriggerTemplate.class);
        assertThat(TektonResourcesTest.trigger("triggerbinding-code-push", TriggerBinding.class).getSpec().getParams())
                .extracting(p -> p.getName()).doesNotContain("model");
        assertThat(template.getSpec().getParams()).filteredOn(p -> p.getName().equals("model"))
                .singleElement().satisfies(p -> assertThat(p.getDefault()).as("a push's run is the project's model's")
                        .isEqualTo("marketing-forecast"));

        assertThat(CelFilter.accepts(filter, pushBody("acme/ml-models", "forecast/ctkit.yaml"), push)).isTrue();
        assertThat(CelFilter.accepts(filter, pushBody("acme/ml-models", "README.md", "forecast/src/Model.java"), push))
                .isTrue();
        assertThat(CelFilter.accepts(filter, pushBody("acme/web", "forecast/ctkit.yaml"), push))
                .as("another repository").isFalse();
        assertThat(CelFilter.accepts(filter, pushBody("acme/ml-models", "forecast-old/ctkit.yaml", "receipts/a.csv"),
                push)).as("another directory").isFalse();
        assertThat(CelFilter.accepts(filter, pushBody("acme/ml-models", "forecast/ctkit.yaml"),
                Map.of("X-GitHub-Event", "ping"))).as("not a push").isFalse();
    }

    /** A GitHub push event's body: one commit per changed file, alternating modified and added. */
    private static JsonNode pushBody(String repository, String... files) throws IOException {
        StringBuilder commits = new StringBuilder();
        for (int i = 0; i < files.length; i++) {
            commits.append(i == 0 ? "" : ", ").append("{\"id\": \"c").append(i).append("\", \"added\": [")
                    .append(i % 2 == 1 ? "\"" + files[i] + "\"" : "").append("], \"removed\": [], \"modified\": [")
                    .append(i % 2 == 0 ? "\"" + files[i] + "\"" : "").append("]}");
        }
        return JSON.readTree("{\"ref\": \"refs/heads/main\", \"after\": \"4f1c0a2b\", \"repository\": {\"full_name\": \""
                + repository + "\"}, \"commits\": [" + commits + "]}");
    }
}
