package io.ctkit.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CtkitPipelineTest {

    static final PipelineLibrary LIBRARY = PipelineLibrary.repository();

    static final String RUN = "ctkit-reports/run-7";
    static final String REGISTERED = "{\"model\": \"forecast\", \"version\": 3, \"bundle\": \"sha256:ab\", \"run\": \"r1\", \"alias\": \"production\"}";
    static final String FAILED_RUN = "{\"format\": \"ctkit-run/1\", \"status\": \"failed\", \"failed_stage\": \"gate\","
            + " \"reason\": \"rmse = 41.2 is above the maximum 30\"}";

    static Map<String, Object> config(Object... pairs) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("project", "examples/marketing-forecast");
        for (int i = 0; i < pairs.length; i += 2) {
            config.put((String) pairs[i], pairs[i + 1]);
        }
        return config;
    }

    static PipelineHarness passingRun() {
        return LIBRARY.newBuild()
                .onSh("bin/ctkit 'run'", 0, "", Map.of(RUN + "/register/registered.json", REGISTERED));
    }

    static List<String> ctkitCommands(PipelineHarness harness) {
        return harness.calls("sh").stream().map(c -> c.text().replaceAll(" 2>.*", ""))
                .collect(Collectors.toList());
    }

    @Test
    void runsTheWholePipelineAndDeploysTheRegisteredVersion() {
        PipelineHarness harness = passingRun();

        harness.callVar("ctkitPipeline", config("deploy", "docker", "base", "docker://ctkit/jre:17"));

        assertThat(harness.result()).isEqualTo("SUCCESS");
        assertThat(harness.calls().stream().map(PipelineHarness.Call::step).filter(s -> !s.equals("withEnv")))
                .containsExactly("choice", "string", "string", "booleanParam", "parameters", "pipelineTriggers",
                        "properties", "node",
                        "stage", "checkout",
                        "stage", "sh", "junit", "allure", "archiveArtifacts", "readJSON",
                        "stage", "sh", "archiveArtifacts",
                        "stage", "sh", "archiveArtifacts");
        assertThat(harness.calls("stage")).extracting(PipelineHarness.Call::text)
                .containsExactly("Checkout", "Train, test, gate, register", "Package", "Deploy");
        assertThat(ctkitCommands(harness)).containsExactly(
                "bin/ctkit 'run' 'examples/marketing-forecast' '--out' '" + RUN + "' '--trigger' 'manual'",
                "bin/ctkit 'package' '--model' '" + RUN + "/train/model' '--image' 'ctkit/forecast:3' '--to' 'docker'"
                        + " '--base' 'docker://ctkit/jre:17' '--model-version' '3' '--out' '" + RUN + "/package/package.json'",
                "bin/ctkit 'deploy' 'forecast:3' '--target' 'docker' '--out' '" + RUN + "/deploy/deploy.json'");
        assertThat(harness.calls("sh")).allSatisfy(sh ->
                assertThat(sh.env()).containsEntry("CTKIT_REGISTRY", "examples/marketing-forecast/.ctkit/registry"));
        assertThat(harness.calls("junit").get(0).args().get(0).toString()).contains(RUN + "/test/junit/*.xml");
        assertThat(harness.calls("archiveArtifacts").get(0).args().get(0).toString()).contains(RUN + "/**");
    }

    @Test
    void aFailedGateMakesTheBuildUnstableAndStopsPackageAndDeploy() {
        PipelineHarness harness = LIBRARY.newBuild()
                .onSh("bin/ctkit 'run'", 1, "", Map.of(RUN + "/run.json", FAILED_RUN));

        harness.callVar("ctkitPipeline", config("deploy", "docker"));

        assertThat(harness.result()).isEqualTo("UNSTABLE");
        assertThat(harness.calls("unstable")).singleElement().extracting(PipelineHarness.Call::text)
                .isEqualTo("ctkitPipeline: stage gate failed: rmse = 41.2 is above the maximum 30;"
                        + " nothing was registered, packaged or deployed");
        assertThat(ctkitCommands(harness)).singleElement().asString().startsWith("bin/ctkit 'run'");
        assertThat(harness.calls("stage")).extracting(PipelineHarness.Call::text)
                .doesNotContain("Package", "Deploy");
        assertThat(harness.calls("junit")).as("the tests' results are published all the same").hasSize(1);
    }

    @Test
    void aFailedGateFailsTheBuildWhenConfiguredTo() {
        PipelineHarness harness = LIBRARY.newBuild()
                .onSh("bin/ctkit 'run'", 1, "", Map.of(RUN + "/run.json", FAILED_RUN));

        harness.callVar("ctkitPipeline", config("deploy", "docker", "onCheckFailure", "FAILURE"));

        assertThat(harness.result()).isEqualTo("FAILURE");
        assertThat(harness.failure()).startsWith("ctkitPipeline: stage gate failed: rmse = 41.2");
        assertThat(ctkitCommands(harness)).hasSize(1);
    }

    @Test
    void aUsageErrorFailsTheBuildWithTheCliMessage() {
        String message = "examples/marketing-forecast/ctkit.yaml: line 7: training.batchsize: unknown field;"
                + " expected one of ... (did you mean \"batch_size\"?)";
        PipelineHarness harness = LIBRARY.newBuild().onSh("bin/ctkit 'run'", 2, message + "\n", Map.of());

        harness.callVar("ctkitPipeline", config("deploy", "docker"));

        assertThat(harness.result()).isEqualTo("FAILURE");
        assertThat(harness.failure()).isEqualTo("ctkit run: usage or input error (exit 2): " + message);
        assertThat(ctkitCommands(harness)).hasSize(1);
    }

    @Test
    void theTriggerComesFromTheParameterOrTheTimerAndTheCronOptionSchedulesBuilds() {
        PipelineHarness byData = passingRun().param("trigger", "data").param("force", true)
                .param("reason", "new data in s3://bucket/day-5").param("request-id", "rq-42");
        byData.callVar("ctkitPipeline", config("packageImage", false));
        assertThat(ctkitCommands(byData)).singleElement().asString()
                .endsWith("'--trigger' 'data' '--force' '--retrain-request' 'rq-42' '--reason' 'new data in s3://bucket/day-5'");
        assertThat(byData.calls("string")).extracting(c -> c.args().get(0).toString())
                .anySatisfy(p -> assertThat(p).contains("name=reason"))
                .anySatisfy(p -> assertThat(p).contains("name=request-id"));
        assertThat(byData.calls("pipelineTriggers").get(0).args().get(0)).isEqualTo(List.of());

        PipelineHarness byTimer = passingRun().param("trigger", "manual")
                .cause("hudson.triggers.TimerTrigger$TimerTriggerCause");
        byTimer.callVar("ctkitPipeline", config("packageImage", false, "cron", "H 3 * * *"));
        assertThat(ctkitCommands(byTimer)).singleElement().asString().endsWith("'--trigger' 'schedule'");
        assertThat(byTimer.calls("cron")).extracting(PipelineHarness.Call::text).containsExactly("H 3 * * *");
        assertThat(byTimer.calls("pipelineTriggers").get(0).args().get(0)).isEqualTo(List.of("H 3 * * *"));
        assertThat(byTimer.calls("choice").get(0).args().get(0).toString())
                .contains("name=trigger", "[manual, code, data, model-decay, schedule]");
    }

    @Test
    void aTriggerOutsideTheVocabularyFailsTheBuildBeforeTheRun() {
        PipelineHarness harness = LIBRARY.newBuild().param("trigger", "nightly");

        harness.callVar("ctkitPipeline", config());

        assertThat(harness.failure()).isEqualTo("ctkitPipeline: trigger 'nightly' is not one of"
                + " manual, code, data, model-decay, schedule");
        assertThat(harness.calls("sh")).isEmpty();
    }

    @Test
    void aMisspelledOptionStopsTheBuildBeforeAnythingRuns() {
        PipelineHarness harness = LIBRARY.newBuild();

        harness.callVar("ctkitPipeline", config("deplyo", "docker"));

        assertThat(harness.result()).isEqualTo("FAILURE");
        assertThat(harness.failure()).startsWith("ctkitPipeline: unknown option 'deplyo' (did you mean 'deploy'?);"
                + " expected one of ");
        assertThat(harness.calls("sh")).isEmpty();
    }

    @Test
    void runsEveryCommandInTheCliImageWhenOneIsConfigured() {
        PipelineHarness harness = passingRun().onSh("ctkit 'run'", 0, "",
                Map.of(RUN + "/register/registered.json", REGISTERED));

        harness.callVar("ctkitPipeline", config("cliImage", "ctkit/cli:0.1.0", "dockerArgs", "-v /var/run/docker.sock:/var/run/docker.sock"));

        assertThat(harness.calls("docker.image.inside")).hasSize(2).allSatisfy(inside -> assertThat(inside.args())
                .containsExactly("ctkit/cli:0.1.0", "-v /var/run/docker.sock:/var/run/docker.sock"));
        assertThat(ctkitCommands(harness)).isNotEmpty().allSatisfy(command -> assertThat(command).startsWith("ctkit '"));
    }
}
