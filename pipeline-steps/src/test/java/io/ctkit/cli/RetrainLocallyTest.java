package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.RegistryConfig;
import io.ctkit.registry.Run;
import io.ctkit.train.TestProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trigger of every run in lineage, and a local retraining as a user runs it: ctkit run with a
 * trigger, then ctkit retrain --via local (the pipeline again, here), its cooldown and data check.
 */
class RetrainLocallyTest {

    @TempDir
    Path tmp;

    @Test
    void triggersShowInLineageAndALocalRetrainRunsThePipelineOnceWithinTheCooldown() throws Exception {
        Path dir = TestProjects.binary(tmp.resolve("p"), 300, "epochs: 20\nlearning_rate: 0.05\n", false);
        String p = dir.toString();

        // as a CI job runs it for an order without a request id (an empty parameter)
        CliRunner first = CliRunner.run("run", p, "--trigger", "data", "--retrain-request", "", "--reason",
                "new rows delivered");
        CliRunner retrain = CliRunner.run("retrain", "tiny-binary", "--project", p, "--trigger", "model-decay",
                "--via", "local");
        CliRunner again = CliRunner.run("retrain", "tiny-binary", "--project", p, "--trigger", "model-decay",
                "--via", "local");
        CliRunner unchanged = CliRunner.run("retrain", "tiny-binary", "--project", p, "--if-data-changed");
        CliRunner runs = CliRunner.run("runs", "list", "--registry", dir.resolve(".ctkit/registry").toString());
        CliRunner history = CliRunner.run("models", "history", "tiny-binary", "--registry",
                dir.resolve(".ctkit/registry").toString());
        CliRunner lineage = CliRunner.run("models", "lineage", "tiny-binary", "production", "--registry",
                dir.resolve(".ctkit/registry").toString());

        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains(", trigger data");
        assertThat(retrain.exitCode()).as(retrain.out() + retrain.err()).isZero();
        assertThat(retrain.out()).contains(", trigger model-decay").containsPattern("(?m)^succeeded: ctkit run \\S+ passed$");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).startsWith("cooling-down: cooling down: tiny-binary was retrained by request ");
        assertThat(unchanged.exitCode()).isZero();
        assertThat(unchanged.out()).startsWith("data-unchanged: the training data is unchanged since tiny-binary:1");
        assertThat(runs.out()).containsPattern("succeeded\\s+model-decay").containsPattern("succeeded\\s+data ");
        assertThat(history.out()).contains("-> 1  by ").contains("trigger data");
        assertThat(lineage.out()).contains("trigger: data");
        try (var list = Files.list(dir.resolve(".ctkit/runs"))) {
            assertThat(list.toList()).hasSize(2);
        }
        try (ModelRegistry registry = ModelRegistry.open(RegistryConfig.forProject(dir))) {
            Map<String, String> byHand = registry.run(registry.version("tiny-binary", 1).runId()).parameters();
            Run retrained = registry.runs(10).stream().filter(r -> r.trigger().equals("model-decay")).findFirst()
                    .orElseThrow();
            String request = registry.retrainRequests("tiny-binary").stream()
                    .filter(r -> r.trigger().equals("model-decay")).findFirst().orElseThrow().id();
            assertThat(byHand).containsEntry("trigger_reason", "new rows delivered")
                    .doesNotContainKey("retrain_request");
            assertThat(retrained.parameters()).containsEntry("retrain_request", request)
                    .doesNotContainKey("trigger_reason");
        }
    }

    @Test
    void aDataTriggeredRetrainingThatFailsTheGateIsNotRepeatedOnTheSameInputs() throws Exception {
        Path dir = TestProjects.binary(tmp.resolve("p"), 300, "epochs: 20\nlearning_rate: 0.05\n", false);
        String p = dir.toString();
        CliRunner first = CliRunner.run("run", p);
        // new rows arrive, and the gate now asks more than any model of this data can give
        Files.writeString(dir.resolve("train.csv"), "0.5000,1.0000,web,yes\n-0.5000,9.0000,shop,no\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("ctkit.yaml"), Files.readString(dir.resolve("ctkit.yaml"))
                + "gate:\n  thresholds:\n    - {metric: accuracy, min: 0.9999}\n");

        CliRunner failed = CliRunner.run("retrain", "tiny-binary", "--project", p, "--if-data-changed", "--via", "local");
        CliRunner tried = CliRunner.run("retrain", "tiny-binary", "--project", p, "--if-data-changed", "--via", "local");

        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(failed.exitCode()).as(failed.out() + failed.err()).isEqualTo(Ctkit.EXIT_CHECK_FAILED);
        assertThat(failed.out()).containsPattern("(?m)^failed: ctkit run \\S+ failed at gate: ");
        assertThat(tried.exitCode()).as(tried.out() + tried.err()).isZero();
        assertThat(tried.out()).startsWith("data-tried: run tiny-binary-").contains(" failed at gate: ",
                "ctkit retrain tiny-binary --trigger data retrains anyway");
        try (var list = Files.list(dir.resolve(".ctkit/runs"))) {
            assertThat(list.toList()).as("the second retrain started nothing").hasSize(2);
        }
        try (ModelRegistry registry = ModelRegistry.open(RegistryConfig.forProject(dir))) {
            assertThat(registry.retrainRequests("tiny-binary")).singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo("failed"));
        }
    }
}
