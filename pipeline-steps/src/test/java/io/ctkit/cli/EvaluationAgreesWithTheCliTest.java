package io.ctkit.cli;

import static io.ctkit.testkit.ModelAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctkit.files.FileTrees;
import io.ctkit.gate.Numbers;
import io.ctkit.metrics.MetricValue;
import io.ctkit.model.Model;
import io.ctkit.model.ModelDefinition;
import io.ctkit.npy.NpyArray;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.Promotion;
import io.ctkit.registry.Registration;
import io.ctkit.registry.RegistryConfig;
import io.ctkit.testkit.Champion;
import io.ctkit.testkit.ModelEvaluation;
import io.ctkit.testkit.ModelQualityTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The test kit and the CLI judge alike: on the same bundles and rows, {@code @ModelQualityTest}'s
 * evaluation has the metric values and intervals of {@code ctkit evaluate}'s metrics.json, and its
 * champion comparison reaches {@code ctkit gate}'s no-regression verdict with the same interval.
 */
class EvaluationAgreesWithTheCliTest {

    static final String DIR = "target/kit-parity";
    static final String GOOD = DIR + "/good";
    static final String WEAK = DIR + "/weak";
    static final String HOLDOUT = DIR + "/holdout.csv";
    private static final String CASES = "ctkit.parity.cases";
    private static final String MODEL_JSON = """
            {"format": "ctkit-model/1", "name": "forecast", "task": "regression",
             "inputs": [{"name": "spend", "type": "number"}],
             "layers": [{"type": "dense", "weights": "weights/W.npy", "bias": "weights/b.npy", "activation": "linear"}]}
            """;

    @BeforeAll
    static void twoModelsTheHoldoutAndARegistry() throws Exception {
        Path dir = Path.of(DIR);
        if (Files.exists(dir)) {
            FileTrees.delete(dir);
        }
        Files.createDirectories(dir);
        bundle(Path.of(GOOD), 2.0);
        bundle(Path.of(WEAK), 1.9);
        StringBuilder csv = new StringBuilder("spend,revenue\n");
        for (int i = 1; i <= 150; i++) {
            csv.append(String.format(Locale.ROOT, "%.1f,%.4f%n", i / 10.0, 2.0 * i / 10.0 + 0.5 + ((i * 37) % 11 - 5) / 5.0));
        }
        Files.writeString(Path.of(HOLDOUT), csv);
        try (ModelRegistry registry = ModelRegistry.open(RegistryConfig.embedded(dir.resolve("registry")))) {
            int good = registry.register(Registration.of("forecast", Path.of(GOOD))).version();
            registry.promote("forecast", good, new Promotion(Promotion.PRODUCTION, "parity-test", "fixture", true));
            int weak = registry.register(Registration.of("forecast", Path.of(WEAK))).version();
            registry.promote("forecast", weak, new Promotion(Promotion.STAGING, "parity-test", "fixture", true));
        }
        Files.writeString(dir.resolve("policy.yaml"), "no_regression: [{metric: rmse, margin: 0.01}]\n");
    }

    @Test
    void metricsIntervalsAndTheNoRegressionVerdictAreTheCliOnes() throws Exception {
        CliRunner evaluate = CliRunner.run("evaluate", "--model", GOOD, "--data", HOLDOUT, "--label", "revenue",
                "--out", DIR + "/metrics.json");
        CliRunner weakGate = CliRunner.run("gate", "--model", WEAK, "--champion-model", GOOD, "--data", HOLDOUT,
                "--label", "revenue", "--policy", DIR + "/policy.yaml", "--out", DIR + "/weak-gate.json");
        CliRunner goodGate = CliRunner.run("gate", "--model", GOOD, "--champion-model", WEAK, "--data", HOLDOUT,
                "--label", "revenue", "--policy", DIR + "/policy.yaml", "--out", DIR + "/good-gate.json");
        Map<String, String> kit = runTheKit();

        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(weakGate.exitCode()).as(weakGate.err()).isEqualTo(1);
        assertThat(goodGate.exitCode()).as(goodGate.err()).isZero();
        JsonNode metrics = new ObjectMapper().readTree(Path.of(DIR, "metrics.json").toFile()).get("metrics");
        ModelEvaluation evaluation = TheKitsTestCases.SEEN.get("evaluation");
        assertThat(metrics.size()).isEqualTo(evaluation.asMap().size()).isEqualTo(5);
        assertSoftly(softly -> {
            for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> cli = it.next();
                MetricValue value = evaluation.metric(cli.getKey());
                softly.assertThat(value.value()).as(cli.getKey()).isEqualTo(cli.getValue().get("value").asDouble());
                softly.assertThat(value.interval().low()).as(cli.getKey() + " ci_low")
                        .isEqualTo(cli.getValue().get("ci_low").asDouble());
                softly.assertThat(value.interval().high()).as(cli.getKey() + " ci_high")
                        .isEqualTo(cli.getValue().get("ci_high").asDouble());
            }
        });
        JsonNode check = new ObjectMapper().readTree(Path.of(DIR, "weak-gate.json").toFile()).get("checks").get(0);
        assertThat(check.get("passed").asBoolean()).isFalse();
        assertThat(kit.get("weakAgainstProduction"))
                .contains(" vs the champion's " + Numbers.format(check.get("champion").asDouble()) + ", difference "
                        + Numbers.signed(check.get("delta").asDouble()) + " (95% CI "
                        + Numbers.signed(check.get("ci_low").asDouble()) + " to "
                        + Numbers.signed(check.get("ci_high").asDouble()) + ") beyond +0.01 on 150 rows");
        assertThat(kit.get("goodAgainstStaging")).isEqualTo("passed");
    }

    private static Map<String, String> runTheKit() {
        Map<String, String> saved = new HashMap<>();
        for (String key : new String[] {CASES, "ctkit.registry", "ctkit.model"}) {
            saved.put(key, System.getProperty(key));
        }
        try {
            System.setProperty(CASES, "true");
            System.setProperty("ctkit.registry", DIR + "/registry");
            System.clearProperty("ctkit.model");
            Map<String, String> outcomes = new HashMap<>();
            for (Event event : EngineTestKit.engine("junit-jupiter").selectors(selectClass(TheKitsTestCases.class))
                    .execute().testEvents().finished().list()) {
                TestExecutionResult result = event.getPayload(TestExecutionResult.class).orElseThrow();
                outcomes.put(event.getTestDescriptor().getLegacyReportingName().replaceAll("\\(.*", ""),
                        result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? "passed"
                                : result.getThrowable().map(Throwable::getMessage).orElse("failed"));
            }
            return outcomes;
        } finally {
            saved.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }

    private static void bundle(Path dir, double weight) throws Exception {
        ModelDefinition definition = ModelDefinition.parse(MODEL_JSON.getBytes(StandardCharsets.UTF_8), "model.json");
        Model.bundleWriter(definition, Map.of(
                "weights/W.npy", NpyArray.ofDoubles(new int[] {1, 1}, new double[] {weight}),
                "weights/b.npy", NpyArray.ofDoubles(new int[] {1}, new double[] {0.5}))).write(dir);
    }

    /** Only run from the test above, with the kit's settings at their defaults (those of evaluate and gate). */
    @EnabledIfSystemProperty(named = CASES, matches = "true")
    static class TheKitsTestCases {
        static final Map<String, ModelEvaluation> SEEN = new ConcurrentHashMap<>();

        @ModelQualityTest(model = GOOD, data = HOLDOUT, label = "revenue")
        void evaluation(ModelEvaluation e) {
            SEEN.put("evaluation", e);
        }

        @ModelQualityTest(model = WEAK, data = HOLDOUT, label = "revenue")
        void weakAgainstProduction(ModelEvaluation candidate, @Champion ModelEvaluation champion) {
            assertThat(candidate).isNoWorseThan(champion).on("rmse").withinMargin(0.01);
        }

        @ModelQualityTest(model = GOOD, data = HOLDOUT, label = "revenue")
        void goodAgainstStaging(ModelEvaluation candidate, @Champion("staging") ModelEvaluation champion) {
            assertThat(candidate).isNoWorseThan(champion).on("rmse").withinMargin(0.01);
        }
    }
}
