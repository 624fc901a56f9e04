package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatePlotsTest {

    static final Path FIXTURES = EvaluatePredictionsReferenceTest.FIXTURES;
    static final Path WINE = Path.of("..", "examples", "wine-classifier");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aClassifierGetsRocPrecisionRecallCalibrationAndConfusionPlots() throws IOException {
        Path plots = tmp.resolve("plots");
        Path out = tmp.resolve("m.json");

        CliRunner r = CliRunner.run("evaluate", "--predictions", FIXTURES.resolve("binary.csv").toString(),
                "--task", "binary", "--bootstrap", "0", "--plots", plots.toString(), "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> names = names(plots);
        Map<String, BufferedImage> images = new LinkedHashMap<>();
        for (String name : names) {
            images.put(name, ImageIO.read(plots.resolve(name).toFile()));
        }
        int rocWidth = ImageIO.read(plots.resolve("roc.png").toFile()).getWidth();
        JsonNode report = JSON.readTree(out.toFile());
        assertSoftly(softly -> {
            softly.assertThat(names).containsExactlyInAnyOrder("roc.png", "precision_recall.png", "calibration.png",
                    "confusion_matrix.png");
            images.forEach((name, image) -> {
                softly.assertThat(image).as(name).isNotNull();
                softly.assertThat(image == null ? 0 : colours(image)).as(name + " has drawing, not a blank canvas")
                        .isGreaterThan(20);
            });
            softly.assertThat(rocWidth).isEqualTo(800);
            softly.assertThat(report.get("plots")).hasSize(4);
            softly.assertThat(r.out()).contains("plots: " + plots);
        });
    }

    @Test
    void aMulticlassModelGetsOneCurvePerClass() throws IOException {
        Path plots = tmp.resolve("plots");

        CliRunner r = CliRunner.run("evaluate", "--model", WINE.resolve("model").toString(), "--data",
                WINE.resolve("holdout.csv").toString(), "--bootstrap", "0", "--plots", plots.toString(),
                "--out", tmp.resolve("m.json").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(names(plots)).hasSize(4);
    }

    @Test
    void regressionGetsResidualAndPredictedVersusActualPlots() throws IOException {
        Path plots = tmp.resolve("plots");

        CliRunner r = CliRunner.run("evaluate", "--predictions", FIXTURES.resolve("regression.csv").toString(),
                "--task", "regression", "--bootstrap", "0", "--plots", plots.toString(),
                "--out", tmp.resolve("m.json").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(names(plots)).containsExactlyInAnyOrder("residuals.png", "predicted_vs_actual.png");
    }

    @Test
    void anUnknownSliceColumnIsAnInputErrorAndWritesNothing() throws IOException {
        Path plots = tmp.resolve("plots");
        Path out = tmp.resolve("m.json");

        CliRunner r = CliRunner.run("evaluate", "--predictions", FIXTURES.resolve("binary.csv").toString(),
                "--task", "binary", "--slices", "segmnt", "--plots", plots.toString(), "--out", out.toString());

        assertThat(r.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(r.err()).contains("segmnt");
        assertThat(out).doesNotExist();
        assertThat(plots).doesNotExist();
    }

    private static List<String> names(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
