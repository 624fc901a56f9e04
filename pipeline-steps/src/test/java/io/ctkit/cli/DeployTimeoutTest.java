package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctkit.config.ConfigException;
import io.ctkit.deploy.DeploySettings;
import io.ctkit.project.PipelineFile;
import io.ctkit.train.TestProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy timeout takes the duration grammar of every other setting ({@code deploy.timeout: 2m},
 * {@code --timeout 90s}), and its older forms still work: {@code deploy.timeout_seconds} and a bare
 * number of seconds on the command line.
 */
class DeployTimeoutTest {

    @TempDir
    Path tmp;

    @Test
    void deployTimeoutIsADurationAndTimeoutSecondsStillWorks() throws Exception {
        assertThat(settings("deploy:\n  timeout: 45s\n").timeout("local")).isEqualTo(Duration.ofSeconds(45));
        assertThat(settings("deploy:\n  timeout: 3m\n").timeout("docker")).isEqualTo(Duration.ofMinutes(3));
        assertThat(settings("deploy:\n  timeout_seconds: 90\n").timeout("local")).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings("deploy:\n  target: local\n").timeout("local")).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings("deploy:\n  timeout: 1m\n  kubernetes: {rollout_timeout: 7m}\n").timeout("kubernetes"))
                .as("the kubernetes target keeps its rollout timeout").isEqualTo(Duration.ofMinutes(7));
    }

    @Test
    void aTimeoutGivenTwiceOrWithoutAUnitNamesTheFileAndField() throws Exception {
        assertThatThrownBy(() -> settings("deploy:\n  timeout: 2m\n  timeout_seconds: 120\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageMatching("(?s).*ctkit\\.yaml: line \\d+: deploy\\.timeout_seconds: .*")
                .hasMessageContaining("give deploy.timeout (a duration such as 2m) or timeout_seconds (its older form,"
                        + " in seconds), not both");
        assertThatThrownBy(() -> settings("deploy:\n  timeout: 120\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageMatching("(?s).*ctkit\\.yaml: line \\d+: deploy\\.timeout: .*")
                .hasMessageContaining("expected a duration such as 30s, 10m, 6h or 1d, got the number 120; add its unit");
    }

    @Test
    void theTimeoutOptionTakesADurationOrSeconds() {
        assertThat(DeployCommand.timeout("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DeployCommand.timeout("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DeployCommand.timeout("120")).isEqualTo(Duration.ofSeconds(120));
        assertThatThrownBy(() -> DeployCommand.timeout("0")).hasMessage("--timeout must be at least 1 second, got 0");
        assertThatThrownBy(() -> DeployCommand.timeout("soon"))
                .hasMessage("--timeout soon: expected a duration such as 30s, 10m, 6h or 1d, or a number of seconds");
    }

    @Test
    void aBadTimeoutOptionIsAnInputErrorBeforeAnythingIsDeployed() throws Exception {
        DeployFixture fx = DeployFixture.create(tmp, "deploy:\n  local: {port: PORT}\n");

        CliRunner run = fx.deploy("fc:1", "--target", "local", "--timeout", "1.5m");

        assertThat(run.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(run.err()).contains("error: --timeout 1.5m: expected a duration such as 30s, 10m, 6h or 1d,"
                + " or a number of seconds");
        assertThat(fx.project.resolve(".ctkit/deploy")).doesNotExist();
    }

    private DeploySettings settings(String section) throws Exception {
        Path project = TestProjects.binary(tmp.resolve("p" + Integer.toHexString(section.hashCode())), 60,
                "epochs: 1\n", false);
        Path file = project.resolve(PipelineFile.FILE_NAME);
        Files.writeString(file, Files.readString(file) + section);
        return PipelineFile.load(project).section(DeploySettings.SECTION);
    }
}
