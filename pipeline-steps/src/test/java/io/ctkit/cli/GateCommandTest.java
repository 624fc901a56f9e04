package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GateCommandTest {

    static final Path WINE = Path.of("..", "examples", "wine-classifier");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Binary predictions with an id column: separation 0 is a coin flip, 3 nearly perfect. */
    private Path predictions(String name, double separation, long noiseSeed) throws IOException {
        SplittableRandom labels = new SplittableRandom(1);
        SplittableRandom noise = new SplittableRandom(noiseSeed);
        StringBuilder csv = new StringBuilder("id,label,score,channel\n");
        for (int i = 0; i < 400; i++) {
            int y = labels.nextInt(2);
            double z = (y == 1 ? separation : -separation) / 2 + noise.nextDouble(-1.7, 1.7);
            csv.append(String.format(Locale.ROOT, "r%d,%d,%.6f,%s%n", i, y, 1 / (1 + Math.exp(-z)),
                    i % 3 == 0 ? "email" : "search"));
        }
        Path p = tmp.resolve(name);
        Files.writeString(p, csv);
        return p;
    }

    private Path policy(String yaml) throws IOException {
        Path p = tmp.resolve("gate.yaml");
        Files.writeString(p, yaml);
        return p;
    }

    @Test
    void aWorseChallengerFailsWithExitOneAndAVerdict() throws IOException {
        Path out = tmp.resolve("verdict.json");

        CliRunner r = CliRunner.run("gate", "--challenger", predictions("bad.csv", 0.8, 2).toString(),
                "--champion", predictions("good.csv", 3, 3).toString(), "--task", "binary", "--id", "id",
                "--policy", policy("no_regression: [{metric: roc_auc}]\nthresholds: [{metric: accuracy, min: 0.6}]\n")
                        .toString(), "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isEqualTo(Ctkit.EXIT_CHECK_FAILED);
        JsonNode v = JSON.readTree(out.toFile());
        JsonNode regression = v.get("checks").get(1);
        assertSoftly(softly -> {
            softly.assertThat(r.out()).contains("FAIL  roc_auc = ", "vs the champion's", "95% CI", "gate FAILED");
            softly.assertThat(r.err()).contains("gate failed: 2 of 2 checks failed, first: accuracy = ");
            softly.assertThat(v.get("format").asText()).isEqualTo("ctkit-gate/1");
            softly.assertThat(v.get("passed").asBoolean()).isFalse();
            softly.assertThat(v.get("first_run").asBoolean()).isFalse();
            softly.assertThat(v.get("challenger").get("sha256").asText()).startsWith("sha256:");
            softly.assertThat(v.get("champion").get("source").asText()).endsWith("good.csv");
            softly.assertThat(regression.get("kind").asText()).isEqualTo("no_regression");
            softly.assertThat(regression.get("ci_high").asDouble()).isNegative();
            softly.assertThat(regression.get("passed").asBoolean()).isFalse();
        });
    }

    @Test
    void theSamePredictionsPass() throws IOException {
        Path p = predictions("p.csv", 2, 2);
        Path out = tmp.resolve("verdict.json");

        CliRunner r = CliRunner.run("gate", "--challenger", p.toString(), "--champion", p.toString(),
                "--task", "binary", "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("PASS  roc_auc = ", "delta 0", "gate passed");
        assertThat(JSON.readTree(out.toFile()).get("passed").asBoolean()).isTrue();
    }

    @Test
    void withoutAChampionTheFirstRunPassesByDefault() throws IOException {
        Path p = predictions("p.csv", 2, 2);

        CliRunner pass = CliRunner.run("gate", "--challenger", p.toString(), "--task", "binary",
                "--out", tmp.resolve("a.json").toString());

        assertThat(pass.exitCode()).as(pass.err()).isZero();
        assertThat(pass.out()).contains("first run", "no champion");
        assertThat(JSON.readTree(tmp.resolve("a.json").toFile()).get("first_run").asBoolean()).isTrue();
    }

    @Test
    void withoutAChampionTheFirstRunFailsUnderTheRuleFirstRunFail() throws IOException {
        Path p = predictions("p.csv", 2, 2);

        CliRunner fail = CliRunner.run("gate", "--challenger", p.toString(), "--task", "binary",
                "--policy", policy("first_run: fail\n").toString(), "--out", tmp.resolve("b.json").toString());

        assertThat(fail.exitCode()).isEqualTo(Ctkit.EXIT_CHECK_FAILED);
        assertThat(JSON.readTree(tmp.resolve("b.json").toFile()).get("champion").isNull()).isTrue();
    }

    @Test
    void theChallengersFailingTestsFailTheGateUnlessAdvisory() throws IOException {
        Path p = predictions("p.csv", 2, 2);
        Path reports = Files.createDirectories(tmp.resolve("surefire-reports"));
        Files.writeString(reports.resolve("TEST-io.acme.QualityTest.xml"), "<testsuite><testcase classname="
                + "\"io.acme.QualityTest\" name=\"overall\"><failure message=\"r2 too low\"/></testcase></testsuite>");

        CliRunner required = CliRunner.run("gate", "--challenger", p.toString(), "--task", "binary",
                "--tests", reports.toString(), "--out", tmp.resolve("a.json").toString());
        CliRunner advisory = CliRunner.run("gate", "--challenger", p.toString(), "--task", "binary",
                "--tests", reports.toString(), "--policy", policy("tests: advisory\n").toString(),
                "--out", tmp.resolve("b.json").toString());
        CliRunner missing = CliRunner.run("gate", "--challenger", p.toString(), "--task", "binary",
                "--tests", tmp.resolve("nowhere").toString(), "--out", tmp.resolve("c.json").toString());

        assertThat(required.exitCode()).isEqualTo(Ctkit.EXIT_CHECK_FAILED);
        assertThat(required.out()).contains("FAIL  tests: 1 test: 0 passed, 1 failed, 0 errors, 0 skipped;"
                + " QualityTest.overall failed: r2 too low");
        assertThat(JSON.readTree(tmp.resolve("a.json").toFile()).get("checks").get(1).get("kind").asText())
                .isEqualTo("tests");
        assertThat(advisory.exitCode()).as(advisory.err()).isZero();
        assertThat(missing.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(missing.err()).contains("--tests: " + tmp.resolve("nowhere") + ": no such JUnit XML report");
        assertThat(tmp.resolve("c.json")).doesNotExist();
    }

    @Test
    void perSliceThresholdsReadTheSliceColumn() throws IOException {
        Path out = tmp.resolve("v.json");

        CliRunner r = CliRunner.run("gate", "--challenger", predictions("p.csv", 2, 2).toString(), "--task", "binary",
                "--policy", policy("thresholds: [{metric: roc_auc, min: 0.6, slice: channel}]\n").toString(),
                "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode checks = JSON.readTree(out.toFile()).get("checks");
        assertThat(checks.get(0).get("slice").asText()).isEqualTo("channel=email");
        assertThat(checks.get(1).get("slice").asText()).isEqualTo("channel=search");
    }

    @Test
    void theExampleModelAgainstItselfPassesAndNamesTheBundle() throws IOException {
        Path out = tmp.resolve("v.json");

        CliRunner r = CliRunner.run("gate", "--model", WINE.resolve("model").toString(),
                "--champion-model", WINE.resolve("model").toString(), "--data", WINE.resolve("holdout.csv").toString(),
                "--policy", policy("thresholds: [{metric: accuracy, min: 0.8}]\nno_regression: [{metric: f1_macro}]\n")
                        .toString(), "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode v = JSON.readTree(out.toFile());
        assertSoftly(softly -> {
            softly.assertThat(v.get("challenger").get("kind").asText()).isEqualTo("model");
            softly.assertThat(v.get("challenger").get("sha256").asText()).startsWith("sha256:");
            softly.assertThat(v.get("checks").get(1).get("delta").asDouble()).isZero();
        });
    }

    @Test
    void aModelInputCanBeTheRowIdThatProvesBothSidesAreTheSameRows() throws IOException {
        Path champion = tmp.resolve("champion.csv");
        CliRunner p = CliRunner.run("predict", "--model", WINE.resolve("model").toString(),
                "--data", WINE.resolve("holdout.csv").toString(), "--label", "label", "--id", "proline",
                "--out", champion.toString());
        assertThat(p.exitCode()).as(p.err()).isZero();

        CliRunner r = CliRunner.run("gate", "--model", WINE.resolve("model").toString(),
                "--data", WINE.resolve("holdout.csv").toString(), "--champion", champion.toString(), "--task", "multiclass",
                "--id", "proline", "--policy", policy("no_regression: [{metric: accuracy}]\n").toString(),
                "--out", tmp.resolve("v.json").toString());

        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        assertThat(r.err()).doesNotContain("declared twice");
    }

    @Test
    void aPolicyWithAnUnknownFieldIsAnInputErrorAndLeavesNoVerdict() throws IOException {
        Path out = tmp.resolve("v.json");

        CliRunner unknown = CliRunner.run("gate", "--challenger", predictions("p.csv", 2, 2).toString(), "--task", "binary",
                "--policy", policy("thresholds: [{metric: accuracy, minimum: 0.8}]\n").toString(), "--out", out.toString());

        assertThat(unknown.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(unknown.err()).contains("gate.yaml: line 1: thresholds[0].minimum: unknown field; expected one of max, metric, min, min_slice_size, slice");
        assertThat(out).doesNotExist();
    }

    @Test
    void aPolicyThatIsNotValidYamlIsAnInputErrorAndLeavesNoVerdict() throws IOException {
        Path out = tmp.resolve("v.json");

        CliRunner broken = CliRunner.run("gate", "--challenger", predictions("p.csv", 2, 2).toString(), "--task", "binary",
                "--policy", policy("thresholds: [{metric: accuracy\n").toString(), "--out", out.toString());

        assertThat(broken.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(broken.err()).contains("gate.yaml:", "not valid YAML");
        assertThat(out).doesNotExist();
    }

    @Test
    void aJsonPolicyWithASyntaxErrorNamesFileLineAndColumn() throws IOException {
        Path policy = tmp.resolve("gate.json");
        Files.writeString(policy, "{\"thresholds\": [\n  {\"metric\": \"accuracy\" \"min\": 0.8}]}");

        CliRunner r = CliRunner.run("gate", "--challenger", predictions("p.csv", 2, 2).toString(), "--task", "binary",
                "--policy", policy.toString(), "--out", tmp.resolve("v.json").toString());

        assertThat(r.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(r.err()).contains("gate.json:2:", "not valid JSON");
        assertThat(tmp.resolve("v.json")).doesNotExist();
    }

    static Stream<Arguments> badPredictionFiles() {
        return Stream.of(
                arguments("bad-row.csv", "label,score\n1,0.9\n0,0.2,7\n", List.of("bad-row.csv:3", "expected 2 fields")),
                arguments("no-score.csv", "label,prob\n1,0.9\n", List.of("no-score.csv", "score")),
                arguments("empty.csv", "", List.of("empty.csv")),
                arguments("header.csv", "label,score\n", List.of("header.csv")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPredictionFiles")
    void badPredictionFilesAreInputErrorsThatNameTheProblem(String name, String content, List<String> message)
            throws IOException {
        Path out = tmp.resolve("v.json");
        Path bad = tmp.resolve(name);
        Files.writeString(bad, content);

        CliRunner r = CliRunner.run("gate", "--challenger", bad.toString(), "--task", "binary", "--out", out.toString());

        assertThat(r.exitCode()).as(bad + ": " + r.err()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(r.err()).contains(name).contains(message);
        assertThat(out).doesNotExist();
    }

    @Test
    void predictionsOfDifferentRowsAreRefused() throws IOException {
        Path a = predictions("a.csv", 2, 2);
        Path b = tmp.resolve("b.csv");
        Files.writeString(b, Files.readString(a).replace("r5,", "r5x,"));
        Path out = tmp.resolve("v.json");

        CliRunner r = CliRunner.run("gate", "--challenger", a.toString(), "--champion", b.toString(),
                "--task", "binary", "--id", "id", "--out", out.toString());

        assertThat(r.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(r.err()).contains("row 6 has id \"r5\" for the challenger but \"r5x\" for the champion");
        assertThat(out).doesNotExist();
    }

    @Test
    void multiclassFilesMayListTheirClassesInAnotherOrder() throws IOException {
        Path predictions = tmp.resolve("p.csv");
        CliRunner p = CliRunner.run("predict", "--model", WINE.resolve("model").toString(),
                "--data", WINE.resolve("holdout.csv").toString(), "--label", "label", "--out", predictions.toString());
        assertThat(p.exitCode()).as(p.err()).isZero();
        List<String> lines = Files.readAllLines(predictions);
        StringBuilder swapped = new StringBuilder();
        for (String line : lines) {
            String[] f = line.split(",");
            swapped.append(String.join(",", f[0], f[3], f[1], f[2], f[4])).append('\n');
        }
        Path reordered = tmp.resolve("reordered.csv");
        Files.writeString(reordered, swapped);
        assertThat(swapped.toString()).startsWith("label,prob_class_2,prob_class_0,prob_class_1,predicted");
        Path out = tmp.resolve("v.json");

        CliRunner r = CliRunner.run("gate", "--challenger", predictions.toString(), "--champion", reordered.toString(),
                "--task", "multiclass", "--policy", policy("no_regression: [{metric: f1_macro}, {metric: log_loss}]\n")
                        .toString(), "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode checks = JSON.readTree(out.toFile()).get("checks");
        assertThat(checks.get(0).get("delta").asDouble()).isZero();
        assertThat(checks.get(1).get("delta").asDouble()).isZero();
    }

    @Test
    void theChallengerIsRequired() {
        CliRunner r = CliRunner.run("gate", "--task", "binary");

        assertThat(r.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(r.err()).contains("--challenger", "--model");
    }
}
