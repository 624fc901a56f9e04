package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

    static final Path WINE = Path.of("..", "examples", "wine-classifier");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theShippedExampleScoresAsScikitLearnDid() throws IOException {
        Path out = tmp.resolve("metrics.json");

        CliRunner r = CliRunner.run("evaluate", "--model", WINE.resolve("model").toString(),
                "--data", WINE.resolve("holdout.csv").toString(), "--label", "label", "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode expected = JSON.readTree(WINE.resolve("expected.json").toFile());
        JsonNode metrics = JSON.readTree(out.toFile()).get("metrics");
        assertSoftly(softly -> {
            softly.assertThat(metrics.get("accuracy").get("value").asDouble()).isEqualTo(expected.get("accuracy").asDouble());
            softly.assertThat(metrics.get("log_loss").get("value").asDouble())
                    .isCloseTo(expected.get("log_loss").asDouble(), within(1e-9));
            softly.assertThat(metrics.get("accuracy").get("ci_low").asDouble())
                    .isLessThanOrEqualTo(metrics.get("accuracy").get("value").asDouble());
            softly.assertThat(r.out()).contains("accuracy", "95% CI");
        });
    }

    @Test
    void aMissingInputColumnIsAnInputErrorNamingIt() throws IOException {
        Path data = tmp.resolve("bad.csv");
        String csv = Files.readString(WINE.resolve("holdout.csv")).replaceFirst("proline", "prolin");
        Files.writeString(data, csv);
        Path out = tmp.resolve("metrics.json");

        CliRunner r = CliRunner.run("evaluate", "--model", WINE.resolve("model").toString(),
                "--data", data.toString(), "--label", "label", "--out", out.toString());

        assertThat(r.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(r.err()).contains("proline");
        assertThat(out).doesNotExist();
    }

    @Test
    void aPredictionsFileIsEvaluatedWithoutAModel() throws IOException {
        Path predictions = tmp.resolve("p.csv");
        Files.writeString(predictions, "label,score\n1,0.9\n0,0.2\n1,0.4\n0,0.6\n1,0.8\n0,0.1\n");
        Path out = tmp.resolve("m.json");

        CliRunner r = CliRunner.run("evaluate", "--predictions", predictions.toString(), "--task", "binary",
                "--out", out.toString(), "--bootstrap", "0");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode metrics = JSON.readTree(out.toFile()).get("metrics");
        assertSoftly(softly -> {
            // sklearn: accuracy_score([1,0,1,0,1,0],[1,0,0,1,1,0]) = 4/6; roc_auc_score(...) = 8/9
            softly.assertThat(metrics.get("accuracy").get("value").asDouble()).isCloseTo(4.0 / 6, within(1e-12));
            softly.assertThat(metrics.get("roc_auc").get("value").asDouble()).isCloseTo(8.0 / 9, within(1e-12));
            softly.assertThat(metrics.get("accuracy").has("ci_low")).isFalse();
        });
    }

    @Test
    void aBadRowInAPredictionsFileNamesTheLine() throws IOException {
        Path predictions = tmp.resolve("p.csv");
        Files.writeString(predictions, "label,score\n1,0.9\n0,abc\n");

        CliRunner r = CliRunner.run("evaluate", "--predictions", predictions.toString(), "--task", "binary",
                "--out", tmp.resolve("m.json").toString());

        assertThat(r.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(r.err()).contains("p.csv:3", "score", "abc");
        assertThat(tmp.resolve("m.json")).doesNotExist();
    }
}
