package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ctkit tekton as a user runs it: what it writes and says, and its answers to bad input. */
class TektonCommandTest {

    @TempDir
    Path tmp;

    @Test
    void itWritesTheResourcesNamingEachFileAndOnARunAgainOnlyWhatChanged() throws Exception {
        Path out = tmp.resolve("tekton");

        CliRunner first = CliRunner.run("tekton", "--project", "../examples/marketing-forecast", "--out", out.toString(),
                "--name", "forecast-ct", "--schedule", "30 4 * * *");
        Files.writeString(out.resolve("task/ctkit-train/0.1/notes.md"), "mine\n");
        CliRunner again = CliRunner.run("tekton", "--project", "../examples/marketing-forecast", "--out",
                out.toString(), "--name", "forecast-ct", "--schedule", "45 4 * * *");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("wrote " + out.resolve("pipeline/forecast-ct/0.1/forecast-ct.yaml"),
                "wrote " + out.resolve("task/ctkit-gate/0.1/README.md"),
                "marketing-forecast: 35 file(s) written, 0 unchanged in " + out + " (Pipeline forecast-ct, image ctkit/cli:");
        assertThat(out.resolve("triggers/forecast-ct/0.1/cronjob.yaml")).content().contains("schedule: 45 4 * * *",
                "name: forecast-ct-schedule");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo("wrote " + out.resolve("triggers/forecast-ct/0.1/cronjob.yaml") + "\n"
                + again.out().lines().skip(1).findFirst().orElseThrow() + "\n")
                .contains("1 file(s) written, 34 unchanged");
        assertThat(out.resolve("task/ctkit-train/0.1/notes.md")).content().isEqualTo("mine\n");
        assertThat(first.err()).isEqualTo("note: without --repository OWNER/NAME, the EventListener starts the Pipeline"
                + " for a push to any repository whose webhook reaches it\n");
    }

    @Test
    void withARepositoryThereIsNoNoteAndOnlyItsPushesPassTheFilter() throws Exception {
        Path out = tmp.resolve("tekton");

        CliRunner run = CliRunner.run("tekton", "--project", "../examples/marketing-forecast", "--out", out.toString(),
                "--repository", "acme/forecast");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(out.resolve("triggers/ctkit-ct/0.1/eventlistener.yaml")).content().contains("acme/forecast");
    }

    @Test
    void aBadProjectOrOptionExitsTwoWithAMessageNamingTheFileAndTheField() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("p"));
        Files.writeString(project.resolve("ctkit.yaml"), Files.readString(Path.of(
                "../examples/marketing-forecast/ctkit.yaml")) + "retrain:\n  schedule: every night\n");
        Path out = tmp.resolve("out");

        CliRunner badFile = CliRunner.run("tekton", "--project", project.toString(), "--out", out.toString());
        CliRunner noFile = CliRunner.run("tekton", "--project", tmp.resolve("none").toString(), "--out",
                out.toString());
        CliRunner badCron = CliRunner.run("tekton", "--project", "../examples/marketing-forecast", "--out",
                out.toString(), "--schedule", "0 3 * *");
        CliRunner badName = CliRunner.run("tekton", "--project", "../examples/marketing-forecast", "--out",
                out.toString(), "--name", "Forecast_CT");
        CliRunner badRepository = CliRunner.run("tekton", "--project", "../examples/marketing-forecast", "--out",
                out.toString(), "--repository", "https://github.com/ctkit/ctkit");

        assertThat(badFile.exitCode()).isEqualTo(2);
        assertThat(badFile.err()).contains(project.resolve("ctkit.yaml").toString(), "retrain.schedule",
                "five fields", "got \"every night\"");
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.err()).contains(tmp.resolve("none").toString());
        assertThat(badCron.exitCode()).isEqualTo(2);
        assertThat(badCron.err()).contains("--schedule: schedule \"0 3 * *\" is not a cron expression of five fields");
        assertThat(badName.exitCode()).isEqualTo(2);
        assertThat(badName.err()).contains("--name: pipeline name \"Forecast_CT\" is not a Kubernetes name");
        assertThat(badRepository.exitCode()).isEqualTo(2);
        assertThat(badRepository.err()).contains("--repository: repository \"https://github.com/ctkit/ctkit\" is not"
                + " a Git repository's owner/name", "e.g. ctkit/ctkit");
        assertThat(out).as("nothing is written on bad input").doesNotExist();

        CliRunner help = CliRunner.run("tekton", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--project", "--out", "--name", "--image", "--registry", "--schedule",
                "--source-path", "--repository");
    }
}
