package io.ctkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctkit.bundle.Bundle;
import io.ctkit.data.DatasetReader;
import io.ctkit.project.PipelineFile;
import io.ctkit.registry.Artifact;
import io.ctkit.registry.Lineage;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.ModelVersion;
import io.ctkit.registry.Promotion;
import io.ctkit.registry.RegistryConfig;
import io.ctkit.train.TestProjects;
import io.ctkit.train.TrainStep;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegisterStageTest {

    @TempDir
    Path tmp;

    @Test
    void aRunRegistersItsModelAndTheLineageLeadsBackToTheSameBundle() throws Exception {
        PipelineFile project = PipelineFile.load(TestProjects.binary(tmp.resolve("p"), 120, "epochs: 2\n", false));
        RegistryConfig config = RegistryConfig.embedded(tmp.resolve("registry"));
        StringWriter out = new StringWriter();

        PipelineRun.Outcome outcome = PipelineRun.of(List.of(new TrainStage(), new EvaluateStage(),
                new RegisterStage(config))).run(project, tmp.resolve("runs/run-1"), "run-1", new PrintWriter(out, true), false);

        assertThat(outcome.passed()).as(out.toString()).isTrue();
        assertThat(out.toString()).contains("registered tiny-binary:1");
        try (ModelRegistry registry = ModelRegistry.open(config)) {
            ModelVersion v = registry.version("tiny-binary", 1);
            Lineage lineage = registry.lineage("tiny-binary", 1);
            Artifact train = lineage.run().inputs("dataset").stream().filter(a -> a.role().equals("train"))
                    .findFirst().orElseThrow();
            assertThat(lineage.run().id()).isEqualTo("run-1");
            assertThat(train.digest()).isEqualTo(DatasetReader.of(TrainStep.dataSchema(project))
                    .read(project.data().train()).fingerprint());
            assertThat(lineage.run().inputs("dataset")).extracting(Artifact::role).containsExactly("train", "holdout");
            assertThat(lineage.run().inputs("config")).singleElement().extracting(Artifact::digest)
                    .isEqualTo(project.configHash());
            assertThat(lineage.run().hyperparameters()).containsKey("hidden");
            assertThat(lineage.run().steps()).extracting(s -> s.name()).contains("train", "evaluate", "register");
            assertThat(registry.metrics("tiny-binary", 1)).containsKeys("accuracy", "roc_auc");
            assertThat(lineage.render()).contains("train: " + project.data().train(), project.configHash());

            // Training again from what the lineage names gives the registered bundle, byte for byte.
            TrainStep.Result again = TrainStep.of(project).withForce(true).withCacheDir(tmp.resolve("other-cache"))
                    .run(tmp.resolve("again"));
            assertThat(again.digest()).isEqualTo(v.bundleDigest());

            assertThat(RegistryChampion.export(config, "tiny-binary", tmp.resolve("champion-0"))).isEmpty();
            registry.promote("tiny-binary", 1, Promotion.to("production", "test").forced("no gate stage in this run"));
        }
        Optional<ModelVersion> champion = RegistryChampion.export(config, "tiny-binary", tmp.resolve("champion"));
        assertThat(champion).get().extracting(ModelVersion::version).isEqualTo(1);
        assertThat(Bundle.open(tmp.resolve("champion")).digest()).isEqualTo(champion.get().bundleDigest());
        assertThat(RegistryChampion.export(config, "no-such-model", tmp.resolve("none"))).isEmpty();
    }
}
