package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CtkitTest {

    @Test
    void topLevelHelpListsEveryVerbInOrder() {
        CliRunner r = CliRunner.run("--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: ctkit").containsSubsequence("help", "verify", "predict", "evaluate",
                "package", "gate", "validate-data", "register", "models", "runs", "train", "run", "monitor",
                "retrain", "schedule", "tekton", "serve", "deploy", "loop");
        assertThat(Ctkit.commandLine(new String[] {"--help"}).getSubcommands()).hasSize(Ctkit.VERBS.size() + 1);
        assertThat(CliRunner.run("help", "evaluate").out()).contains("Usage: ctkit evaluate");
    }

    @Test
    void everyVerbNameIsItsCommandsName() {
        Ctkit.VERBS.forEach((name, className) -> assertThat(
                Ctkit.verbClass(className).getAnnotation(picocli.CommandLine.Command.class).name())
                .as(className).isEqualTo(name));
    }

    @Test
    void aRunBuildsOnlyTheVerbItNames() {
        assertThat(Ctkit.commandLine(new String[] {"evaluate", "--predictions", "p.csv"}).getSubcommands())
                .containsOnlyKeys("help", "evaluate");
        assertThat(Ctkit.commandLine(new String[] {"models", "list"}).getSubcommands().get("models")
                .getSubcommands()).containsKey("list");
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
        assertThat(r.err()).contains("Unmatched argument", "trian", "Did you mean", "train");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CliRunner r = CliRunner.run("verify", "--model", "m", "--modle", "x");

        assertThat(r.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(r.err()).contains("--modle");
    }
}
