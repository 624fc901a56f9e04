package io.ctkit.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every option of every step var, set as its comment in vars/ documents it, gives a command line
 * that this build's CLI parses: the vars write the flags of the CLI in one place each, and a
 * flag renamed, a value the CLI's option cannot convert (a {@code '5m'} where it wanted seconds)
 * or an arity mismatch would otherwise only show on a Jenkins agent. Parsing only, with picocli:
 * nothing runs.
 */
class VarsSpeakTheCliTest {

    static final PipelineLibrary LIBRARY = PipelineLibrary.repository();

    /** Each var with every option its defaults map declares given a value (the flag-less options too). */
    static Stream<Arguments> everyOption() {
        return Stream.of(
                Arguments.of("ctkitTrain", Map.of("project", "examples/marketing-forecast", "out", "reports/train",
                        "force", true)),
                Arguments.of("ctkitEvaluate", Map.of("model", "run/model", "data", "holdout.csv", "label", "y",
                        "slices", "channel,region", "plots", "reports/plots", "out", "reports/metrics.json")),
                Arguments.of("ctkitEvaluate", Map.of("predictions", "p.csv", "task", "binary", "plots", "reports/plots")),
                Arguments.of("ctkitGate", map("model", "run/model", "data", "holdout.csv", "championModel", "prod/model",
                        "task", "regression", "policy", "gate.yaml", "tests", "target/surefire-reports", "id", "row_id",
                        "out", "reports/gate.json")),
                Arguments.of("ctkitGate", Map.of("challenger", "c.csv", "champion", "p.csv", "task", "binary")),
                Arguments.of("ctkitRegister", map("bundle", "run/model", "name", "forecast", "metrics", "metrics.json",
                        "gate", "gate.json", "tests", List.of("a.xml", "summary.json"), "alias", "production",
                        "trainingReport", "training.json", "codeVersion", "abc123", "out", "reports/registered.json")),
                Arguments.of("ctkitPackage", map("model", "run/model", "image", "ctkit/forecast:4", "to", "tar",
                        "tar", "image.tar", "base", "docker://ctkit/jre:17", "modelVersion", 4, "out", "p.json")),
                Arguments.of("ctkitPackage", Map.of("model", "forecast:4", "image", "r.example/forecast:4",
                        "to", "registry")),
                Arguments.of("ctkitDeploy", map("model", "forecast:4", "target", "kubernetes", "dryRun", true,
                        "timeout", "5m", "out", "reports/deploy.json")),
                Arguments.of("ctkitDeploy", Map.of("model", "forecast", "target", "local", "rollback", true,
                        "timeout", 90)),
                Arguments.of("ctkitMonitor", map("logDir", "/logs", "model", "forecast@production",
                        "project", "examples/marketing-forecast", "metricsUrl", "http://serving:8080/metrics",
                        "out", "reports/monitor.json")),
                Arguments.of("ctkitMonitor", Map.of("logDir", "/logs", "model", "run/model", "settings", "monitor.yaml")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyOption")
    void theCommandAVarWritesIsOneTheCliParses(String var, Map<String, Object> config) {
        PipelineHarness harness = LIBRARY.newBuild().onSh("bin/ctkit ", 0, "", Map.of(
                "reports/registered.json", "{\"model\": \"forecast\", \"version\": 4}",
                "ctkit-reports/register/registered.json", "{\"model\": \"forecast\", \"version\": 4}",
                "reports/monitor.json", "{\"decision\": \"ok\"}",
                "ctkit-reports/monitor/monitor.json", "{\"decision\": \"ok\"}"));

        harness.callVar(var, new LinkedHashMap<>(config));

        assertThat(harness.failure()).as(harness.shOutput()).isNull();
        List<String> ctkitCommands = harness.calls("sh").stream().map(PipelineHarness.Call::text)
                .filter(text -> text.startsWith("bin/ctkit ")).toList();
        assertThat(ctkitCommands).as("%s runs ctkit", var).isNotEmpty();
        for (String text : ctkitCommands) {
            String[] args = words(text.substring("bin/ctkit ".length(), text.indexOf(" 2>")));
            assertThatCode(() -> picocli(args).parseArgs(args)).as("ctkit %s", String.join(" ", args))
                    .doesNotThrowAnyException();
        }
    }

    /** The CLI's command line as a run of {@code args} builds it (only the named verb). */
    private static picocli.CommandLine picocli(String[] args) throws Exception {
        var method = io.ctkit.cli.Ctkit.class.getDeclaredMethod("commandLine", String[].class);
        method.setAccessible(true);
        return (picocli.CommandLine) method.invoke(null, (Object) args);
    }

    /** The single-quoted words of ctkitCli's quoting ({@code 'it'"'"'s'} is {@code it's}). */
    static String[] words(String quoted) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\'') {
                int end = quoted.indexOf('\'', i + 1);
                word.append(quoted, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                int end = quoted.indexOf('"', i + 1);
                word.append(quoted, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == ' ') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words.toArray(String[]::new);
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
