package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.ctkit.project.PipelineFile;
import io.ctkit.run.PipelineRun;
import io.ctkit.train.TestProjects;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One implementation per step: the CLI verb and the {@code ctkit run} stage of evaluate, gate and
 * register are adapters of the same step, so on the same inputs they write the same bytes.
 * One pipeline run of a small project; then each verb is run by hand on that run's inputs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StageAndVerbParityTest {
    private static final String TRAINING = "epochs: 30\nlearning_rate: 0.05\n";
    private static final String SETTINGS = """
            evaluate: {bootstrap: 80, confidence: 0.9, threshold: 0.4, slices: [channel], min_slice_size: 10}
            gate:
              bootstrap: 60
              seed: 11
              thresholds: [{metric: accuracy, min: 0.5}, {metric: f1, min: 0.3, slice: channel, min_slice_size: 5}]
              no_regression: [{metric: roc_auc, margin: 0.01}]
            """;
    private static final String GATE_POLICY = """
            bootstrap: 60
            seed: 11
            thresholds: [{metric: accuracy, min: 0.5}, {metric: f1, min: 0.3, slice: channel, min_slice_size: 5}]
            no_regression: [{metric: roc_auc, margin: 0.01}]
            """;

    @TempDir
    static Path tmp;

    Path project;
    Path runDir;
    Path bundle;
    Path holdout;
    String runId = "parity-run";

    @BeforeAll
    void runThePipelineOnce() throws Exception {
        project = TestProjects.binary(tmp.resolve("project"), 200, TRAINING, false);
        Path yaml = project.resolve("ctkit.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("evaluate: {bootstrap: 50}\n", SETTINGS));
        PipelineFile pipeline = PipelineFile.load(project);
        runDir = project.resolve(".ctkit/runs/" + runId);
        PipelineRun.Outcome outcome = PipelineRun.standard().run(pipeline, runDir, runId,
                new PrintWriter(new StringWriter(), true), false);
        assertThat(outcome.passed()).as("the pipeline run passes: %s", outcome.reason()).isTrue();
        bundle = runDir.resolve("train/model");
        holdout = pipeline.data().holdout();
    }

    @Test
    void evaluateWritesTheSameReportAndPlotsAsTheEvaluateStage() throws Exception {
        Path out = tmp.resolve("verb-evaluate");
        CliRunner cli = CliRunner.run("evaluate", "--model", bundle.toString(), "--data", holdout.toString(),
                "--label", "bought", "--bootstrap", "80", "--confidence", "0.9", "--seed", "3", "--threshold", "0.4",
                "--slices", "channel", "--min-slice-size", "10", "--plots", out.resolve("plots").toString(),
                "--out", out.resolve("metrics.json").toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        String verbReport = text(out.resolve("metrics.json"));
        String stageReport = text(runDir.resolve("evaluate/metrics.json"));
        assertSoftly(softly -> {
            softly.assertThat(verbReport).isEqualTo(stageReport);
            for (String plot : List.of("roc.png", "precision_recall.png", "calibration.png", "confusion_matrix.png")) {
                softly.assertThat(out.resolve("plots").resolve(plot)).as(plot)
                        .hasSameBinaryContentAs(runDir.resolve("evaluate/plots").resolve(plot));
            }
        });
    }

    @Test
    void gateWritesTheSameVerdictAsTheGateStage() throws Exception {
        Path policy = Files.writeString(tmp.resolve("gate.yaml"), GATE_POLICY);
        Path verdict = tmp.resolve("verb-gate/verdict.json");
        CliRunner cli = CliRunner.run("gate", "--model", bundle.toString(), "--data", holdout.toString(),
                "--label", "bought", "--policy", policy.toString(), "--out", verdict.toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(text(verdict)).isEqualTo(text(runDir.resolve("gate/verdict.json")))
                .contains("\"first_run\" : true", "\"kind\" : \"threshold\"", "\"slice\" : \"channel=");
    }

    @Test
    void registerWritesTheSameRecordAsTheRegisterStage() throws Exception {
        Path record = tmp.resolve("verb-register/registered.json");
        CliRunner cli = CliRunner.run("register", "--registry", tmp.resolve("other-registry").toString(),
                "--bundle", bundle.toString(), "--name", "tiny-binary",
                "--metrics", runDir.resolve("evaluate/metrics.json").toString(),
                "--gate", runDir.resolve("gate/verdict.json").toString(),
                "--training-report", runDir.resolve("train/training.json").toString(),
                "--run-id", "tiny-binary-" + runId, "--alias", "production", "--out", record.toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(text(record)).isEqualTo(text(runDir.resolve("register/registered.json")))
                .contains("\"version\" : 1", "\"alias\" : \"production\"");
    }

    private static String text(Path file) throws Exception {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
