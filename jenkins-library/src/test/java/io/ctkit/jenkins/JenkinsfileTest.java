package io.ctkit.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JenkinsfileTest {

    static final PipelineLibrary LIBRARY = PipelineLibrary.repository();

    static final String RUN = "ctkit-reports/run-7";

    @Test
    void theRepositorysJenkinsfileRunsTheExamplesThroughTheLibrary() {
        PipelineHarness harness = LIBRARY.newBuild()
                .onSh("bin/ctkit 'run'", 0, "", Map.of(RUN + "/register/registered.json",
                        "{\"model\": \"marketing-forecast\", \"version\": 2}"))
                .cause("hudson.triggers.TimerTrigger$TimerTriggerCause");

        harness.runJenkinsfile();

        assertThat(harness.failure()).isNull();
        assertThat(harness.result()).isEqualTo("SUCCESS");
        assertThat(harness.calls("library")).singleElement().asString().contains("identifier=ctkit@main");
        assertThat(harness.calls("cron")).extracting(PipelineHarness.Call::text).containsExactly("H 3 * * *");
        assertThat(harness.calls("stage")).extracting(PipelineHarness.Call::text).containsExactly(
                "Checkout", "Train, test, gate, register", "Package", "Deploy", "wine-classifier");
        assertThat(harness.calls("sh")).extracting(c -> c.text().replaceAll(" '--.*", "")).containsExactly(
                "bin/ctkit 'run' 'examples/marketing-forecast'", "bin/ctkit 'package'",
                "bin/ctkit 'deploy' 'marketing-forecast:2'", "bin/ctkit 'evaluate'");
        assertThat(harness.calls("sh").get(0).text()).contains("'--trigger' 'schedule'");
        assertThat(harness.calls("sh").get(2).text()).contains("'--target' 'docker' '--timeout' '5m'");
    }

    @Test
    void aFailedGateInTheJenkinsfileStillChecksTheOtherExampleButDeploysNothing() {
        PipelineHarness harness = LIBRARY.newBuild().onSh("bin/ctkit 'run'", 1, "", Map.of(
                RUN + "/run.json", "{\"failed_stage\": \"gate\", \"reason\": \"rmse above 30\"}"));

        harness.runJenkinsfile();

        assertThat(harness.result()).isEqualTo("UNSTABLE");
        assertThat(harness.calls("sh")).extracting(c -> c.text().replaceAll(" '--.*", ""))
                .containsExactly("bin/ctkit 'run' 'examples/marketing-forecast'", "bin/ctkit 'evaluate'");
    }
}
