package io.ctkit.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctkit.bundle.Bundle;
import io.ctkit.data.Column;
import io.ctkit.data.Schema;
import io.ctkit.evaluate.EvaluateStep;
import io.ctkit.evaluate.EvaluationSettings;
import io.ctkit.gate.GateCheck;
import io.ctkit.gate.GatePolicy;
import io.ctkit.gate.GateStep;
import io.ctkit.gate.GateVerdict;
import io.ctkit.metrics.Metric;
import io.ctkit.validate.ValidateDataStep;
import io.ctkit.validate.ValidationCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quality steps as a user's test calls them, on this module's test class path: model-core,
 * Jackson, JUnit and AssertJ, nothing else. The model is the scikit-learn wine classifier exported
 * as a bundle (examples/wine-classifier); scikit-learn's own figures for it are in expected.json.
 */
class StepsAsALibraryTest {
    private static final Path WINE = root().resolve("examples/wine-classifier");
    private static final Path MODEL = WINE.resolve("model");
    private static final Path HOLDOUT = WINE.resolve("holdout.csv");

    @TempDir
    Path tmp;

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples/wine-classifier/model"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no examples/wine-classifier above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    @ParameterizedTest(name = "{0} is not on a user''s test class path")
    @ValueSource(strings = {"org.nd4j.linalg.factory.Nd4j", "picocli.CommandLine", "com.google.cloud.tools.jib.api.Jib",
            "org.slf4j.impl.StaticLoggerBinder"})
    void theQualityStepsNeedNoHeavyLibrary(String heavy) {
        assertThatThrownBy(() -> Class.forName(heavy)).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void evaluateGivesScikitLearnsFiguresWithIntervalsAndWritesTheReport() throws Exception {
        JsonNode sklearn = new ObjectMapper().readTree(WINE.resolve("expected.json").toFile());
        Path report = tmp.resolve("metrics.json");

        EvaluateStep.Result r = EvaluateStep.run(EvaluateStep.Request
                .of(EvaluateStep.Subject.model(MODEL, HOLDOUT, "label"))
                .withSettings(EvaluationSettings.defaults().withBootstrap(300, 0.9, 7))
                .withReport(report));

        assertThat(r.evaluation().rows()).isEqualTo(sklearn.get("rows").asInt());
        assertThat(r.evaluation().value(Metric.ACCURACY).value()).isEqualTo(sklearn.get("accuracy").asDouble());
        assertThat(r.evaluation().value(Metric.LOG_LOSS).value()).isCloseTo(sklearn.get("log_loss").asDouble(), within(1e-6));
        assertThat(r.evaluation().value(Metric.F1_MACRO).interval().contains(r.evaluation().value(Metric.F1_MACRO).value()))
                .isTrue();
        JsonNode written = new ObjectMapper().readTree(report.toFile());
        assertThat(written.path("model").path("sha256").asText()).isEqualTo(Bundle.open(MODEL).digest());
        assertThat(written.path("metrics").path("accuracy").path("value").asDouble())
                .isEqualTo(sklearn.get("accuracy").asDouble());
    }

    @Test
    void aModelIsNoWorseThanItselfAndTheVerdictIsWrittenAsTheRegistryReadsIt() throws Exception {
        Path file = tmp.resolve("gate.json");

        GateVerdict verdict = GateStep.run(GateStep.Request
                .of(GateStep.Candidate.model(MODEL, HOLDOUT, "label"))
                .withChampion(GateStep.Candidate.model(MODEL, HOLDOUT, "label"))
                .withVerdict(file)).verdict();

        assertThat(verdict.passed()).as(verdict.summary()).isTrue();
        assertThat(verdict.firstRun()).isFalse();
        assertThat(verdict.checks()).extracting(GateCheck::kind).containsExactly(GateCheck.Kind.NO_REGRESSION);
        assertThat(verdict.checks().get(0).delta()).isZero();
        assertThat(GateVerdict.parse(Files.readAllBytes(file), file.toString())).isEqualTo(verdict);
    }

    @Test
    void aThresholdTheModelMissesFailsTheGateNamingTheMetric() throws Exception {
        Path policy = Files.writeString(tmp.resolve("gate.yaml"), "thresholds: [{metric: log_loss, max: 0.01}]\n");

        GateVerdict verdict = GateStep.run(GateStep.Request.of(GateStep.Candidate.model(MODEL, HOLDOUT, "label"))
                .withPolicy(GatePolicy.read(SettingsFiles.read(policy, "policy")))).verdict();

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.failures()).singleElement().satisfies(c -> {
            assertThat(c.metric()).isEqualTo("log_loss");
            assertThat(c.message()).contains("log_loss", "0.01");
        });
    }

    @Test
    void theHoldoutConformsToItsSchemaButLeaksIntoItself() throws Exception {
        List<Column> columns = new ArrayList<>();
        for (String name : Files.readAllLines(HOLDOUT).get(0).split(",")) {
            columns.add(name.equals("label") ? Column.classLabel(name, List.of("class_0", "class_1", "class_2"))
                    : Column.number(name));
        }
        Schema schema = Schema.of(columns.toArray(Column[]::new));

        ValidateDataStep.Result alone = ValidateDataStep.run(ValidateDataStep.Request.of(schema, HOLDOUT));
        ValidateDataStep.Result withItself = ValidateDataStep.run(ValidateDataStep.Request.of(schema, HOLDOUT)
                .withHoldout(HOLDOUT).withReport(tmp.resolve("validation.json")));

        assertThat(alone.passed()).as(alone.report().summary()).isTrue();
        assertThat(withItself.passed()).isFalse();
        assertThat(withItself.report().failures()).extracting(ValidationCheck::message)
                .anySatisfy(m -> assertThat(m).contains("72"));
        assertThat(tmp.resolve("validation.json")).isRegularFile();
    }
}
