package io.ctkit.cli;

import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ctkit loop}'s bad input: exit 2, a message naming what is wrong, and nothing run. The cycle itself: MarketingForecastExampleIT. */
class LoopCommandTest {
    @TempDir
    Path tmp;

    @Test
    void badInputIsExitTwoBeforeAnythingRuns() throws Exception {
        Path example = Path.of("..").toAbsolutePath().normalize().resolve("examples/marketing-forecast");
        Path busy = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(busy.resolve("keep.txt"), "mine");

        CliRunner noProject = CliRunner.run("loop", tmp.resolve("nowhere").toString());
        CliRunner zeroDays = CliRunner.run("loop", example.toString(), "--new-days", "0", "--work", tmp.resolve("w").toString());
        CliRunner notEmpty = CliRunner.run("loop", example.toString(), "--work", busy.toString());
        CliRunner help = CliRunner.run("loop", "--help");

        assertSoftly(softly -> {
            softly.assertThat(noProject.exitCode()).isEqualTo(2);
            softly.assertThat(noProject.err()).contains("nowhere");
            softly.assertThat(zeroDays.exitCode()).isEqualTo(2);
            softly.assertThat(zeroDays.err()).contains("--new-days 0: must be at least 1");
            softly.assertThat(tmp.resolve("w")).doesNotExist();
            softly.assertThat(notEmpty.exitCode()).isEqualTo(2);
            softly.assertThat(notEmpty.err()).contains("--work " + busy + ": not empty");
            softly.assertThat(busy.resolve("keep.txt")).hasContent("mine");
            softly.assertThat(help.exitCode()).isZero();
            softly.assertThat(help.out()).contains("Usage: ctkit loop", "--new-days", "model-decay");
        });
    }
}
