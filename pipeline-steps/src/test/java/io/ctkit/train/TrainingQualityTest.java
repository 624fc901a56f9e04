package io.ctkit.train;

import io.ctkit.scoring.DatasetRows;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctkit.data.Dataset;
import io.ctkit.data.DatasetReader;
import io.ctkit.metrics.Evaluation;
import io.ctkit.metrics.Evaluator;
import io.ctkit.metrics.Predictions;
import io.ctkit.model.Model;
import io.ctkit.project.PipelineFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ctkit's MLP against scikit-learn's with the same architecture, optimizer, batch size and epochs
 * (fixtures/training/generate.py): the holdout score may be at most 0.02 below scikit-learn's mean
 * over five seeds.
 */
class TrainingQualityTest {
    private static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures", "training");
    private static final Path EXAMPLE = Path.of("..", "examples", "marketing-forecast", "ctkit.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void mlpClassifierReachesScikitLearnsAccuracyOnMakeClassification() throws Exception {
        JsonNode reference = JSON.readTree(FIXTURES.resolve("classification.json").toFile());
        Path dir = TestProjects.copy(FIXTURES.resolve("classification"), tmp.resolve("classification"));
        PipelineFile project = PipelineFile.load(dir);

        Model model = Model.load(TrainStep.of(project).run(tmp.resolve("out")).bundle());
        Dataset holdout = DatasetReader.of(TrainStep.dataSchema(project)).read(project.data().holdout());
        assertThat(holdout.fingerprint()).isEqualTo(reference.path("holdout_sha256").asText());
        var scored = model.predict(DatasetRows.of(holdout, model.definition().inputs()));
        double[][] p = new double[holdout.rowCount()][];
        for (int r = 0; r < p.length; r++) {
            p[r] = new double[] {scored.probability(r, 0), scored.probability(r, 1), scored.probability(r, 2)};
        }
        Evaluation e = Evaluator.create().withoutBootstrap()
                .evaluate(Predictions.multiclass(holdout.labelIndices(model.labels()), p));

        assertThat(e.accuracy()).isGreaterThanOrEqualTo(reference.path("holdout_accuracy").asDouble() - 0.02);
    }

    @Test
    void mlpRegressionReachesScikitLearnsR2OnTheMarketingExample() throws Exception {
        JsonNode reference = JSON.readTree(FIXTURES.resolve("marketing.json").toFile());
        Path dir = Files.createDirectories(tmp.resolve("marketing"));
        Files.copy(EXAMPLE, dir.resolve("ctkit.yaml"));
        PipelineFile project = PipelineFile.load(dir);

        Model model = Model.load(TrainStep.of(project).run(tmp.resolve("out")).bundle());
        // the Java generator made the same files scikit-learn was trained and scored on
        Dataset train = DatasetReader.of(TrainStep.dataSchema(project)).read(project.data().train());
        Dataset holdout = DatasetReader.of(TrainStep.dataSchema(project)).read(project.data().holdout());
        assertThat(train.fingerprint()).isEqualTo(reference.path("train_sha256").asText());
        assertThat(holdout.fingerprint()).isEqualTo(reference.path("holdout_sha256").asText());
        var scored = model.predict(DatasetRows.of(holdout, model.definition().inputs()));
        Evaluation e = Evaluator.create().withoutBootstrap()
                .evaluate(Predictions.regression(holdout.targets(), scored.values()));

        assertThat(e.r2()).isGreaterThanOrEqualTo(reference.path("holdout_r2").asDouble() - 0.02);
    }
}
