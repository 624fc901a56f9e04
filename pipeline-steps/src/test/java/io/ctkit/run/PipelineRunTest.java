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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** A stage that records that it ran, writes a file, and passes or fails as told. */
    private static Stage<String> stage(String name, boolean passes, List<String> ran) {
        return new Stage<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public StageResult<String> run(RunContext context) throws Exception {
                ran.add(name + " saw " + context.files().keySet());
                Path file = Files.writeString(context.stageDir().resolve("verdict.txt"), name);
                context.out().println("working on " + name);
                return passes ? StageResult.passed(name + " ok", name, Map.of("verdict", file), null)
                        : StageResult.failed("f1 0.71 is below the minimum 0.80", name, Map.of("verdict", file),
                                JSON.createObjectNode().put("metric", "f1"));
            }
        };
    }

    @Test
    void stagesRunInOrderSeeEarlierOutputsAndTheFirstFailureStopsTheRun() throws Exception {
        PipelineFile project = PipelineFile.load(TestProjects.binary(tmp.resolve("p"), 50, "epochs: 1\n", false));
        List<String> ran = new ArrayList<>();
        StringWriter out = new StringWriter();

        PipelineRun.Outcome outcome = PipelineRun.of(List.of(stage("validate", true, ran), stage("gate", false, ran),
                stage("register", true, ran))).run(project, tmp.resolve("run"), "r1", new PrintWriter(out, true), false);

        JsonNode summary = JSON.readTree(outcome.summary().toFile());
        String gateFile = Files.readString(tmp.resolve("run/gate/verdict.txt"));
        assertSoftly(softly -> {
            softly.assertThat(ran).containsExactly("validate saw []", "gate saw [validate.verdict]");
            softly.assertThat(outcome.passed()).isFalse();
            softly.assertThat(outcome.failedStage()).isEqualTo("gate");
            softly.assertThat(out.toString()).contains("[1/3] validate\n      working on validate\n[1/3] validate passed in")
                    .contains("[2/3] gate FAILED in").contains("f1 0.71 is below the minimum 0.80")
                    .contains("run FAILED at gate");
            softly.assertThat(summary.path("status").asText()).isEqualTo("failed");
            softly.assertThat(summary.path("reason").asText()).isEqualTo("f1 0.71 is below the minimum 0.80");
            softly.assertThat(summary.path("stages")).extracting(s -> s.path("status").asText())
                    .containsExactly("passed", "failed", "not run");
            softly.assertThat(summary.path("stages").get(1).path("details").path("metric").asText()).isEqualTo("f1");
            softly.assertThat(gateFile).isEqualTo("gate");
        });
    }

    @Test
    void aStageWithBadInputAbortsTheRunAndRemovesItsOutputs() throws Exception {
        PipelineFile project = PipelineFile.load(TestProjects.binary(tmp.resolve("p"), 50, "epochs: 1\n", false));
        Stage broken = new Stage() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public StageResult run(RunContext context) throws Exception {
                Files.writeString(context.stageDir().resolve("half.txt"), "partial");
                throw new IllegalArgumentException("data.csv:3: bad");
            }
        };
        List<String> ran = new ArrayList<>();

        assertThatThrownBy(() -> PipelineRun.of(List.of(stage("first", true, ran), broken))
                .run(project, tmp.resolve("run"), "r1", new PrintWriter(new StringWriter()), false))
                .hasMessage("data.csv:3: bad");
        assertThat(Files.exists(tmp.resolve("run"))).isFalse();
    }
}
