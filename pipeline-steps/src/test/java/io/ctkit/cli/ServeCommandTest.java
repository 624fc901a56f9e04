package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code ctkit serve}: the scoring server's own command, mounted as a verb. */
class ServeCommandTest {

    @TempDir
    Path tmp;

    @Test
    void helpNamesEveryOptionWithItsEnvironmentVariable() {
        CliRunner r = CliRunner.run("serve", "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: ctkit serve", "--model=DIR", "CTKIT_MODEL_DIR", "--port", "CTKIT_PORT",
                "--max-inflight", "--drain-delay", "--log-dir", "--batch-max-rows", "--bench-noop")
                .doesNotContain("--test-delay");
    }

    @ParameterizedTest(name = "ctkit {0}")
    @CsvSource(delimiter = '|', textBlock = """
            serve --port 0                         | --model
            serve --model TMP/nope --port 0        | no such model directory (--model / CTKIT_MODEL_DIR)
            serve --model TMP --drain-delay soon   | "soon" is not a duration
            """)
    void aMissingModelOrABadValueIsAnInputError(String command, String message) {
        CliRunner r = CliRunner.run(command.replace("TMP", tmp.toString()).split(" "));

        assertThat(r.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(r.err()).contains(message);
    }

    @Test
    void aDirectoryWithoutBundleOrVersionsIsAnInputError() {
        CliRunner r = CliRunner.run("serve", "--model", tmp.toString(), "--port", "0");

        assertThat(r.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(r.err()).contains("neither a model bundle (no model.json) nor a directory of versions");
    }

    @Test
    void aPortInUseIsAnInputErrorNamingTheOption() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRunner r = CliRunner.run("serve", "--model", Path.of("..", "examples", "wine-classifier", "model").toString(),
                    "--host", "127.0.0.1", "--port", Integer.toString(taken.getLocalPort()));

            assertThat(r.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
            assertThat(r.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort() + " (--port / CTKIT_PORT)");
        }
    }
}
