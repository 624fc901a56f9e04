package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctkit.project.PipelineFile;
import io.ctkit.provenance.CodeVersion;
import io.ctkit.retrain.ProductionModels;
import io.ctkit.run.PipelineRun;
import io.ctkit.train.TestProjects;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ctkit retrain and ctkit run --trigger as a user meets them: refusals, exit codes, messages. */
class RetrainCommandTest {

    private static final String OTHER_COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path tmp;

    @Test
    void runRefusesToStartWhenTheCodeMovedSinceProductionUnlessTheTriggerIsCode() throws Exception {
        Path dir = TestProjects.binary(tmp.resolve("p"), 40, "epochs: 2", false);
        PipelineFile project = PipelineFile.load(dir);
        ProductionModels.promote(project, new CodeVersion(OTHER_COMMIT, false, CodeVersion.ctkitVersion()));
        Path runDir = tmp.resolve("run");

        CliRunner decay = CliRunner.run("run", dir.toString(), "--trigger", "model-decay", "--out", runDir.toString());
        CliRunner manual = CliRunner.run("run", dir.toString(), "--out", runDir.toString());

        assertThat(decay.exitCode()).isEqualTo(2);
        assertThat(decay.err()).isEqualTo("error: the code has moved since tiny-binary:1 (production) was trained:"
                + " it was made by git " + OTHER_COMMIT + ", ctkit " + CodeVersion.ctkitVersion() + ", the project is"
                + " now at no git commit, ctkit " + CodeVersion.ctkitVersion() + ". A model-decay run retrains with"
                + " the pipeline that made the production model: check out " + OTHER_COMMIT + " (git checkout"
                + " 0123456789ab) and run again; or, to train with the new code, run with --trigger code\n");
        assertThat(manual.exitCode()).isEqualTo(2);
        assertThat(manual.err()).contains("A manual run retrains with the pipeline that made the production model");
        assertThat(runDir).doesNotExist();
        // The code trigger passes the check (a pipeline without stages, so that nothing trains here).
        PipelineRun.Outcome outcome = PipelineRun.of(List.of()).withTrigger("code")
                .run(project, runDir, "r1", new PrintWriter(new StringWriter()), false);
        assertThat(outcome.passed()).isTrue();
        assertThat(Files.readString(outcome.summary())).contains("\"trigger\" : \"code\"");
        assertThatThrownBy(() -> PipelineRun.of(List.of()).withTrigger("data")
                .run(project, tmp.resolve("run2"), "r2", new PrintWriter(new StringWriter()), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("the code has moved");
    }

    @Test
    void badInputIsAUsageErrorThatSaysWhereAndHowToFix() throws Exception {
        Path dir = TestProjects.binary(tmp.resolve("p"), 40, "epochs: 2", false);
        Path yaml = dir.resolve("ctkit.yaml");
        String original = Files.readString(yaml);

        CliRunner unknownTrigger = CliRunner.run("retrain", "tiny-binary", "--project", dir.toString(), "--trigger",
                "decay");
        CliRunner runTrigger = CliRunner.run("run", dir.toString(), "--trigger", "cron");
        CliRunner unknownVia = CliRunner.run("retrain", "tiny-binary", "--project", dir.toString(), "--via", "ftp");
        CliRunner wrongModel = CliRunner.run("retrain", "wine", "--project", dir.toString());
        CliRunner noProduction = CliRunner.run("retrain", "tiny-binary", "--project", dir.toString(), "--trigger",
                "model-decay");
        CliRunner dataAndDecay = CliRunner.run("retrain", "tiny-binary", "--project", dir.toString(),
                "--if-data-changed", "--trigger", "model-decay");
        CliRunner noJenkins = CliRunner.run("retrain", "tiny-binary", "--project", dir.toString(), "--via", "jenkins");
        Files.writeString(yaml, original + "retrain:\n  via: local\n  cooldown: 10 minutes\n");
        CliRunner badCooldown = CliRunner.run("retrain", "tiny-binary", "--project", dir.toString());
        Files.writeString(yaml, original + "retrain:\n  via: webhook\n");
        CliRunner viaWithoutSection = CliRunner.run("retrain", "tiny-binary", "--project", dir.toString());
        Files.writeString(yaml, original + "retrain:\n  jenkins: {url: ci.example.com, job: a, user: u, token_env: T}\n");
        CliRunner badUrl = CliRunner.run("run", dir.toString());
        Files.writeString(yaml, original + "retrain:\n  webhook: {url: 'https://h.example.com', secret: abc}\n");
        CliRunner secretInFile = CliRunner.run("retrain", "tiny-binary", "--project", dir.toString());

        assertThat(List.of(unknownTrigger, runTrigger, unknownVia, wrongModel, noProduction, dataAndDecay, noJenkins,
                badCooldown, viaWithoutSection, badUrl, secretInFile)).allSatisfy(r -> {
                    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
                    assertThat(r.out()).isEmpty();
                });
        assertThat(unknownTrigger.err()).isEqualTo("error: --trigger: unknown trigger \"decay\"; expected one of manual,"
                + " code, data, model-decay, schedule\n");
        assertThat(runTrigger.err()).isEqualTo("error: --trigger: unknown trigger \"cron\"; expected one of manual,"
                + " code, data, model-decay, schedule\n");
        assertThat(unknownVia.err()).isEqualTo("error: --via: unknown way \"ftp\"; expected one of local, tekton,"
                + " jenkins, webhook\n");
        assertThat(wrongModel.err()).isEqualTo("error: MODEL is wine, but " + yaml + " is the project of tiny-binary;"
                + " give --project the directory of wine's project\n");
        assertThat(noProduction.err()).isEqualTo("error: there is no registry at " + dir.resolve(".ctkit/registry")
                + ", so tiny-binary has no production version to retrain; run ctkit run " + dir + " first (or set"
                + " CTKIT_REGISTRY to the registry the pipeline uses)\n");
        assertThat(dir.resolve(".ctkit")).doesNotExist();
        assertThat(dataAndDecay.err()).isEqualTo("error: --if-data-changed starts a retraining with the trigger data;"
                + " leave out --trigger model-decay or give --trigger data\n");
        assertThat(noJenkins.err()).isEqualTo("error: " + yaml + ": retrain.jenkins: missing; --via jenkins needs it,"
                + " e.g. jenkins: {url: https://ci.example.com, job: ml/wine, user: ci-bot, token_env:"
                + " JENKINS_API_TOKEN}\n");
        assertThat(badCooldown.err()).contains("retrain.cooldown: expected a duration such as 30s, 10m, 6h or 1d, got"
                + " \"10 minutes\"").contains("line ");
        assertThat(viaWithoutSection.err()).contains("retrain.via: is webhook, but there is no retrain.webhook"
                + " section; add one (webhook: {url: https://hooks.example.com/retrain, secret_env:"
                + " CTKIT_WEBHOOK_SECRET})");
        assertThat(badUrl.err()).contains("retrain.jenkins.url: expected an http:// or https:// URL, got"
                + " \"ci.example.com\"");
        assertThat(secretInFile.err()).contains("retrain.webhook.secret: unknown field; expected one of secret_env, url");
    }
}
