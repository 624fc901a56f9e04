package io.ctkit.train;

import io.ctkit.scoring.DatasetRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctkit.bundle.Bundle;
import io.ctkit.data.Dataset;
import io.ctkit.data.DatasetReader;
import io.ctkit.model.Model;
import io.ctkit.monitor.DriftReference;
import io.ctkit.project.PipelineFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainStepTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADAM = """
            optimizer: adam
            learning_rate: 0.01
            batch_size: 16
            epochs: 8
            """;

    @TempDir
    Path tmp;

    @Test
    void sameSeedAndDataGiveIdenticalBundleDigests() throws Exception {
        PipelineFile project = PipelineFile.load(TestProjects.binary(tmp.resolve("p"), 300, ADAM, false));
        TrainStep.Result first = TrainStep.of(project).withCacheDir(tmp.resolve("cache1")).run(tmp.resolve("out1"));
        TrainStep.Result second = TrainStep.of(project).withCacheDir(tmp.resolve("cache2")).run(tmp.resolve("out2"));

        String reopened = Bundle.open(second.bundle()).digest();
        byte[] firstWeights = Files.readAllBytes(first.bundle().resolve("weights/dense_0_W.npy"));
        byte[] secondWeights = Files.readAllBytes(second.bundle().resolve("weights/dense_0_W.npy"));
        assertSoftly(softly -> {
            softly.assertThat(first.cached()).isFalse();
            softly.assertThat(second.cached()).isFalse();
            softly.assertThat(second.digest()).isEqualTo(first.digest());
            softly.assertThat(reopened).isEqualTo(first.digest());
            softly.assertThat(secondWeights).isEqualTo(firstWeights);
        });
    }

    @Test
    void anotherSeedGivesOtherWeights() throws Exception {
        Path dir = TestProjects.binary(tmp.resolve("p"), 300, ADAM, false);
        String digest = TrainStep.of(PipelineFile.load(dir)).run(tmp.resolve("out1")).digest();
        Path yaml = dir.resolve("ctkit.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("seed: 3", "seed: 4"));

        TrainStep.Result other = TrainStep.of(PipelineFile.load(dir)).run(tmp.resolve("out2"));

        assertThat(other.cached()).isFalse();
        assertThat(other.digest()).isNotEqualTo(digest);
    }

    @Test
    void aRepeatedTrainingIsReusedFromTheCache() throws Exception {
        PipelineFile project = PipelineFile.load(TestProjects.binary(tmp.resolve("p"), 200, ADAM, false));
        TrainStep.Result trained = TrainStep.of(project).run(tmp.resolve("out"));

        TrainStep.Result reused = TrainStep.of(project).run(tmp.resolve("out"));

        JsonNode report = JSON.readTree(reused.report().toFile());
        String reopened = Bundle.open(reused.bundle()).digest();
        assertSoftly(softly -> {
            softly.assertThat(reused.cached()).isTrue();
            softly.assertThat(reused.summary()).contains("reused the cached training").contains("--force retrains");
            softly.assertThat(reused.digest()).isEqualTo(trained.digest());
            softly.assertThat(report.path("cache").path("hit").asBoolean()).isTrue();
            softly.assertThat(reopened).isEqualTo(trained.digest());
        });
    }

    @Test
    void forceRetrainsInsteadOfReusingAndGivesTheSameBundle() throws Exception {
        PipelineFile project = PipelineFile.load(TestProjects.binary(tmp.resolve("p"), 200, ADAM, false));
        TrainStep.Result trained = TrainStep.of(project).run(tmp.resolve("out"));

        TrainStep.Result forced = TrainStep.of(project).withForce(true).run(tmp.resolve("out"));

        assertThat(forced.cached()).isFalse();
        assertThat(forced.digest()).isEqualTo(trained.digest());
    }

    @Test
    void theSameDiffEngineTrainsAVerifiedBundleAsAnotherCacheEntry() throws Exception {
        Path dir = TestProjects.binary(tmp.resolve("p"), 200, ADAM, false);
        TrainStep.Result direct = TrainStep.of(PipelineFile.load(dir)).run(tmp.resolve("out"));
        Path yaml = dir.resolve("ctkit.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("epochs: 8", "epochs: 8\n  engine: samediff"));

        TrainStep.Result samediff = TrainStep.of(PipelineFile.load(dir)).run(tmp.resolve("out"));

        String reopened = Bundle.open(samediff.bundle()).digest();
        JsonNode check = JSON.readTree(samediff.report().toFile()).path("inference_check");
        assertSoftly(softly -> {
            softly.assertThat(samediff.cached()).isFalse();
            softly.assertThat(reopened).isEqualTo(samediff.digest());
            softly.assertThat(check.path("max_relative_difference").asDouble()).isLessThanOrEqualTo(BundleExport.TOLERANCE);
            softly.assertThat(samediff.digest()).isNotEqualTo(direct.digest());
        });
    }

    @Test
    void changedTrainingDataIsNotTakenFromTheCache() throws Exception {
        Path dir = TestProjects.binary(tmp.resolve("p"), 200, ADAM, false);
        TrainStep.of(PipelineFile.load(dir)).run(tmp.resolve("out"));
        Files.writeString(dir.resolve("train.csv"), TestProjects.binaryRows(220, 9, false));

        TrainStep.Result again = TrainStep.of(PipelineFile.load(dir)).run(tmp.resolve("out"));

        assertThat(again.cached()).isFalse();
        assertThat(JSON.readTree(again.report().toFile()).path("data").path("train").path("rows").asInt()).isEqualTo(220);
    }

    @Test
    void theBundleVerifiesAndModelCoreReproducesNd4jOutputs() throws Exception {
        PipelineFile project = PipelineFile.load(TestProjects.binary(tmp.resolve("p"), 300, ADAM, true));
        TrainStep.Result result = TrainStep.of(project).run(tmp.resolve("out"));

        Model model = Model.load(result.bundle());
        JsonNode check = JSON.readTree(result.report().toFile()).path("inference_check");
        assertSoftly(softly -> {
            softly.assertThat(model.name()).isEqualTo("tiny-binary");
            softly.assertThat(model.labels()).containsExactly("no", "yes");
            softly.assertThat(model.definition().preprocessing()).extracting(op -> op.op())
                    .containsExactly("impute", "standardize", "min_max", "one_hot");
            softly.assertThat(check.path("rows").asInt()).isEqualTo(300);
            softly.assertThat(check.path("max_relative_difference").asDouble()).isLessThanOrEqualTo(BundleExport.TOLERANCE);
            // a row with the imputed input missing is scored, as serving will get it
            softly.assertThat(model.predict(Map.of("a", 0.5, "channel", "web")).probabilities()).hasSize(2);
        });
        // the training data's distribution travels in the bundle, verified with it, for the monitor
        DriftReference reference = DriftReference.read(
                Bundle.open(result.bundle()).bytes(DriftReference.FILE), DriftReference.FILE);
        List<String[]> rows = Files.readAllLines(project.data().train()).stream().skip(1)
                .map(l -> l.split(",", -1)).toList();
        assertSoftly(softly -> {
            softly.assertThat(reference.rows()).isEqualTo(300);
            softly.assertThat(reference.features()).extracting(DriftReference.Feature::name)
                    .containsExactly("a", "b", "channel");
            softly.assertThat(reference.feature("a").sample()).containsExactly(
                    rows.stream().mapToDouble(r -> Double.parseDouble(r[0])).sorted().toArray());
            softly.assertThat(reference.feature("b").missing()).isEqualTo(rows.stream().filter(r -> r[1].isEmpty()).count());
            softly.assertThat(reference.feature("b").bins().values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(300 - reference.feature("b").missing());
            softly.assertThat(reference.feature("channel").counts()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                    "shop", rows.stream().filter(r -> r[2].equals("shop")).count(),
                    "web", rows.stream().filter(r -> r[2].equals("web")).count())));
        });
    }

    @Test
    void theReportRecordsProvenance() throws Exception {
        PipelineFile project = PipelineFile.load(TestProjects.binary(tmp.resolve("p"), 200, ADAM, false));
        TrainStep.Result result = TrainStep.of(project).run(tmp.resolve("out"));
        Dataset train = DatasetReader.of(TrainStep.dataSchema(project)).read(project.data().train());

        JsonNode r = JSON.readTree(result.report().toFile());
        assertSoftly(softly -> {
            softly.assertThat(r.path("format").asText()).isEqualTo("ctkit-training/1");
            softly.assertThat(r.path("model").path("digest").asText()).isEqualTo(result.digest());
            softly.assertThat(r.path("data").path("train").path("sha256").asText()).isEqualTo(train.fingerprint());
            softly.assertThat(r.path("config_hash").asText()).isEqualTo(project.configHash()).startsWith("sha256:");
            softly.assertThat(r.path("code_version").has("git_commit")).isTrue();
            softly.assertThat(r.path("runtime").path("nd4j").asText()).isEqualTo("1.0.0-M2.1");
            softly.assertThat(r.path("runtime").path("java").asText()).isEqualTo(System.getProperty("java.version"));
            softly.assertThat(r.path("seed").asLong()).isEqualTo(3);
            softly.assertThat(r.path("hyperparameters").path("batch_size").asInt()).isEqualTo(16);
            softly.assertThat(r.path("timings").path("train_ms").asLong()).isPositive();
            softly.assertThat(r.path("history")).hasSize(8);
            softly.assertThat(r.path("cache").path("key").asText()).isEqualTo(result.cacheKey());
        });
    }

    @Test
    void earlyStoppingStopsWhenValidationLossStallsAndKeepsTheBestEpoch() throws Exception {
        PipelineFile project = PipelineFile.load(TestProjects.binary(tmp.resolve("p"), 300, """
                optimizer: adam
                learning_rate: 0.05
                batch_size: 16
                epochs: 300
                early_stopping: {patience: 3, validation_fraction: 0.2, min_delta: 0.001}
                """, false));
        JsonNode r = JSON.readTree(TrainStep.of(project).run(tmp.resolve("out")).report().toFile());

        int run = r.path("epochs_run").asInt();
        int best = r.path("best_epoch").asInt();
        assertSoftly(softly -> {
            softly.assertThat(run).isLessThan(300);
            softly.assertThat(run - best).isEqualTo(3);
            softly.assertThat(r.path("stop_reason").asText()).contains("early stop after epoch " + run)
                    .contains("kept epoch " + best);
            softly.assertThat(r.path("data").path("validation_rows").asInt()).isEqualTo(60);
            softly.assertThat(r.path("history").get(0).has("val_accuracy")).isTrue();
        });
    }

    @Test
    void classWeightsMakeTheWeightedClassWin() throws Exception {
        String weighted = ADAM + "class_weights: {\"yes\": 20.0}\n";
        Path plainDir = TestProjects.binary(tmp.resolve("plain"), 300, ADAM, false);
        Path weightedDir = TestProjects.binary(tmp.resolve("weighted"), 300, weighted, false);
        Model plain = Model.load(TrainStep.of(PipelineFile.load(plainDir)).run(tmp.resolve("o1")).bundle());
        Model heavy = Model.load(TrainStep.of(PipelineFile.load(weightedDir)).run(tmp.resolve("o2")).bundle());

        Map<String, Object> row = Map.of("a", 0.1, "b", 5.0, "channel", "shop");
        assertThat(heavy.predict(row).probabilities().get(1)).isGreaterThan(plain.predict(row).probabilities().get(1) + 0.1);
    }

    @Test
    void sgdTrainsLogisticRegressionWithoutHiddenLayers() throws Exception {
        Path dir = TestProjects.binary(tmp.resolve("p"), 400, """
                optimizer: sgd
                learning_rate: 0.1
                momentum: 0.5
                batch_size: 32
                epochs: 40
                """, false);
        Path yaml = dir.resolve("ctkit.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("  hidden:\n    - {units: 8, activation: tanh}\n", ""));
        PipelineFile project = PipelineFile.load(dir);
        assertThat(project.model().hidden()).isEmpty();

        Model model = Model.load(TrainStep.of(project).run(tmp.resolve("out")).bundle());

        assertThat(model.definition().layers()).hasSize(1);
        Dataset holdout = DatasetReader.of(TrainStep.dataSchema(project)).read(project.data().holdout());
        var scored = model.predict(DatasetRows.of(holdout, model.definition().inputs()));
        int[] truth = holdout.labelIndices(model.labels());
        int correct = 0;
        for (int r = 0; r < truth.length; r++) {
            correct += scored.labelIndex(r) == truth[r] ? 1 : 0;
        }
        assertThat((double) correct / truth.length).isGreaterThan(0.9);
    }

    @Test
    void aTrainingThatFailsLeavesTheEarlierOutputInPlace() throws Exception {
        Path dir = TestProjects.binary(tmp.resolve("p"), 200, ADAM, false);
        TrainStep.Result first = TrainStep.of(PipelineFile.load(dir)).run(tmp.resolve("out"));
        Files.writeString(dir.resolve("train.csv"), "a,b,channel,bought\n0.1,2,web,yes\n0.2,x,web,no\n");

        assertThatThrownBy(() -> TrainStep.of(PipelineFile.load(dir)).run(tmp.resolve("out")))
                .hasMessageContaining("train.csv:3: column \"b\" (2): \"x\" is not a number");
        String reopened = Bundle.open(first.bundle()).digest();
        List<String> left;
        try (var files = Files.list(tmp)) {
            left = files.map(p -> p.getFileName().toString()).toList();
        }
        assertSoftly(softly -> {
            softly.assertThat(reopened).isEqualTo(first.digest());
            softly.assertThat(left).containsExactlyInAnyOrder("p", "out");
        });
    }
}
