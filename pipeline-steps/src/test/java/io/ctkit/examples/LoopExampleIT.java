package io.ctkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.ModelVersion;
import io.ctkit.registry.RegistryConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ctkit loop examples/marketing-forecast}, the continuous-training cycle on one machine, run
 * by the shaded CLI as a user runs it (the nested test stage resolves ctkit as in
 * {@link MarketingForecastExampleIT}): the drifted days make the model decay, the monitor retrains
 * it, and the new version replaces the old one under traffic.
 */
class LoopExampleIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void theDriftedDaysRetrainTheModelAndTheNewVersionServesWithoutAFailedRequest() throws Exception {
        Path repository = MarketingForecastExampleIT.localRepositoryWithThisBuild(tmp);
        Path work = tmp.resolve("loop");
        Path log = tmp.resolve("loop.log");
        Path example = MarketingForecastExampleIT.ROOT.resolve("examples/marketing-forecast");
        List<Path> before = files(example);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", MarketingForecastExampleIT.ROOT.resolve("pipeline-steps/target/ctkit-cli.jar").toString(),
                "loop", example.toString(), "--work", work.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("MAVEN_OPTS", "-Dmaven.repo.local=" + repository);
        pb.environment().remove("CTKIT_REGISTRY");
        Process p = pb.start();
        if (!p.waitFor(14, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("ctkit loop did not finish in 14 minutes:\n" + Files.readString(log));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();

        List<ModelVersion> versions;
        ModelVersion production;
        String secondTrigger;
        try (ModelRegistry registry = ModelRegistry.open(RegistryConfig.forProject(work))) {
            versions = registry.versions("marketing-forecast");
            production = registry.production("marketing-forecast").orElseThrow();
            secondTrigger = registry.run(versions.get(versions.size() - 1).runId()).trigger();
        }
        JsonNode current = JSON.readTree(work.resolve(".ctkit/deploy/local/marketing-forecast/current.json").toFile());
        List<Path> after = files(example);
        Matcher swap = Pattern.compile("(\\d+) requests during the swap, (\\d+) failed").matcher(out);
        assertSoftly(softly -> {
            softly.assertThat(versions).extracting(ModelVersion::version).as(out).containsExactly(1, 2);
            softly.assertThat(secondTrigger).isEqualTo("model-decay");
            softly.assertThat(production.version()).isEqualTo(2);
            softly.assertThat(current.path("version").asInt()).as("the version served after the swap").isEqualTo(2);
            softly.assertThat(swap.find()).as(out).isTrue();
            softly.assertThat(swap.group(1)).as("requests during the swap").isNotEqualTo("0");
            softly.assertThat(swap.group(2)).as("failed requests during the swap").isEqualTo("0");
            softly.assertThat(out).contains("retrain (model-decay via local)", "model-decay");
            softly.assertThat(after).as("the example stays as it was").isEqualTo(before);
        });
    }

    private static List<Path> files(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
            return all.sorted().toList();
        }
    }
}
