package io.ctkit.project;

import io.ctkit.config.ConfigException;
import io.ctkit.evaluate.EvaluationSettings;
import io.ctkit.run.EvaluateSection;
import io.ctkit.run.GateSection;
import io.ctkit.run.ValidationSection;
import io.ctkit.train.TrainingSection;
import io.ctkit.train.TrainingSettings;
import io.ctkit.validate.ValidationPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctkit.model.Task;
import io.ctkit.model.inference.Activation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineFileTest {
    static final Path EXAMPLE = Path.of("..", "examples", "marketing-forecast");

    private static final String VALID = """
            name: churn
            seed: 5
            data:
              train: data/train.csv
              holdout: data/holdout.csv
              schema:
                columns:
                  - {name: tenure, type: number, min: 0}
                  - {name: plan, type: category, values: [basic, pro]}
                  - {name: note, type: text}
                  - {name: churned, type: label, kind: classification, values: ["no", "yes"]}
            features:
              - {name: tenure, impute: mean}
              - {name: plan}
              - {name: note, transform: hash, buckets: 64}
            model:
              task: binary-classification
              hidden:
                - {units: 16, activation: relu}
                - {units: 8, activation: leaky_relu, alpha: 0.1}
            training:
              optimizer: sgd
              momentum: 0.8
              learning_rate: 0.05
              batch_size: 64
              epochs: 20
              early_stopping: {patience: 4, validation_fraction: 0.2}
              class_weights: balanced
              l2: 0.001
            validation:
              max_missing_fraction: 0.2
            gate:
              thresholds:
                - {metric: roc_auc, min: 0.8}
            """;

    @TempDir
    Path dir;

    @Test
    void readsEverySection() throws IOException {
        PipelineFile p = load(VALID);

        assertThat(p.name()).isEqualTo("churn");
        assertThat(p.seed()).isEqualTo(5);
        assertThat(p.data().train()).isEqualTo(dir.resolve("data/train.csv").toAbsolutePath());
        assertThat(p.data().label()).isEqualTo("churned");
        assertThat(p.data().referencePath()).isEmpty();
        assertThat(p.features()).extracting(FeatureSpec::transform).containsExactly(
                FeatureSpec.Transform.STANDARDIZE, FeatureSpec.Transform.ONE_HOT, FeatureSpec.Transform.HASH);
        assertThat(p.features().get(0).impute().isMean()).isTrue();
        assertThat(p.features().get(2).buckets()).isEqualTo(64);
        assertThat(p.model().task()).isEqualTo(Task.BINARY_CLASSIFICATION);
        assertThat(p.model().hidden()).containsExactly(new ModelSection.Hidden(16, Activation.RELU, null),
                new ModelSection.Hidden(8, Activation.LEAKY_RELU, 0.1));
        assertThat(p.section(TrainingSection.SECTION).optimizer()).isEqualTo(TrainingSettings.Optimizer.SGD);
        assertThat(p.section(TrainingSection.SECTION).momentum()).isEqualTo(0.8);
        assertThat(p.section(TrainingSection.SECTION).earlyStopping()).isEqualTo(new TrainingSettings.EarlyStopping(4, 0.2, 0.0));
        assertThat(p.section(TrainingSection.SECTION).balanced()).isTrue();
        assertThat(p.section(EvaluateSection.SECTION)).isEqualTo(EvaluationSettings.defaults().withBootstrap(1000, 0.95, 5));
        assertThat(p.section(ValidationSection.SECTION).maxMissingFraction()).isEqualTo(0.2);
        assertThat(p.section(GateSection.SECTION).thresholds()).isNotEmpty();
        assertThat(p.configHash()).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void theConfigHashCoversTrainingSectionsOnly() throws IOException {
        String hash = load(VALID).configHash();

        assertThat(load(VALID.replace("min: 0.8", "min: 0.9")).configHash()).isEqualTo(hash);
        assertThat(load(VALID.replace("epochs: 20", "epochs: 21")).configHash()).isNotEqualTo(hash);
        assertThat(load(VALID.replace("seed: 5", "seed: 6")).configHash()).isNotEqualTo(hash);
        // the same values written differently are the same config
        assertThat(load(VALID.replace("learning_rate: 0.05", "learning_rate: 5.0e-2")).configHash()).isEqualTo(hash);
    }

    @Test
    void theExampleProjectLoads() throws IOException {
        PipelineFile p = PipelineFile.load(EXAMPLE);

        assertThat(p.name()).isEqualTo("marketing-forecast");
        assertThat(p.model().task()).isEqualTo(Task.REGRESSION);
        assertThat(p.data().generator()).get().extracting(GeneratorSpec::name).isEqualTo("marketing-forecast");
    }

    @Test
    void aBadValueNamesTheFieldPathAndTheRule() {
        assertThatThrownBy(() -> load(VALID.replace("{units: 8, activation: leaky_relu, alpha: 0.1}",
                "{units: -3, activation: relu}")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("ctkit.yaml") + ": model.hidden[1].units: must be a positive integer, got -3");
    }

    @Test
    void theTrainingEngineIsDirectUnlessSameDiffIsChosenAndIsPartOfTheConfigHash() throws IOException {
        PipelineFile direct = load(VALID);
        assertThat(direct.section(TrainingSection.SECTION).engine()).isEqualTo(TrainingSettings.Engine.DIRECT);
        PipelineFile samediff = load(VALID.replace("  l2: 0.001", "  l2: 0.001\n  engine: samediff"));
        assertThat(samediff.section(TrainingSection.SECTION).engine()).isEqualTo(TrainingSettings.Engine.SAMEDIFF);
        assertThat(samediff.configHash()).isNotEqualTo(direct.configHash());
        assertThatThrownBy(() -> load(VALID.replace("  l2: 0.001", "  l2: 0.001\n  engine: fast")))
                .hasMessageEndingWith("training.engine: must be one of direct, samediff, got \"fast\"");
    }

    @Test
    void theModelNameFollowsTheRegistrysRule() {
        assertThatThrownBy(() -> load(VALID.replace("name: churn", "name: churn..v2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("name: \"churn..v2\"").hasMessageContaining("without \"..\"");
    }

    @Test
    void unknownFieldsAreErrorsWithASuggestion() {
        assertThatThrownBy(() -> load(VALID.replace("  batch_size: 64", "  batchsize: 64")))
                .hasMessageEndingWith("training.batchsize: unknown field; expected one of batch_size, class_weights,"
                        + " early_stopping, engine, epochs, l2, learning_rate, momentum, optimizer (did you mean \"batch_size\"?)");
        assertThatThrownBy(() -> load(VALID + "deploy_to: prod\n"))
                .hasMessageContaining(": deploy_to: unknown field; expected one of data, evaluate, features, gate,");
        assertThatThrownBy(() -> load(VALID.replace("{name: plan}", "{name: plan, scale: 2}")))
                .hasMessageContaining("features[1].scale: unknown field");
    }

    @Test
    void malformedYamlNamesTheLine() {
        assertThatThrownBy(() -> load("name: x\ndata: [unclosed\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ctkit.yaml: line ")
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> load("name: a\nname: b\n")).hasMessageContaining("Duplicate field 'name'");
    }

    @Test
    void anEmptyFileSaysWhatIsNeeded() {
        assertThatThrownBy(() -> load("")).hasMessageEndingWith("the file is empty; it needs at least name, data, features and model");
    }

    @Test
    void requiredFieldsAreNamed() {
        assertThatThrownBy(() -> load(VALID.replace("  holdout: data/holdout.csv\n", "")))
                .hasMessageEndingWith("data.holdout: missing; this field is required");
        assertThatThrownBy(() -> load(VALID.replace("  task: binary-classification\n", "")))
                .hasMessageEndingWith("model.task: missing; this field is required");
    }

    @Test
    void schemaErrorsKeepTheirPathUnderData() {
        assertThatThrownBy(() -> load(VALID.replace("type: number, min: 0", "type: nmber")))
                .hasMessageContaining("data.schema.columns[0].type: unknown type \"nmber\"");
    }

    @Test
    void featuresMustBeUsableSchemaColumns() {
        assertThatThrownBy(() -> load(VALID.replace("{name: plan}", "{name: plna}")))
                .hasMessageEndingWith("features[1].name: \"plna\" is not a column of data.schema; declare it there first");
        assertThatThrownBy(() -> load(VALID.replace("{name: plan}", "{name: churned}")))
                .hasMessageContaining("features[1].name: \"churned\" is the label");
        assertThatThrownBy(() -> load(VALID.replace("{name: plan}", "{name: plan, transform: standardize}")))
                .hasMessageEndingWith("features[1].transform: standardize does not apply to the category column \"plan\"; use one_hot");
        assertThatThrownBy(() -> load(VALID.replace("{name: note, transform: hash, buckets: 64}", "{name: note}")))
                .hasMessageEndingWith("features[2].buckets: missing; this field is required");
        assertThatThrownBy(() -> load(VALID.replace("{name: plan}", "{name: tenure}")))
                .hasMessageContaining("features[1].name: \"tenure\" is listed twice (also features[0])");
        assertThatThrownBy(() -> load(VALID.replace("{name: tenure, impute: mean}", "{name: tenure, impute: median}")))
                .hasMessageEndingWith("features[0].impute: must be mean or a number, got \"median\"");
    }

    @Test
    void theTaskMustFitTheLabel() {
        assertThatThrownBy(() -> load(VALID.replace("task: binary-classification", "task: regression")))
                .hasMessageContaining("model.task: regression does not fit the label column \"churned\" of kind classification");
        assertThatThrownBy(() -> load(VALID.replace("values: [\"no\", \"yes\"]", "values: [a, b, c]")))
                .hasMessageContaining("model.task: binary-classification needs exactly 2 classes");
    }

    @Test
    void hyperparametersAreChecked() {
        assertThatThrownBy(() -> load(VALID.replace("learning_rate: 0.05", "learning_rate: 0")))
                .hasMessageEndingWith("training.learning_rate: must be greater than 0, got 0");
        assertThatThrownBy(() -> load(VALID.replace("optimizer: sgd", "optimizer: rmsprop")))
                .hasMessageEndingWith("training.optimizer: must be one of adam, sgd, got \"rmsprop\"");
        assertThatThrownBy(() -> load(VALID.replace("optimizer: sgd", "optimizer: adam")))
                .hasMessageContaining("training.momentum: only sgd uses momentum");
        assertThatThrownBy(() -> load(VALID.replace("validation_fraction: 0.2", "validation_fraction: 0.7")))
                .hasMessageContaining("training.early_stopping.validation_fraction: must be at most 0.5");
        assertThatThrownBy(() -> load(VALID.replace("class_weights: balanced", "class_weights: {maybe: 2}")))
                .hasMessageContaining("training.class_weights.maybe: \"maybe\" is not a class of the label; classes are [no, yes]");
        assertThatThrownBy(() -> load(VALID.replace("activation: relu}", "activation: softmax}")))
                .hasMessageContaining("model.hidden[0].activation: unknown hidden-layer activation \"softmax\"");
        assertThatThrownBy(() -> load(VALID.replace("{units: 16, activation: relu}", "{units: 16, activation: relu, alpha: 1}")))
                .hasMessageContaining("model.hidden[0].alpha: only leaky_relu and elu take alpha");
    }

    @Test
    void dataPathsMustBeRelative() {
        assertThatThrownBy(() -> load(VALID.replace("train: data/train.csv", "train: /data/train.csv")))
                .hasMessageContaining("data.train: \"/data/train.csv\" is absolute; give a path relative to the ctkit.yaml file");
    }

    @Test
    void aMissingFileOrDirectoryIsNamed() {
        assertThatThrownBy(() -> PipelineFile.load(dir)).hasMessage(dir + ": no ctkit.yaml in this directory; create one"
                + " (see docs/pipeline-file.md)");
        assertThatThrownBy(() -> PipelineFile.load(dir.resolve("nope.yaml")))
                .hasMessageContaining("nope.yaml: no such file");
    }

    private PipelineFile load(String yaml) throws IOException {
        Path file = dir.resolve("ctkit.yaml");
        Files.writeString(file, yaml);
        return PipelineFile.load(file);
    }
}
