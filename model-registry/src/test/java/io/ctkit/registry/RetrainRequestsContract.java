package io.ctkit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retrain requests (cooldown, deduplication) and run triggers, on every backend. */
abstract class RetrainRequestsContract {

    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path tmp;

    ModelRegistry registry;

    abstract RegistryConfig freshConfig(Path dir) throws Exception;

    @BeforeEach
    void openRegistryWithAModel() throws Exception {
        registry = ModelRegistry.open(freshConfig(tmp));
        registry.register(Registration.of("wine", Fixtures.bundle(tmp.resolve("b1"), "wine", 1.0)));
    }

    @AfterEach
    void closeRegistry() {
        registry.close();
    }

    @Test
    void threeDecaysInARowStartOneRetrainAndTheOthersSayWhyNot() throws Exception {
        RetrainDecision first = registry.requestRetrain("wine", "model-decay", "tekton", "f1 below 0.8", HOUR, HOUR);
        RetrainDecision second = registry.requestRetrain("wine", "model-decay", "tekton", "f1 below 0.8", HOUR, HOUR);
        registry.updateRetrain(first.request().id(), "submitted", "pipelinerun/wine-retrain-abc");
        RetrainDecision third = registry.requestRetrain("wine", "model-decay", "tekton", "f1 below 0.8", HOUR, HOUR);

        assertThat(first.outcome()).isEqualTo(RetrainDecision.Outcome.ACCEPTED);
        assertThat(second.outcome()).isEqualTo(RetrainDecision.Outcome.DEDUPLICATED);
        assertThat(second.request().id()).isEqualTo(first.request().id());
        assertThat(second.explanation()).startsWith("deduplicated: retraining of wine is already pending (request "
                + first.request().id());
        assertThat(third.outcome()).isEqualTo(RetrainDecision.Outcome.COOLING_DOWN);
        assertThat(third.notBefore()).isEqualTo(first.request().requestedAt().plus(HOUR));
        assertThat(third.explanation()).contains("cooling down").contains("(submitted)");
        List<RetrainRequest> recorded = registry.retrainRequests("wine");
        assertThat(recorded).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("submitted");
            assertThat(r.reference()).isEqualTo("pipelinerun/wine-retrain-abc");
            assertThat(r.trigger()).isEqualTo("model-decay");
            assertThat(r.reason()).isEqualTo("f1 below 0.8");
        });
    }

    @Test
    void concurrentRequestsAcceptExactlyOne() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<RetrainDecision>> asks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                asks.add(() -> registry.requestRetrain("wine", "model-decay", "local", null, HOUR, HOUR));
            }
            List<RetrainDecision.Outcome> outcomes = new ArrayList<>();
            for (Future<RetrainDecision> f : pool.invokeAll(asks, 60, TimeUnit.SECONDS)) {
                outcomes.add(f.get().outcome());
            }
            assertThat(outcomes).containsOnlyOnce(RetrainDecision.Outcome.ACCEPTED)
                    .filteredOn(o -> o != RetrainDecision.Outcome.ACCEPTED)
                    .containsOnly(RetrainDecision.Outcome.DEDUPLICATED);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRetrainThatFailedToStartFreesTheCooldownAndAFinishedOneCannotChange() throws Exception {
        RetrainDecision first = registry.requestRetrain("wine", "data", "jenkins", null, HOUR, HOUR);
        registry.updateRetrain(first.request().id(), "failed", null);
        RetrainDecision retry = registry.requestRetrain("wine", "data", "jenkins", null, HOUR, HOUR);

        assertThat(retry.outcome()).isEqualTo(RetrainDecision.Outcome.ACCEPTED);
        assertThatThrownBy(() -> registry.updateRetrain(first.request().id(), "succeeded", null))
                .isInstanceOf(RegistryException.class)
                .hasMessage("retrain request " + first.request().id() + " is failed already; only a pending or running"
                        + " request can change its status");
    }

    @Test
    void aRequestActiveLongerThanTheTimeoutNoLongerBlocks() throws Exception {
        Duration timeout = Duration.ofMillis(20);
        RetrainDecision stuck = registry.requestRetrain("wine", "schedule", "local", null, Duration.ZERO, timeout);
        registry.updateRetrain(stuck.request().id(), "running", null);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> registry.requestRetrain("wine", "schedule",
                "local", null, Duration.ZERO, timeout).accepted());
        assertThat(registry.retrainRequests("wine")).hasSize(2);
    }

    @Test
    void unknownModelsAndTriggersAreRefused() {
        assertThatThrownBy(() -> registry.requestRetrain("beer", "manual", "local", null, HOUR, HOUR))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("beer");
        assertThatThrownBy(() -> registry.requestRetrain("wine", "decay", "local", null, HOUR, HOUR))
                .isInstanceOf(RegistryException.class)
                .hasMessage("unknown retrain trigger \"decay\"; expected one of manual, code, data, model-decay, schedule");
    }

    @Test
    void aRunKeepsItsTriggerWhenStepsWithoutOneMergeIntoIt() throws Exception {
        Run started = Run.start("ctkit run wine").withTrigger("data");
        registry.recordRun(started);
        Run merged = registry.recordRun(Run.start("ctkit run wine").withId(started.id()).finished("succeeded"));
        Run plain = registry.recordRun(Run.start("ctkit run wine"));

        assertThat(merged.trigger()).isEqualTo("data");
        assertThat(merged.status()).isEqualTo("succeeded");
        assertThat(registry.run(started.id()).trigger()).isEqualTo("data");
        assertThat(plain.trigger()).isEqualTo("manual");
        assertThatThrownBy(() -> started.withTrigger("cron")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown run trigger \"cron\"; expected one of manual, code, data, model-decay, schedule");
    }
}
