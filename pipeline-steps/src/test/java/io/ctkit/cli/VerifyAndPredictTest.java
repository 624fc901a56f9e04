package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyAndPredictTest {

    static final Path WINE = Path.of("..", "examples", "wine-classifier");

    @TempDir
    Path tmp;

    @Test
    void theExampleBundleVerifiesAndReportsItsDigest() throws IOException {
        Path out = tmp.resolve("v.json");

        CliRunner r = CliRunner.run("verify", "--model", WINE.resolve("model").toString(), "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("wine-classifier", "digest   sha256:");
        assertThat(Files.readString(out)).contains("\"verified\" : true");
    }

    @Test
    void aTamperedBundleFailsTheCheckWithExitOne() throws IOException {
        Path copy = copy(WINE.resolve("model"), tmp.resolve("model"));
        Path w = copy.resolve("weights/dense_1_b.npy");
        byte[] b = Files.readAllBytes(w);
        b[b.length - 1] ^= 0x10;
        Files.write(w, b);

        CliRunner r = CliRunner.run("verify", "--model", copy.toString());

        assertThat(r.exitCode()).isEqualTo(Ctkit.EXIT_CHECK_FAILED);
        assertThat(r.err()).contains("weights/dense_1_b.npy", "expected sha256", "actual sha256");
    }

    @Test
    void aMissingBundleIsAnInputError() {
        CliRunner r = CliRunner.run("verify", "--model", tmp.resolve("nope").toString());

        assertThat(r.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(r.err()).contains("nope");
    }

    @Test
    void predictionsFeedEvaluateAndGiveTheSameMetrics() throws IOException {
        Path predictions = tmp.resolve("p.csv");
        CliRunner p = CliRunner.run("predict", "--model", WINE.resolve("model").toString(),
                "--data", WINE.resolve("holdout.csv").toString(), "--label", "label", "--out", predictions.toString());
        assertThat(p.exitCode()).as(p.err()).isZero();
        List<String> lines = Files.readAllLines(predictions);
        assertThat(lines.get(0)).isEqualTo("label,prob_class_0,prob_class_1,prob_class_2,predicted");
        assertThat(lines).hasSize(73);

        CliRunner fromFile = CliRunner.run("evaluate", "--predictions", predictions.toString(), "--task", "multiclass",
                "--out", tmp.resolve("a.json").toString());
        CliRunner fromModel = CliRunner.run("evaluate", "--model", WINE.resolve("model").toString(),
                "--data", WINE.resolve("holdout.csv").toString(), "--out", tmp.resolve("b.json").toString());

        assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
        assertThat(fromModel.exitCode()).as(fromModel.err()).isZero();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(json.readTree(tmp.resolve("a.json").toFile()).get("metrics"))
                .isEqualTo(json.readTree(tmp.resolve("b.json").toFile()).get("metrics"));
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
