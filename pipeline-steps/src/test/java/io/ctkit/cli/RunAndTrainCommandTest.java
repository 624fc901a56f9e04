package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctkit.train.TestProjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunAndTrainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRAINING = """
            optimizer: adam
            learning_rate: 0.01
            batch_size: 16
            epochs: 5
            """;

    @TempDir
    Path tmp;

    @Test
    void runTrainsEvaluatesAndWritesTheSummary() throws IOException {
        Path project = TestProjects.binary(tmp.resolve("p"), 200, TRAINING, false);
        Path runDir = tmp.resolve("run");

        CliRunner r = CliRunner.run("run", project.toString(), "--out", runDir.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode summary = JSON.readTree(runDir.resolve("run.json").toFile());
        JsonNode metrics = JSON.readTree(runDir.resolve("evaluate/metrics.json").toFile());
        assertSoftly(softly -> {
            softly.assertThat(r.out()).contains("[2/6] train\n").contains("      epoch 5/5")
                    .contains("[2/6] train passed in").contains("[3/6] evaluate passed in").contains("accuracy ")
                    .contains("[5/6] gate passed in").contains("[6/6] register passed in").contains("run passed in");
            softly.assertThat(summary.path("status").asText()).isEqualTo("passed");
            softly.assertThat(summary.path("stages")).extracting(s -> s.path("name").asText() + ":" + s.path("status").asText())
                    .containsExactly("validate-data:passed", "train:passed", "evaluate:passed", "test:passed", "gate:passed",
                            "register:passed");
            softly.assertThat(summary.path("stages").get(1).path("outputs").path("model").asText()).isEqualTo("train/model");
            softly.assertThat(summary.path("stages").get(1).path("duration_ms").asLong()).isPositive();
            softly.assertThat(metrics.path("metrics").path("accuracy").has("ci_low")).isTrue();
            softly.assertThat(metrics.path("rows").asInt()).isEqualTo(50);
        });
    }

    @Test
    void runsGoUnderTheProjectByDefaultAndReuseTheTrainingCache() throws IOException {
        Path project = TestProjects.binary(tmp.resolve("p"), 200, TRAINING, false);

        assertThat(CliRunner.run("run", project.toString()).exitCode()).isZero();
        CliRunner second = CliRunner.run("run", project.resolve("ctkit.yaml").toString());

        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("reused the cached training");
        try (Stream<Path> runs = Files.list(project.resolve(".ctkit/runs"))) {
            assertThat(runs.toList()).hasSize(2);
        }
    }

    @Test
    void trainWritesAVerifiedBundleAndItsReport() throws IOException {
        Path project = TestProjects.binary(tmp.resolve("p"), 200, TRAINING, false);
        Path out = tmp.resolve("trained");

        CliRunner first = CliRunner.run("train", project.toString(), "--out", out.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertSoftly(softly -> {
            softly.assertThat(first.out()).contains("epoch 1/5  loss ").contains("trained tiny-binary (binary-classification)");
            softly.assertThat(Files.isRegularFile(out.resolve("model/MANIFEST.json"))).isTrue();
            softly.assertThat(Files.isRegularFile(out.resolve("training.json"))).isTrue();
            softly.assertThat(CliRunner.run("verify", "--model", out.resolve("model").toString()).exitCode()).isZero();
        });
    }

    @Test
    void trainSaysWhenItReusesTheCachedTrainingAndForceTrainsAgain() throws IOException {
        Path project = TestProjects.binary(tmp.resolve("p"), 200, TRAINING, false);
        Path out = tmp.resolve("trained");
        CliRunner first = CliRunner.run("train", project.toString(), "--out", out.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();

        CliRunner second = CliRunner.run("train", project.toString(), "--out", out.toString());
        CliRunner forced = CliRunner.run("train", project.toString(), "--out", out.toString(), "--force");

        assertSoftly(softly -> {
            softly.assertThat(second.out()).contains("reused the cached training").doesNotContain("epoch 1/5");
            softly.assertThat(forced.out()).contains("epoch 1/5").doesNotContain("reused");
        });
    }

    @ParameterizedTest(name = "ctkit {0}")
    @ValueSource(strings = {"run", "train"})
    void malformedYamlExitsTwoAndWritesNothing(String verb) throws IOException {
        Path project = TestProjects.binary(tmp.resolve("p"), 100, TRAINING, false);
        Files.writeString(project.resolve("ctkit.yaml"), "name: x\nmodel: {task: [\n");

        CliRunner r = CliRunner.run(verb, project.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: " + project.resolve("ctkit.yaml") + ": line ").contains("not valid YAML");
        assertThat(Files.exists(project.resolve(".ctkit"))).isFalse();
    }

    @Test
    void aMalformedRowExitsTwoNamingFileAndLineAndLeavesNoRun() throws IOException {
        Path project = TestProjects.binary(tmp.resolve("p"), 100, TRAINING, false);
        Files.writeString(project.resolve("train.csv"), "a,b,channel,bought\n0.1,2,web,yes\n0.2,3,no\n");

        CliRunner r = CliRunner.run("run", project.toString(), "--out", tmp.resolve("run").toString());

        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("train.csv:3");
        assertThat(Files.exists(tmp.resolve("run"))).isFalse();
        assertNothingLeftIn(tmp, "p");
    }

    @Test
    void aValueOutsideTheSchemaFailsValidationBeforeTraining() throws IOException {
        Path project = TestProjects.binary(tmp.resolve("p"), 100, TRAINING, false);
        Files.writeString(project.resolve("train.csv"), "a,b,channel,bought\n0.1,2,web,yes\n0.2,3,tv,no\n");

        CliRunner r = CliRunner.run("run", project.toString(), "--out", tmp.resolve("run").toString());

        CliRunner runs = CliRunner.run("runs", "list", "--project", project.toString());
        assertSoftly(softly -> {
            // A readable file whose cells break the schema is a failed check (exit 1) with its report kept.
            softly.assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
            softly.assertThat(r.out()).contains("[1/6] validate-data FAILED").contains("\"tv\"");
            softly.assertThat(tmp.resolve("run/validate-data/validation.json")).isRegularFile();
            softly.assertThat(tmp.resolve("run/train")).doesNotExist();
            // The failed run is in the metadata store too, with the stage that failed.
            softly.assertThat(runs.exitCode()).as(runs.err()).isZero();
            softly.assertThat(runs.out()).contains("tiny-binary-run").contains("failed");
        });
    }

    @Test
    void aMissingColumnExitsTwoAndListsTheHeader() throws IOException {
        Path project = TestProjects.binary(tmp.resolve("p"), 100, TRAINING, false);
        Files.writeString(project.resolve("holdout.csv"), "a,channel,bought\n0.1,web,yes\n");

        CliRunner r = CliRunner.run("run", project.toString(), "--out", tmp.resolve("run").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("holdout.csv").contains("\"b\"");
        assertThat(Files.exists(tmp.resolve("run"))).isFalse();
    }

    @Test
    void anEmptyFileExitsTwo() throws IOException {
        Path project = TestProjects.binary(tmp.resolve("p"), 100, TRAINING, false);
        Files.writeString(project.resolve("train.csv"), "");

        CliRunner r = CliRunner.run("train", project.toString(), "--out", tmp.resolve("out").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("train.csv").contains("no header row");
        assertNothingLeftIn(tmp, "p");
    }

    @Test
    void aHeaderWithoutRowsExitsTwo() throws IOException {
        Path project = TestProjects.binary(tmp.resolve("p"), 100, TRAINING, false);
        Files.writeString(project.resolve("train.csv"), "a,b,channel,bought\n");

        CliRunner r = CliRunner.run("train", project.toString(), "--out", tmp.resolve("out").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("train.csv: no data rows (only a header)");
    }

    @Test
    void aRunIntoAFullDirectoryIsRefused() throws IOException {
        Path project = TestProjects.binary(tmp.resolve("p"), 100, TRAINING, false);
        Path out = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(out.resolve("keep.txt"), "mine");

        CliRunner r = CliRunner.run("run", project.toString(), "--out", out.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("already exists and is not empty");
        assertThat(Files.readString(out.resolve("keep.txt"))).isEqualTo("mine");
    }

    @Test
    void trainRefusesToReplaceADirectoryThatIsNotATrainingOutput() throws IOException {
        Path project = TestProjects.binary(tmp.resolve("p"), 100, TRAINING, false);

        CliRunner r = CliRunner.run("train", project.toString(), "--out", project.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("is not empty and not an earlier training's output (it holds ctkit.yaml,"
                + " holdout.csv, train.csv)");
        assertThat(Files.exists(project.resolve("train.csv"))).isTrue();
    }

    @ParameterizedTest(name = "ctkit {0} --help")
    @ValueSource(strings = {"run", "train"})
    void everyVerbHasHelp(String verb) {
        CliRunner r = CliRunner.run(verb, "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: ctkit " + verb).contains("PROJECT").contains("--force");
    }

    private static void assertNothingLeftIn(Path dir, String... expected) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(expected);
        }
    }
}
