package io.ctkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctkit.data.DatasetReader;
import io.ctkit.project.PipelineFile;
import io.ctkit.provenance.Provenance;
import io.ctkit.registry.Artifact;
import io.ctkit.registry.Lineage;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.ModelVersion;
import io.ctkit.registry.RegistryConfig;
import io.ctkit.train.TestProjects;
import io.ctkit.train.TrainStep;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default stages of {@code ctkit run} end to end on a small project with the real registry:
 * the first run registers version 1 as production, a worse challenger fails the gate against it
 * and is not registered, and the lineage of a version is enough to reproduce its bundle.
 */
class RunRegistryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOD = "epochs: 40\nlearning_rate: 0.05\nbatch_size: 32\n";
    private static final String GATE = """
            gate:
              first_run: pass
              thresholds: [{metric: accuracy, min: 0.6}]
              no_regression: [{metric: roc_auc}, {metric: accuracy}]
            """;

    @TempDir
    Path tmp;

    private Path project(String training) {
        Path dir = TestProjects.binary(tmp.resolve("p"), 400, training, false);
        try {
            Files.writeString(dir.resolve("ctkit.yaml"), Files.readString(dir.resolve("ctkit.yaml")) + GATE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return dir;
    }

    private PipelineRun.Outcome run(Path dir, String id, StringWriter out) throws Exception {
        PipelineFile project = PipelineFile.load(dir);
        return PipelineRun.standard().run(project, dir.resolve(".ctkit/runs/" + id), id,
                new PrintWriter(out, true), false);
    }

    private static ModelRegistry registry(Path dir) throws Exception {
        return ModelRegistry.open(RegistryConfig.forProject(dir));
    }

    @Test
    void theFirstRunRegistersVersionOneAsProduction() throws Exception {
        Path dir = project(GOOD);
        StringWriter first = new StringWriter();

        PipelineRun.Outcome one = run(dir, "r1", first);

        assertThat(one.passed()).as(first.toString()).isTrue();
        try (ModelRegistry registry = registry(dir)) {
            var production = registry.production("tiny-binary");
            var verdicts = registry.gateVerdicts("tiny-binary", 1);
            var metrics = registry.metrics("tiny-binary", 1);
            var golden = registry.goldenRows("tiny-binary", 1).orElseThrow();
            var engine = io.ctkit.model.Model.from(registry.bundle("tiny-binary", 1)).predict(golden.inputs());
            String holdout = Files.readString(dir.resolve(PipelineFile.load(dir).data().holdout()));
            assertSoftly(softly -> {
                softly.assertThat(golden.size()).isEqualTo(8);
                softly.assertThat(golden.bundle()).isEqualTo(production.orElseThrow().bundleDigest());
                softly.assertThat(golden.outputs()).extracting(io.ctkit.registry.GoldenRows.Answer::label)
                        .isEqualTo(engine.stream().map(io.ctkit.model.Prediction::label).toList());
                softly.assertThat(golden.outputs()).extracting(io.ctkit.registry.GoldenRows.Answer::probabilities)
                        .isEqualTo(engine.stream().map(io.ctkit.model.Prediction::probabilities).toList());
                softly.assertThat(golden.inputs()).allSatisfy(row -> assertThat(holdout).contains(String.format(
                        java.util.Locale.ROOT, "%.4f,", (Double) row.get("a"))));
                softly.assertThat(first.toString()).contains("[1/6] validate-data passed").contains("first run")
                        .contains("registered tiny-binary version 1").contains("production -> version 1 (first)");
                softly.assertThat(production).map(ModelVersion::version).contains(1);
                softly.assertThat(verdicts).isNotEmpty();
                softly.assertThat(metrics).containsKeys("accuracy", "roc_auc");
            });
        }
    }

    @Test
    void aWorseChallengerFailsTheGateAgainstProductionIsNotRegisteredAndItsRunKeepsTheRetrainRequest() throws Exception {
        Path dir = project(GOOD);
        StringWriter first = new StringWriter();
        assertThat(run(dir, "r1", first).passed()).as(first.toString()).isTrue();
        // A challenger trained for one epoch at a tiny learning rate: significantly worse.
        TestProjects.write(dir.resolve("ctkit.yaml"), Files.readString(dir.resolve("ctkit.yaml"))
                .replace("epochs: 40", "epochs: 1").replace("learning_rate: 0.05", "learning_rate: 0.0001"));
        StringWriter second = new StringWriter();
        PipelineFile project = PipelineFile.load(dir);

        // as ctkit retrain --via local starts it: with the trigger and the request it carries out
        PipelineRun.Outcome two = PipelineRun.standard().withTrigger("data")
                .withRetrainRequest("req-7", "training data changed: sha256:aa -> sha256:bb")
                .run(project, dir.resolve(".ctkit/runs/r2"), "r2", new PrintWriter(second, true), false);
        String failedRun = FailedRuns.record(project, two);

        assertThat(two.passed()).as(second.toString()).isFalse();
        JsonNode verdict = JSON.readTree(dir.resolve(".ctkit/runs/r2/gate/verdict.json").toFile());
        JsonNode summary = JSON.readTree(two.summary().toFile());
        try (ModelRegistry registry = registry(dir)) {
            var versions = registry.versions("tiny-binary");
            var production = registry.production("tiny-binary");
            var recorded = registry.run(failedRun);
            assertSoftly(softly -> {
                softly.assertThat(summary.path("trigger_parameters").toString()).isEqualTo("{\"retrain_request\":"
                        + "\"req-7\",\"trigger_reason\":\"training data changed: sha256:aa -> sha256:bb\"}");
                softly.assertThat(recorded.trigger()).isEqualTo("data");
                softly.assertThat(recorded.status()).isEqualTo("failed");
                softly.assertThat(recorded.parameters()).containsEntry("failed_stage", "gate")
                        .containsEntry(PipelineRun.RETRAIN_REQUEST, "req-7")
                        .containsEntry(PipelineRun.TRIGGER_REASON, "training data changed: sha256:aa -> sha256:bb");
                softly.assertThat(two.failedStage()).isEqualTo("gate");
                softly.assertThat(second.toString()).contains("champion: tiny-binary version 1 (production");
                softly.assertThat(verdict.path("passed").asBoolean()).isFalse();
                softly.assertThat(verdict.path("first_run").asBoolean()).isFalse();
                softly.assertThat(verdict.path("champion").path("sha256").asText()).startsWith("sha256:");
                softly.assertThat(versions).hasSize(1);
                softly.assertThat(production).map(ModelVersion::version).contains(1);
            });
        }
    }

    @Test
    void theLineageOfARegisteredVersionReproducesItsBundle() throws Exception {
        Path dir = project(GOOD);
        StringWriter out = new StringWriter();
        assertThat(run(dir, "r1", out).passed()).as(out.toString()).isTrue();

        Lineage lineage;
        try (ModelRegistry registry = registry(dir)) {
            lineage = registry.lineage("tiny-binary", 1);
        }
        Artifact config = lineage.run().inputs("config").get(0);
        Artifact train = lineage.run().inputs("dataset").stream().filter(a -> a.role().equals("train")).findFirst().orElseThrow();

        // From the lineage alone: the config it names (same hash) and data with the recorded fingerprint.
        PipelineFile project = PipelineFile.load(Path.of(config.location()));
        String fingerprint = DatasetReader.of(project.data().schema()).read(Path.of(train.location())).fingerprint();
        TrainStep.Result again = TrainStep.of(project).withForce(true).withCacheDir(tmp.resolve("other-cache"))
                .run(tmp.resolve("again"));
        assertSoftly(softly -> {
            softly.assertThat(lineage.run().parameters()).containsEntry("seed", "3");
            softly.assertThat(lineage.run().hyperparameters()).containsEntry("epochs", "40");
            softly.assertThat(project.configHash()).isEqualTo(config.digest());
            softly.assertThat(fingerprint).isEqualTo(train.digest());
            softly.assertThat(again.cached()).isFalse();
            softly.assertThat(again.digest()).isEqualTo(lineage.version().bundleDigest());
        });
    }

    @Test
    void theRegisteredVersionKeepsTheTypedProvenanceOfItsTrainingAndTheLineageShowsIt() throws Exception {
        Path dir = project(GOOD);
        StringWriter out = new StringWriter();
        assertThat(run(dir, "r1", out).passed()).as(out.toString()).isTrue();
        PipelineFile project = PipelineFile.load(dir);

        Provenance stored;
        Lineage lineage;
        try (ModelRegistry registry = registry(dir)) {
            stored = registry.provenance("tiny-binary", 1).orElseThrow();
            lineage = registry.lineage("tiny-binary", 1);
        }
        Provenance trained = Provenance.read(JSON.readTree(dir.resolve(".ctkit/runs/r1/train/training.json").toFile()),
                "training.json");
        String trainFingerprint = DatasetReader.of(project.data().schema()).read(project.data().train()).fingerprint();
        String holdoutFingerprint = DatasetReader.of(project.data().schema()).read(project.data().holdout()).fingerprint();
        assertSoftly(softly -> {
            softly.assertThat(stored.configHash()).isEqualTo(project.configHash()).isEqualTo(trained.configHash());
            softly.assertThat(stored.seed()).isEqualTo(3L);
            softly.assertThat(stored.data().get("train")).isEqualTo(trained.data().get("train"));
            softly.assertThat(stored.data().get("train").sha256()).isEqualTo(trainFingerprint);
            softly.assertThat(stored.data().get("holdout").sha256()).isEqualTo(holdoutFingerprint);
            softly.assertThat(stored.runtime().nd4j()).isNotBlank();
            softly.assertThat(stored.runtime().java()).isEqualTo(System.getProperty("java.version"));
            softly.assertThat(lineage.provenance()).isEqualTo(stored);
            softly.assertThat(lineage.render()).contains("provenance",
                    "data train: train.csv (" + stored.data().get("train").sha256(),
                    "config: " + project.configHash(), "seed: 3", "nd4j " + stored.runtime().nd4j());
        });
    }

    @Test
    void aBadRegisterAliasIsReportedBeforeAnyStageRuns() throws Exception {
        Path dir = project(GOOD);
        TestProjects.write(dir.resolve("ctkit.yaml"), Files.readString(dir.resolve("ctkit.yaml")) + "register: {alias: Prod/1}\n");

        assertThatThrownBy(() -> run(dir, "r1", new StringWriter()))
                .hasMessageContaining("register.alias")
                .hasMessageContaining("Prod/1");
        assertThat(dir.resolve(".ctkit/runs/r1")).doesNotExist();
    }

    @Test
    void anUnknownRegisterFieldIsReportedWithASuggestion() throws Exception {
        Path dir = project(GOOD);
        TestProjects.write(dir.resolve("ctkit.yaml"), Files.readString(dir.resolve("ctkit.yaml")) + "register: {alais: staging}\n");

        assertThatThrownBy(() -> run(dir, "r1", new StringWriter()))
                .hasMessageContaining("register.alais: unknown field; expected one of alias, golden_rows (did you mean \"alias\"?)");
    }

    @Test
    void aGateMetricOfAnotherTaskIsReportedWithItsPathBeforeAnyStageRuns() throws Exception {
        Path dir = project(GOOD);
        TestProjects.write(dir.resolve("ctkit.yaml"), Files.readString(dir.resolve("ctkit.yaml"))
                .replace("no_regression: [{metric: roc_auc}, {metric: accuracy}]", "no_regression: [{metric: roc_auc}, {metric: rmse}]"));
        assertThatThrownBy(() -> run(dir, "r1", new StringWriter()))
                .hasMessageContaining("gate.no_regression[1].metric: rmse is not defined for binary models");
        assertThat(dir.resolve(".ctkit/runs/r1")).doesNotExist();
    }

    @Test
    void aHoldoutOutsideTheSchemaFailsTheFirstStage() throws Exception {
        Path dir = project(GOOD);
        String holdout = Files.readString(dir.resolve("holdout.csv"));
        TestProjects.write(dir.resolve("holdout.csv"), holdout.replaceFirst(",web,", ",tiktok,"));
        StringWriter out = new StringWriter();
        PipelineRun.Outcome outcome = run(dir, "r1", out);
        assertSoftly(softly -> {
            softly.assertThat(outcome.passed()).isFalse();
            softly.assertThat(outcome.failedStage()).isEqualTo("validate-data");
            softly.assertThat(outcome.reason()).contains("holdout.csv").contains("tiktok");
            softly.assertThat(dir.resolve(".ctkit/runs/r1/train")).doesNotExist();
        });
    }

    @Test
    void aRerunThatReproducesTheBundleAddsEvidenceNotAVersion() throws Exception {
        Path dir = project(GOOD);
        assertThat(run(dir, "r1", new StringWriter()).passed()).isTrue();
        StringWriter second = new StringWriter();
        assertThat(run(dir, "r2", second).passed()).as(second.toString()).isTrue();

        try (ModelRegistry registry = registry(dir)) {
            var versions = registry.versions("tiny-binary");
            var verdicts = registry.gateVerdicts("tiny-binary", 1);
            var production = registry.production("tiny-binary");
            assertSoftly(softly -> {
                softly.assertThat(second.toString()).contains("is already tiny-binary version 1; no new version");
                softly.assertThat(versions).hasSize(1);
                softly.assertThat(verdicts).hasSize(2);
                softly.assertThat(production).map(ModelVersion::version).contains(1);
            });
        }
    }
}
