package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctkit.project.PipelineFile;
import io.ctkit.provenance.CodeVersion;
import io.ctkit.retrain.ProductionModels;
import io.ctkit.train.TestProjects;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.tekton.client.TektonClient;
import io.fabric8.tekton.v1.PipelineRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ctkit schedule and ctkit retrain --via tekton as a user runs them, against fabric8's Kubernetes
 * mock server in CRUD mode (the CLI's own client finds it through fabric8's system properties).
 */
@EnableKubernetesMockClient(crud = true)
class ScheduleCommandTest {

    static KubernetesClient client;

    private static final Map<String, String> CLIENT_PROPERTIES = Map.of("kubernetes.auth.tryKubeConfig", "false",
            "kubernetes.auth.tryServiceAccount", "false", "kubernetes.trust.certificates", "true",
            "kubernetes.disable.hostname.verification", "true");

    private static final String RETRAIN = """
            retrain:
              via: tekton
              cooldown: 1h
              schedule: "0 3 * * *"
              tekton: {namespace: ml-ci, pipeline: ctkit-pipeline, service_account: ctkit-runner}
            """;

    @TempDir
    Path tmp;

    @BeforeAll
    static void pointTheCliAtTheMockServer() {
        CLIENT_PROPERTIES.forEach(System::setProperty);
        System.setProperty("kubernetes.master", client.getMasterUrl().toString());
    }

    @AfterAll
    static void forgetTheMockServer() {
        CLIENT_PROPERTIES.keySet().forEach(System::clearProperty);
        System.clearProperty("kubernetes.master");
    }

    private Path project() throws Exception {
        Path dir = TestProjects.binary(tmp.resolve("p"), 40, "epochs: 2", false);
        Files.writeString(dir.resolve("ctkit.yaml"), Files.readString(dir.resolve("ctkit.yaml")) + RETRAIN);
        return dir;
    }

    @Test
    void theTektonScheduleIsACronJobThatRetrainsThroughTheCliImageAndItAppliesWhatItPrints() throws Exception {
        Path dir = project();

        CliRunner printed = CliRunner.run("schedule", "tiny-binary", "--project", dir.toString(), "--ci", "tekton");
        CliRunner applied = CliRunner.run("schedule", "tiny-binary", "--project", dir.toString(), "--ci", "tekton",
                "--apply");
        CliRunner again = CliRunner.run("schedule", "tiny-binary", "--project", dir.toString(), "--ci", "tekton",
                "--apply", "--cron", "30 4 * * 1");

        assertThat(printed.exitCode()).as(printed.err()).isZero();
        assertThat(applied.exitCode()).as(applied.err()).isZero();
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(applied.out()).contains("applied ConfigMap ml-ci/tiny-binary-ctkit-project")
                .contains("applied CronJob ml-ci/tiny-binary-retrain");
        List<Object> documents = new ArrayList<>();
        for (String doc : printed.out().split("(?m)^---\n")) {
            if (!doc.isBlank()) {
                documents.add(client.getKubernetesSerialization().unmarshal(doc));
            }
        }
        assertThat(documents).hasSize(2);
        CronJob printedJob = (CronJob) documents.get(1);
        assertThat(printedJob.getSpec().getSchedule()).isEqualTo("0 3 * * *");
        CronJob job = client.batch().v1().cronjobs().inNamespace("ml-ci").withName("tiny-binary-retrain").get();
        assertThat(job.getSpec().getSchedule()).isEqualTo("30 4 * * 1");
        assertThat(job.getSpec().getJobTemplate()).isEqualTo(printedJob.getSpec().getJobTemplate());
        assertThat(job.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        var pod = job.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo("ctkit-runner");
        Container c = pod.getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("ctkit/cli:" + CodeVersion.ctkitVersion());
        assertThat(c.getArgs()).containsExactly("retrain", "tiny-binary", "--project", "/project", "--trigger",
                "schedule", "--via", "tekton");
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(c.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("CTKIT_REGISTRY");
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("ctkit-registry");
        });
        ConfigMap config = client.configMaps().inNamespace("ml-ci").withName("tiny-binary-ctkit-project").get();
        assertThat(config.getData().get("ctkit.yaml")).isEqualTo(Files.readString(dir.resolve("ctkit.yaml")));
        assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getConfigMap().getName())
                .isEqualTo("tiny-binary-ctkit-project"));
    }

    @Test
    void theLocalLoopRetrainsOnceWithinTheCooldownAndStopsAfterItsRounds() throws Exception {
        Path dir = project();
        ProductionModels.promote(PipelineFile.load(dir), CodeVersion.of(dir));

        CliRunner loop = CliRunner.run("schedule", "tiny-binary", "--project", dir.toString(), "--every", "1s",
                "--times", "3");

        assertThat(loop.exitCode()).as(loop.err()).isZero();
        assertThat(loop.out()).contains("retraining tiny-binary every 1s via tekton (cooldown 1h); Ctrl-C stops")
                .contains("round 1: submitted: created PipelineRun ml-ci/tiny-binary-retrain-")
                .contains("round 2: cooling-down: cooling down: tiny-binary was retrained by request ")
                .contains("round 3: cooling-down").endsWith("stopped after 3 round(s)\n");
        List<PipelineRun> runs = client.adapt(TektonClient.class).v1().pipelineRuns().inNamespace("ml-ci").list()
                .getItems();
        assertThat(runs).singleElement().satisfies(r -> assertThat(r.getSpec().getParams())
                .anySatisfy(p -> {
                    assertThat(p.getName()).isEqualTo("trigger");
                    assertThat(p.getValue().getStringVal()).isEqualTo("schedule");
                }));
        CliRunner decay = CliRunner.run("retrain", "tiny-binary", "--project", dir.toString(), "--trigger",
                "model-decay", "--out", tmp.resolve("retrain.json").toString());
        assertThat(decay.exitCode()).as(decay.err()).isZero();
        assertThat(decay.out()).startsWith("cooling-down: cooling down: tiny-binary was retrained by request");
        assertThat(Files.readString(tmp.resolve("retrain.json"))).contains("\"decision\" : \"cooling-down\"");
    }

    @Test
    void theJenkinsScheduleIsAPipelineWithACronTriggerAndBadInputIsAUsageError() throws Exception {
        Path dir = project();

        CliRunner jenkins = CliRunner.run("schedule", "tiny-binary", "--project", dir.toString(), "--ci", "jenkins",
                "--cron", "H 3 * * *");
        CliRunner neither = CliRunner.run("schedule", "tiny-binary", "--project", dir.toString());
        CliRunner badEvery = CliRunner.run("schedule", "tiny-binary", "--project", dir.toString(), "--every", "10");
        CliRunner unknownCi = CliRunner.run("schedule", "tiny-binary", "--project", dir.toString(), "--ci", "gitlab");
        CliRunner applyJenkins = CliRunner.run("schedule", "tiny-binary", "--project", dir.toString(), "--ci",
                "jenkins", "--apply");
        CliRunner badCron = CliRunner.run("schedule", "tiny-binary", "--project", dir.toString(), "--ci", "tekton",
                "--cron", "daily");

        assertThat(jenkins.exitCode()).isZero();
        assertThat(jenkins.out()).contains("triggers {\n        cron('H 3 * * *')\n    }")
                .contains("sh 'ctkit retrain tiny-binary --project . --trigger schedule --via local'");
        assertThat(List.of(neither, badEvery, unknownCi, applyJenkins, badCron))
                .allSatisfy(r -> assertThat(r.exitCode()).as(r.err()).isEqualTo(2));
        assertThat(neither.err()).isEqualTo("error: give either --ci tekton|jenkins (a schedule for a CI system) or"
                + " --every DURATION (a local loop)\n");
        assertThat(badEvery.err()).isEqualTo("error: --every: expected a duration such as 30s, 10m, 6h or 1d, got"
                + " \"10\"\n");
        assertThat(unknownCi.err()).isEqualTo("error: --ci: unknown CI \"gitlab\"; expected tekton or jenkins\n");
        assertThat(badCron.err()).isEqualTo("error: --cron: expected five fields (minute hour day-of-month month"
                + " day-of-week), got \"daily\"\n");
    }
}
