package io.ctkit.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import groovy.json.JsonSlurper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vars with a real shell and the real ctkit CLI (this build's classes): quoting, the stderr
 * message and the exit-code mapping as they happen, not as a stub says.
 */
class CliThroughTheVarsTest {

    static final PipelineLibrary LIBRARY = PipelineLibrary.repository();
    static final Path WINE = LIBRARY.root().resolve("examples/wine-classifier");

    /** The `ctkit` option: the CLI's main class on this test's class path. */
    static String ctkit() {
        return Path.of(System.getProperty("java.home"), "bin", "java") + " -cp '"
                + System.getProperty("java.class.path") + "' io.ctkit.cli.Ctkit";
    }

    static Map<String, Object> config(Object... pairs) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("ctkit", ctkit());
        for (int i = 0; i < pairs.length; i += 2) {
            config.put((String) pairs[i], pairs[i + 1]);
        }
        return config;
    }

    @Test
    void evaluateThenAGateThatPassesAndOneThatFailsGiveSuccessAndUnstable(@TempDir Path workspace) throws IOException {
        Files.writeString(workspace.resolve("strict gate.yaml"), "thresholds:\n  - {metric: accuracy, min: 0.99}\n");
        Files.writeString(workspace.resolve("gate.yaml"), "thresholds:\n  - {metric: accuracy, min: 0.5}\n");
        PipelineHarness harness = LIBRARY.newBuild().inWorkspace(workspace);

        Object evaluated = harness.callVar("ctkitEvaluate", config("model", WINE.resolve("model").toString(),
                "data", WINE.resolve("holdout.csv").toString(), "plots", null));
        Object passed = harness.callVar("ctkitGate", config("model", WINE.resolve("model").toString(),
                "data", WINE.resolve("holdout.csv").toString(), "policy", "gate.yaml", "out", "gate/pass.json"));
        assertThat(harness.result()).as(harness.shOutput()).isEqualTo("SUCCESS");
        Object failed = harness.callVar("ctkitGate", config("model", WINE.resolve("model").toString(),
                "data", WINE.resolve("holdout.csv").toString(), "policy", "strict gate.yaml", "out", "gate/fail.json"));

        assertThat(evaluated).isEqualTo(true);
        Map<?, ?> metrics = (Map<?, ?>) ((Map<?, ?>) new JsonSlurper()
                .parse(workspace.resolve("ctkit-reports/evaluate/metrics.json").toFile())).get("metrics");
        assertThat(((Number) ((Map<?, ?>) metrics.get("accuracy")).get("value")).doubleValue())
                .isCloseTo(0.9583333333333334, within(1e-12));   // examples/wine-classifier/expected.json
        assertThat(passed).isEqualTo(true);
        assertThat(failed).isEqualTo(false);
        assertThat(harness.result()).isEqualTo("UNSTABLE");
        assertThat(workspace.resolve("gate/fail.json")).exists();
        assertThat(harness.calls("unstable")).singleElement().asString().contains("failed the gate (exit 1)");
    }

    @Test
    void anInputErrorFailsTheBuildWithTheCliMessageNamingTheFile(@TempDir Path workspace) {
        PipelineHarness harness = LIBRARY.newBuild().inWorkspace(workspace);

        harness.callVar("ctkitEvaluate", config("model", WINE.resolve("model").toString(),
                "data", "it's missing.csv"));

        assertThat(harness.result()).isEqualTo("FAILURE");
        assertThat(harness.failure()).startsWith("ctkit evaluate: usage or input error (exit 2): ")
                .contains("it's missing.csv");
        assertThat(harness.shOutput()).contains("it's missing.csv");
    }
}
