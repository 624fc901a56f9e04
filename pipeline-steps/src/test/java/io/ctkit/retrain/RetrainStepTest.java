package io.ctkit.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.ctkit.project.PipelineFile;
import io.ctkit.provenance.CodeVersion;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.RegistryConfig;
import io.ctkit.registry.RetrainRequest;
import io.ctkit.train.TestProjects;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retrain step end to end: the registry's cooldown and dedup, a real webhook receiver, the data check. */
class RetrainStepTest {

    @TempDir
    Path tmp;

    private HttpServer receiver;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private PipelineFile project;
    private ModelRegistry registry;
    private WebhookTrigger webhook;

    @BeforeEach
    void productionModelAndAWebhookReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/retrain", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(202, -1);
            ex.close();
        });
        receiver.start();
        project = PipelineFile.load(TestProjects.binary(tmp.resolve("p"), 40, "epochs: 2", false));
        ProductionModels.promote(project, CodeVersion.of(project.projectDir()));
        registry = ModelRegistry.open(RegistryConfig.forProject(project.projectDir()));
        webhook = new WebhookTrigger(new RetrainSettings.Webhook(URI.create("http://127.0.0.1:"
                + receiver.getAddress().getPort() + "/retrain"), "KEY"), Map.of("KEY", "k")::get);
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        registry.close();
    }

    @Test
    void threeDecaysInARowStartOneRetrain() throws Exception {
        RetrainSettings settings = new RetrainSettings("webhook", Duration.ofHours(6), Duration.ofHours(12), null, null,
                null, null);
        RetrainStep.Request decay = RetrainStep.Request.of(project, "model-decay").withReason("f1 below floor");

        RetrainStep.Result first = RetrainStep.run(registry, decay, webhook, settings);
        RetrainStep.Result second = RetrainStep.run(registry, decay, webhook, settings);
        RetrainStep.Result third = RetrainStep.run(registry, decay, webhook, settings);

        assertThat(bodies).hasSize(1);
        assertThat(bodies.get(0)).contains("\"trigger\":\"model-decay\"").contains("\"model\":\"tiny-binary\"")
                .contains("\"request-id\":\"" + first.decision().request().id() + "\"");
        assertThat(first.outcome()).isEqualTo("submitted");
        assertThat(second.outcome()).isEqualTo("cooling-down");
        assertThat(third.outcome()).isEqualTo("cooling-down");
        assertThat(third.summary()).startsWith("cooling down: tiny-binary was retrained by request "
                + first.decision().request().id());
        assertThat(third.passed()).isTrue();
        assertThat(registry.retrainRequests("tiny-binary")).extracting(RetrainRequest::status)
                .containsExactly("submitted");
        assertThat(first.toJson().path("production").asText()).isEqualTo("tiny-binary:1");
    }

    @Test
    void aDataTriggerStartsOnlyWhenTheTrainingDataDiffersFromProductions() throws Exception {
        RetrainSettings settings = RetrainSettings.defaults();

        RetrainStep.Result same = RetrainStep.run(registry, RetrainStep.Request.ifDataChanged(project), webhook,
                settings);
        Files.writeString(project.data().train(), "2.0,1.0,web,yes\n", java.nio.file.StandardOpenOption.APPEND);
        RetrainStep.Result changed = RetrainStep.run(registry, RetrainStep.Request.ifDataChanged(project), webhook,
                settings);

        assertThat(same.outcome()).isEqualTo("data-unchanged");
        assertThat(same.decision()).isNull();
        assertThat(changed.outcome()).isEqualTo("submitted");
        assertThat(changed.data().changed()).isTrue();
        assertThat(changed.data().production()).isEqualTo(same.data().current());
        assertThat(bodies).singleElement().asString().contains("\"trigger\":\"data\"")
                .contains("\"reason\":\"training data changed: " + same.data().current() + " -> "
                        + changed.data().current() + "\"");
    }

    @Test
    void aDataTriggerDoesNotRetrainOnInputsAFailedGateAlreadyJudged() throws Exception {
        Files.writeString(project.data().train(), "2.0,1.0,web,yes\n", java.nio.file.StandardOpenOption.APPEND);
        String current = io.ctkit.data.DatasetReader.of(io.ctkit.train.TrainStep.dataSchema(project))
                .read(project.data().train()).fingerprint();
        // A run on these inputs that failed its tests (which may depend on more than them) does not count.
        registry.recordRun(failedRun("tiny-binary-run-1", "test", "2 model tests failed", current));
        RetrainStep.Result afterFailedTests = RetrainStep.run(registry, RetrainStep.Request.ifDataChanged(project),
                webhook, RetrainSettings.defaults());
        registry.recordRun(failedRun("tiny-binary-run-2", "gate", "f1 0.61 is below the minimum 0.7", current));
        registry.recordRun(failedRun("tiny-binary-run-3", "gate", "on other training data", "sha256:0123"));

        RetrainStep.Result tried = RetrainStep.run(registry, RetrainStep.Request.ifDataChanged(project), webhook,
                RetrainSettings.defaults());

        assertThat(afterFailedTests.outcome()).isEqualTo("submitted");
        assertThat(tried.outcome()).isEqualTo("data-tried");
        assertThat(tried.summary()).isEqualTo("run tiny-binary-run-2 already trained on this data (" + current
                + ") with this ctkit.yaml, holdout and champion and failed at gate: f1 0.61 is below the minimum 0.7;"
                + " training is seeded, so it would fail again. New data, a change of ctkit.yaml or a new production"
                + " version retrains; ctkit retrain tiny-binary --trigger data retrains anyway");
        assertThat(tried.decision()).isNull();
        assertThat(tried.passed()).isTrue();
        assertThat(bodies).hasSize(1);
        assertThat(registry.retrainRequests("tiny-binary")).hasSize(1);

        // Another holdout, or another ctkit.yaml (a relaxed gate, say), is not what failed.
        Files.writeString(project.data().holdout(), "2.0,1.0,web,yes\n", java.nio.file.StandardOpenOption.APPEND);
        RetrainStep.Result newHoldout = RetrainStep.run(registry, RetrainStep.Request.ifDataChanged(project), webhook,
                RetrainSettings.defaults());
        registry.recordRun(failedRun("tiny-binary-run-4", "gate", "still below", current));
        Path file = project.file();
        Files.writeString(file, Files.readString(file) + "# the gate was relaxed\n");
        RetrainStep.Result newConfig = RetrainStep.run(registry,
                RetrainStep.Request.ifDataChanged(PipelineFile.load(project.projectDir())), webhook,
                RetrainSettings.defaults());
        assertThat(newHoldout.outcome()).isEqualTo("cooling-down");
        assertThat(newConfig.outcome()).isEqualTo("cooling-down");
    }

    /** A run that failed at {@code stage}, with the inputs the project has now and the training data {@code train}. */
    private io.ctkit.registry.Run failedRun(String id, String stage, String reason, String train) throws IOException {
        java.time.Instant at = java.time.Instant.now();
        List<io.ctkit.registry.Artifact> inputs = new java.util.ArrayList<>(
                io.ctkit.run.JudgedInputs.of(project).artifacts(project));
        inputs.add(io.ctkit.registry.Artifact.dataset("train", project.data().train().toString(), train));
        return new io.ctkit.registry.Run(id, "ctkit run tiny-binary", null, null, "failed", at, at, "ci",
                Map.of("failed_stage", stage, "reason", reason), Map.of(), inputs, List.of(), "data");
    }

    @Test
    void aTriggerThatCannotStartLeavesTheCooldownFree() throws Exception {
        receiver.stop(0);
        RetrainStep.Request decay = RetrainStep.Request.of(project, "model-decay");

        assertThatThrownBy(() -> RetrainStep.run(registry, decay, webhook, RetrainSettings.defaults()))
                .isInstanceOf(IOException.class).hasMessageContaining("cannot reach webhook http://127.0.0.1:")
                .hasMessageEndingWith("; the retraining was not started");
        assertThat(registry.retrainRequests("tiny-binary")).extracting(RetrainRequest::status).containsExactly("failed");
    }
}
