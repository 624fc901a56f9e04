package io.ctkit.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StepVarsTest {

    static final PipelineLibrary LIBRARY = PipelineLibrary.repository();

    static final String MONITOR_OUT = "ctkit-reports/monitor/monitor.json";
    static final String REGISTER_OUT = "ctkit-reports/register/registered.json";

    /** Each CLI step with a minimal config, its verb, and the files its command writes. */
    static Stream<Arguments> steps() {
        return Stream.of(
                Arguments.of("ctkitTrain", Map.of("project", "examples/marketing-forecast"), "train", Map.of()),
                Arguments.of("ctkitEvaluate", Map.of("model", "m", "data", "h.csv"), "evaluate", Map.of()),
                Arguments.of("ctkitGate", Map.of("model", "m", "data", "h.csv"), "gate", Map.of()),
                Arguments.of("ctkitRegister", Map.of("bundle", "m", "alias", "production"), "register",
                        Map.of(REGISTER_OUT, "{\"model\": \"forecast\", \"version\": 4}")),
                Arguments.of("ctkitPackage", Map.of("model", "m", "image", "ctkit/forecast:4"), "package", Map.of()),
                Arguments.of("ctkitDeploy", Map.of("model", "forecast:4", "target", "kubernetes"), "deploy", Map.of()),
                Arguments.of("ctkitMonitor", Map.of("logDir", "/logs", "model", "forecast@production"), "monitor",
                        Map.of(MONITOR_OUT, "{\"decision\": \"degraded\"}")),
                Arguments.of("ctkitCli", Map.of("args", java.util.List.of("models", "list")), "models", Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void exitZeroPassesOneMakesTheBuildUnstableTwoFailsItWithTheMessage(
            String var, Map<String, Object> config, String verb, Map<String, String> written) {
        PipelineHarness ok = LIBRARY.newBuild().onSh("bin/ctkit '" + verb + "'", 0, "", written);
        Object passed = ok.callVar(var, new LinkedHashMap<>(config));
        assertThat(ok.result()).isEqualTo("SUCCESS");
        assertThat(passed).isNotIn(null, false);
        assertThat(ok.calls("sh")).singleElement().satisfies(sh -> {
            assertThat(sh.text()).startsWith("bin/ctkit '" + verb + "'");
            assertThat(sh.args().get(0)).asString().contains("returnStatus=true");
        });

        PipelineHarness checkFailed = LIBRARY.newBuild()
                .onSh("bin/ctkit '" + verb + "'", 1, "", written);
        Object failed = checkFailed.callVar(var, new LinkedHashMap<>(config));
        assertThat(checkFailed.result()).isEqualTo("UNSTABLE");
        assertThat(checkFailed.calls("unstable")).singleElement().asString().contains(var, "exit 1");
        assertThat(failed).isNotEqualTo(true);

        Map<String, Object> failOnCheck = new LinkedHashMap<>(config);
        failOnCheck.put("onCheckFailure", "FAILURE");
        PipelineHarness checkFails = LIBRARY.newBuild()
                .onSh("bin/ctkit '" + verb + "'", 1, "", written);
        checkFails.callVar(var, failOnCheck);
        assertThat(checkFails.result()).isEqualTo("FAILURE");
        assertThat(checkFails.failure()).contains("exit 1");

        PipelineHarness usage = LIBRARY.newBuild()
                .onSh("bin/ctkit '" + verb + "'", 2, "Unknown option: '--bogus'\nUsage: ctkit " + verb + "\n", Map.of());
        assertThat(usage.callVar(var, new LinkedHashMap<>(config))).isNull();
        assertThat(usage.result()).isEqualTo("FAILURE");
        assertThat(usage.failure()).isEqualTo("ctkit " + verb + ": usage or input error (exit 2): Unknown option: '--bogus'\n"
                + "Usage: ctkit " + verb);
    }

    @Test
    void aMissingRequiredOptionFailsWithAnExample() {
        PipelineHarness harness = LIBRARY.newBuild();

        harness.callVar("ctkitDeploy", new LinkedHashMap<>(Map.of("target", "docker")));

        assertThat(harness.failure()).isEqualTo("ctkitDeploy: 'model' is required, e.g. ctkitDeploy(model: 'forecast:3')");
        assertThat(harness.calls("sh")).isEmpty();
    }

    @Test
    void aDryRunOutsideKubernetesFailsBeforeTheCliRuns() {
        PipelineHarness harness = LIBRARY.newBuild();

        harness.callVar("ctkitDeploy", new LinkedHashMap<>(Map.of("model", "forecast:3", "target", "local",
                "dryRun", true)));

        assertThat(harness.failure())
                .isEqualTo("ctkitDeploy: 'dryRun' prints the manifests of target 'kubernetes'; the local target has none");
        assertThat(harness.calls("sh")).isEmpty();
    }

    @Test
    void everyFlagOfTheGateReachesTheCliQuotedAsOneWord() {
        PipelineHarness harness = LIBRARY.newBuild();

        harness.callVar("ctkitGate", new LinkedHashMap<>(Map.of("model", "run/train/model", "data", "it's data.csv",
                "championModel", "prod/model", "policy", "gate.yaml", "tests", "target/surefire-reports")));

        assertThat(harness.calls("sh")).singleElement().extracting(PipelineHarness.Call::text).asString()
                .startsWith("bin/ctkit 'gate' '--model' 'run/train/model' '--champion-model' 'prod/model'"
                        + " '--data' 'it'\"'\"'s data.csv' '--policy' 'gate.yaml' '--tests' 'target/surefire-reports'"
                        + " '--out' 'ctkit-reports/gate/gate.json' 2>");
    }

    @Test
    void aRetrainDecisionStartsTheRetrainingJobWithTriggerModelDecay() {
        PipelineHarness harness = LIBRARY.newBuild().onSh("bin/ctkit 'monitor'", 1, "",
                Map.of(MONITOR_OUT, "{\"decision\": \"retrain\", \"reasons\": [\"rmse\"]}"));

        Object decision = harness.callVar("ctkitMonitor", new LinkedHashMap<>(Map.of("logDir", "/logs",
                "model", "forecast@production", "retrainJob", "forecast/main")));

        assertThat(decision).isEqualTo("retrain");
        assertThat(harness.result()).isEqualTo("UNSTABLE");
        assertThat(harness.calls("build")).singleElement().extracting(c -> c.args().get(0)).asString()
                .contains("job=forecast/main", "wait=false", "name=trigger", "value=model-decay");
    }

    @Test
    void modelTestsRunWithTheModelSetAndTheirResultsArePublishedWithOrWithoutAllure() {
        PipelineHarness withAllure = LIBRARY.newBuild().onSh("mvn", 1, "", Map.of());
        Object passed = withAllure.callVar("ctkitTest", new LinkedHashMap<>(Map.of("command", "mvn -B -ntp test",
                "model", "forecast@production", "registry", "jdbc:postgresql://db/ctkit")));
        assertThat(passed).isEqualTo(false);
        assertThat(withAllure.result()).isEqualTo("UNSTABLE");
        assertThat(withAllure.calls("sh")).singleElement().satisfies(sh -> assertThat(sh.env())
                .containsEntry("CTKIT_MODEL", "forecast@production")
                .containsEntry("CTKIT_REGISTRY", "jdbc:postgresql://db/ctkit"));
        assertThat(withAllure.calls("junit")).hasSize(1);
        assertThat(withAllure.calls("allure")).hasSize(1);

        PipelineHarness withoutAllure = LIBRARY.newBuild().withAllure(false);
        withoutAllure.callVar("ctkitTest", new LinkedHashMap<>(Map.of("command", "mvn -B -ntp test", "model", "m")));
        assertThat(withoutAllure.result()).isEqualTo("SUCCESS");
        assertThat(withoutAllure.calls("junit")).hasSize(1);
        assertThat(withoutAllure.calls("echo")).singleElement().asString()
                .contains("the Allure plugin is not installed");
    }
}
