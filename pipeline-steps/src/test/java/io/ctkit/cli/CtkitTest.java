package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CtkitTest {

    @Test
    void topLevelHelpListsTheVerbs() {
        CliRunner r = CliRunner.run("--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: ctkit", "verify", "predict", "evaluate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"verify", "predict", "evaluate", "gate", "validate-data", "serve", "package", "train", "run", "register", "models", "runs"})
    void everyVerbHasHelp(String verb) {
        CliRunner r = CliRunner.run(verb, "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: ctkit " + verb);
    }

    @Test
    void anUnknownVerbIsAUsageError() {
        CliRunner r = CliRunner.run("trian");

        assertThat(r.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(r.err()).contains("Unmatched argument", "trian");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CliRunner r = CliRunner.run("verify", "--model", "m", "--modle", "x");

        assertThat(r.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(r.err()).contains("--modle");
    }
}
