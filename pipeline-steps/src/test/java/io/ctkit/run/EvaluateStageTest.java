package io.ctkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctkit.project.PipelineFile;
import io.ctkit.train.TestProjects;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateStageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path project(String evaluate) throws Exception {
        Path dir = TestProjects.binary(tmp.resolve("p"), 200, "epochs: 5\n", false);
        Files.writeString(dir.resolve("ctkit.yaml"), Files.readString(dir.resolve("ctkit.yaml"))
                .replace("evaluate: {bootstrap: 50}", evaluate));
        return dir;
    }

    @Test
    void slicesAndPlotsFromTheEvaluateSectionGoNextToTheMetrics() throws Exception {
        Path dir = project("evaluate: {bootstrap: 50, slices: [channel], min_slice_size: 10}");
        StringWriter out = new StringWriter();
        PipelineRun.Outcome outcome = PipelineRun.of(List.of(new TrainStage(), new EvaluateStage()))
                .run(PipelineFile.load(dir), tmp.resolve("run"), "r", new PrintWriter(out, true), false);

        assertThat(outcome.passed()).as(out.toString()).isTrue();
        JsonNode metrics = JSON.readTree(tmp.resolve("run/evaluate/metrics.json").toFile());
        JsonNode slices = metrics.path("slices").path("channel");
        List<byte[]> pngs = new java.util.ArrayList<>();
        for (JsonNode plot : metrics.path("plots")) {
            pngs.add(Files.readAllBytes(tmp.resolve("run/evaluate").resolve(plot.asText())));
        }
        assertSoftly(softly -> {
            softly.assertThat(slices.isMissingNode()).as(metrics.toPrettyString()).isFalse();
            softly.assertThat(slices.toString()).contains("web").contains("shop");
            softly.assertThat(metrics.path("plots")).extracting(JsonNode::asText).containsExactly("plots/roc.png",
                    "plots/precision_recall.png", "plots/calibration.png", "plots/confusion_matrix.png");
            for (byte[] png : pngs) {
                softly.assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            }
        });
    }

    @Test
    void plotsCanBeTurnedOff() throws Exception {
        Path dir = project("evaluate: {bootstrap: 0, plots: false}");
        PipelineRun.of(List.of(new TrainStage(), new EvaluateStage()))
                .run(PipelineFile.load(dir), tmp.resolve("run"), "r", new PrintWriter(new StringWriter(), true), false);
        assertThat(tmp.resolve("run/evaluate/plots")).doesNotExist();
        assertThat(JSON.readTree(tmp.resolve("run/evaluate/metrics.json").toFile()).has("plots")).isFalse();
    }

    @Test
    void aSliceColumnMustExist() throws Exception {
        Path bad = project("evaluate: {slices: [colour]}");

        assertThatThrownBy(() -> PipelineFile.load(bad)).hasMessageContaining("evaluate.slices[0]")
                .hasMessageContaining("colour");
    }

    @Test
    void plotsIsTrueOrFalse() throws Exception {
        Path badPlots = project("evaluate: {plots: maybe}");

        assertThatThrownBy(() -> PipelineFile.load(badPlots)).hasMessageContaining("evaluate.plots")
                .hasMessageContaining("true or false");
    }
}
