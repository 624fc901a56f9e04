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
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.ctkit.model.Task;
import io.ctkit.model.inference.Activation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

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

        assertSoftly(softly -> {
            softly.assertThat(p.name()).isEqualTo("churn");
            softly.assertThat(p.seed()).isEqualTo(5);
            softly.assertThat(p.data().train()).isEqualTo(dir.resolve("data/train.csv").toAbsolutePath());
            softly.assertThat(p.data().label()).isEqualTo("churned");
            softly.assertThat(p.data().referencePath()).isEmpty();
            softly.assertThat(p.features()).extracting(FeatureSpec::transform).containsExactly(
                    FeatureSpec.Transform.STANDARDIZE, FeatureSpec.Transform.ONE_HOT, FeatureSpec.Transform.HASH);
            softly.assertThat(p.features().get(0).impute().isMean()).isTrue();
            softly.assertThat(p.features().get(2).buckets()).isEqualTo(64);
            softly.assertThat(p.model().task()).isEqualTo(Task.BINARY_CLASSIFICATION);
            softly.assertThat(p.model().hidden()).containsExactly(new ModelSection.Hidden(16, Activation.RELU, null),
                    new ModelSection.Hidden(8, Activation.LEAKY_RELU, 0.1));
            softly.assertThat(p.section(TrainingSection.SECTION).optimizer()).isEqualTo(TrainingSettings.Optimizer.SGD);
            softly.assertThat(p.section(TrainingSection.SECTION).momentum()).isEqualTo(0.8);
            softly.assertThat(p.section(TrainingSection.SECTION).earlyStopping())
                    .isEqualTo(new TrainingSettings.EarlyStopping(4, 0.2, 0.0));
            softly.assertThat(p.section(TrainingSection.SECTION).balanced()).isTrue();
            softly.assertThat(p.section(EvaluateSection.SECTION))
                    .isEqualTo(EvaluationSettings.defaults().withBootstrap(1000, 0.95, 5));
            softly.assertThat(p.section(ValidationSection.SECTION).maxMissingFraction()).isEqualTo(0.2);
            softly.assertThat(p.section(GateSection.SECTION).thresholds()).isNotEmpty();
            softly.assertThat(p.configHash()).matches("sha256:[0-9a-f]{64}");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a gate threshold                                       | min: 0.8            | min: 0.9
            the same values written differently (the same config) | learning_rate: 0.05 | learning_rate: 5.0e-2
            """)
    void theConfigHashIgnoresWhatIsNotTraining(String what, String from, String to) throws IOException {
        String hash = load(VALID).configHash();

        assertThat(load(VALID.replace(from, to)).configHash()).isEqualTo(hash);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            the epochs | epochs: 20 | epochs: 21
            the seed   | seed: 5    | seed: 6
            """)
    void theConfigHashCoversTheTrainingSections(String what, String from, String to) throws IOException {
        String hash = load(VALID).configHash();

        assertThat(load(VALID.replace(from, to)).configHash()).isNotEqualTo(hash);
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
                .hasMessage(dir.resolve("ctkit.yaml") + ": line 20: model.hidden[1].units: must be a positive integer, got -3");
    }

    @Test
    void theTrainingEngineIsDirectUnlessSameDiffIsChosenAndIsPartOfTheConfigHash() throws IOException {
        PipelineFile direct = load(VALID);
        assertThat(direct.section(TrainingSection.SECTION).engine()).isEqualTo(TrainingSettings.Engine.DIRECT);
        PipelineFile samediff = load(VALID.replace("  l2: 0.001", "  l2: 0.001\n  engine: samediff"));
        assertThat(samediff.section(TrainingSection.SECTION).engine()).isEqualTo(TrainingSettings.Engine.SAMEDIFF);
        assertThat(samediff.configHash()).isNotEqualTo(direct.configHash());
    }

    @Test
    void theModelNameFollowsTheRegistrysRule() {
        assertThatThrownBy(() -> load(VALID.replace("name: churn", "name: churn..v2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("name: \"churn..v2\"").hasMessageContaining("without \"..\"");
    }

    static Stream<Refusal> unknownFields() {
        return Stream.of(
                Refusal.endingWith("  batch_size: 64", "  batchsize: 64", "training.batchsize: unknown field; expected one of"
                        + " batch_size, class_weights, early_stopping, engine, epochs, l2, learning_rate, momentum, optimizer"
                        + " (did you mean \"batch_size\"?)"),
                new Refusal("deploy_to: prod added", yaml -> yaml + "deploy_to: prod\n", null,
                        ": deploy_to: unknown field; expected one of data, deploy, evaluate, features, gate,"),
                Refusal.containing("{name: plan}", "{name: plan, scale: 2}", "features[1].scale: unknown field"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unknownFields")
    void unknownFieldsAreErrorsWithASuggestion(Refusal refusal) {
        assertRefused(refusal);
    }

    @Test
    void malformedYamlNamesTheLine() {
        assertThatThrownBy(() -> load("name: x\ndata: [unclosed\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ctkit.yaml: line ")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void aKeyGivenTwiceIsAnError() {
        assertThatThrownBy(() -> load("name: a\nname: b\n")).hasMessageContaining("Duplicate field 'name'");
    }

    @Test
    void anEmptyFileSaysWhatIsNeeded() {
        assertThatThrownBy(() -> load("")).hasMessageEndingWith("the file is empty; it needs at least name, data, features and model");
    }

    static Stream<Refusal> requiredFields() {
        return Stream.of(
                Refusal.endingWith("  holdout: data/holdout.csv\n", "", "data.holdout: missing; this field is required"),
                Refusal.endingWith("  task: binary-classification\n", "", "model.task: missing; this field is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requiredFields")
    void requiredFieldsAreNamed(Refusal refusal) {
        assertRefused(refusal);
    }

    @Test
    void schemaErrorsKeepTheirPathUnderData() {
        assertThatThrownBy(() -> load(VALID.replace("type: number, min: 0", "type: nmber")))
                .hasMessageContaining("data.schema.columns[0].type: unknown type \"nmber\"");
    }

    static Stream<Refusal> unusableFeatures() {
        return Stream.of(
                Refusal.endingWith("{name: plan}", "{name: plna}",
                        "features[1].name: \"plna\" is not a column of data.schema; declare it there first"),
                Refusal.containing("{name: plan}", "{name: churned}", "features[1].name: \"churned\" is the label"),
                Refusal.endingWith("{name: plan}", "{name: plan, transform: standardize}",
                        "features[1].transform: standardize does not apply to the category column \"plan\"; use one_hot"),
                Refusal.endingWith("{name: note, transform: hash, buckets: 64}", "{name: note}",
                        "features[2].buckets: missing; this field is required"),
                Refusal.containing("{name: plan}", "{name: tenure}",
                        "features[1].name: \"tenure\" is listed twice (also features[0])"),
                Refusal.endingWith("{name: tenure, impute: mean}", "{name: tenure, impute: median}",
                        "features[0].impute: must be mean or a number, got \"median\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableFeatures")
    void featuresMustBeUsableSchemaColumns(Refusal refusal) {
        assertRefused(refusal);
    }

    static Stream<Refusal> tasksThatDoNotFit() {
        return Stream.of(
                Refusal.containing("task: binary-classification", "task: regression",
                        "model.task: regression does not fit the label column \"churned\" of kind classification"),
                Refusal.containing("values: [\"no\", \"yes\"]", "values: [a, b, c]",
                        "model.task: binary-classification needs exactly 2 classes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasksThatDoNotFit")
    void theTaskMustFitTheLabel(Refusal refusal) {
        assertRefused(refusal);
    }

    static Stream<Refusal> badHyperparameters() {
        return Stream.of(
                Refusal.endingWith("learning_rate: 0.05", "learning_rate: 0",
                        "training.learning_rate: must be greater than 0, got 0"),
                Refusal.endingWith("optimizer: sgd", "optimizer: rmsprop",
                        "training.optimizer: must be one of adam, sgd, got \"rmsprop\""),
                Refusal.containing("optimizer: sgd", "optimizer: adam", "training.momentum: only sgd uses momentum"),
                Refusal.containing("validation_fraction: 0.2", "validation_fraction: 0.7",
                        "training.early_stopping.validation_fraction: must be at most 0.5"),
                Refusal.containing("class_weights: balanced", "class_weights: {maybe: 2}",
                        "training.class_weights.maybe: \"maybe\" is not a class of the label; classes are [no, yes]"),
                Refusal.containing("activation: relu}", "activation: softmax}",
                        "model.hidden[0].activation: unknown hidden-layer activation \"softmax\""),
                Refusal.containing("{units: 16, activation: relu}", "{units: 16, activation: relu, alpha: 1}",
                        "model.hidden[0].alpha: only leaky_relu and elu take alpha"),
                Refusal.endingWith("  l2: 0.001", "  l2: 0.001\n  engine: fast",
                        "training.engine: must be one of direct, samediff, got \"fast\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHyperparameters")
    void hyperparametersAreChecked(Refusal refusal) {
        assertRefused(refusal);
    }

    @Test
    void dataPathsMustBeRelative() {
        assertThatThrownBy(() -> load(VALID.replace("train: data/train.csv", "train: /data/train.csv")))
                .hasMessageContaining("data.train: \"/data/train.csv\" is absolute; give a path relative to the ctkit.yaml file");
    }

    @Test
    void aDirectoryWithoutCtkitYamlSaysToCreateOne() {
        assertThatThrownBy(() -> PipelineFile.load(dir)).hasMessage(dir + ": no ctkit.yaml in this directory; create one"
                + " (see docs/pipeline-file.md)");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> PipelineFile.load(dir.resolve("nope.yaml")))
                .hasMessageContaining("nope.yaml: no such file");
    }

    private PipelineFile load(String yaml) throws IOException {
        Path file = dir.resolve("ctkit.yaml");
        Files.writeString(file, yaml);
        return PipelineFile.load(file);
    }

    /** A change to {@link #VALID} and the end, or a part, of the error message it must give. */
    record Refusal(String change, UnaryOperator<String> edit, String messageEnd, String messagePart) {
        static Refusal endingWith(String from, String to, String end) {
            return new Refusal(describe(from, to), yaml -> yaml.replace(from, to), end, null);
        }

        static Refusal containing(String from, String to, String part) {
            return new Refusal(describe(from, to), yaml -> yaml.replace(from, to), null, part);
        }

        private static String describe(String from, String to) {
            return (from.strip() + " -> " + to.strip()).replace("\n", " ");
        }

        @Override
        public String toString() {
            return change;
        }
    }

    private void assertRefused(Refusal refusal) {
        String yaml = refusal.edit().apply(VALID);
        assertThat(yaml).as("the edit changes the valid file").isNotEqualTo(VALID);

        AbstractThrowableAssert<?, ? extends Throwable> thrown = assertThatThrownBy(() -> load(yaml));
        if (refusal.messageEnd() != null) {
            thrown.hasMessageEndingWith(refusal.messageEnd());
        } else {
            thrown.hasMessageContaining(refusal.messagePart());
        }
    }
}
