package io.ctkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.ModelVersion;
import io.ctkit.registry.RegistryConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main commands on a copy of {@code examples/marketing-forecast}: {@code ctkit loop},
 * whose first phase is {@code ctkit run}, so one pipeline run serves both. The shaded CLI runs the
 * whole pipeline, and its test stage runs the example's own Maven test project (written with the
 * test kit) against the bundle it just trained; then the loop serves, decays, retrains and swaps
 * (docs/loop.md). The nested Maven build resolves ctkit from a copy of the local repository holding
 * this build's jars, as `bin/ctkit` installs them for users.
 */
class MarketingForecastExampleIT {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final String VERSION = "0.1.0-SNAPSHOT";
    static final List<String> MODULES = List.of("model-core", "model-quality", "model-registry", "scoring-server",
            "scoring-image", "ml-test-kit");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void runsTheModelTestsAsItsTestStageThenTheLoopRetrainsOnTheDriftedDaysAndSwapsWithoutAFailedRequest()
            throws Exception {
        Path repository = localRepositoryWithThisBuild();
        Path example = ROOT.resolve("examples/marketing-forecast");
        Path project = tmp.resolve("marketing-forecast");
        List<Path> before = files(example);

        // ctkit loop's first phase is ctkit run on its working copy: one nested pipeline run serves both checks
        Path log = tmp.resolve("run.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ROOT.resolve("pipeline-steps/target/ctkit-cli.jar").toString(), "loop", example.toString(),
                "--work", project.toString())
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
        assertThat(out).contains("[4/6] test passed in").contains("7 tests: 7 passed, 0 failed, 0 errors, 0 skipped")
                .contains("PASS  tests: 7 tests: 7 passed").contains("[6/6] register passed")
                // CI has a Docker engine: AUTO serves from the scoring image, and the output says so
                .contains("@ScoringContainerTest on ForecastServingTest: serving marketing-forecast")
                .contains(" in DOCKER mode: image ctkit/marketing-forecast:");
        try (ModelRegistry registry = ModelRegistry.open(RegistryConfig.forProject(project))) {
            assertThat(registry.reports("marketing-forecast", 1)).filteredOn(r -> r.kind().equals("tests"))
                    .extracting(r -> r.name()).contains("TEST-io.ctkit.examples.forecast.ForecastQualityTest.xml",
                            "TEST-io.ctkit.examples.forecast.ForecastBehaviourTest.xml",
                            "TEST-io.ctkit.examples.forecast.ForecastServingTest.xml");
        }

        Map<String, JsonNode> results = allureResults(project.resolve("target/allure-results"));
        assertThat(results.keySet()).contains("isAccurateOverall", "isAccurateOnVideo", "isNoWorseThanProduction",
                "ignoresTheCalendarDate", "moreSpendNeverForecastsLessRevenue", "servesWhatTheBundleComputes",
                "meetsItsLatencySlo");
        for (JsonNode result : results.values()) {
            assertThat(result.path("status").asText()).as(result.path("name").asText()).isEqualTo("passed");
        }
        assertAttachments(project, results.get("isAccurateOverall"), "text/csv", "image/png");
        assertAttachments(project, results.get("isNoWorseThanProduction"), "text/csv", "text/plain");
        // REST Assured's exchanges, and the latency plot with the HdrHistogram log
        assertAttachments(project, results.get("servesWhatTheBundleComputes"), "text/html");
        assertAttachments(project, results.get("meetsItsLatencySlo"), "image/png", "text/plain");
        assertThat(results.get("meetsItsLatencySlo").path("labels").toString())
                .contains("{\"name\":\"ctkit.serving.mode\",\"value\":\"docker\"}");
        assertTheLoop(example, project, before, out);
    }

    /** The loop's outcome: a second version, trigger model-decay, promoted, served, no failed request. */
    private static void assertTheLoop(Path example, Path work, List<Path> before, String out) throws IOException {
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
            softly.assertThat(out).contains("retrain (model-decay via local): succeeded");
            softly.assertThat(after).as("the example stays as it was").isEqualTo(before);
        });
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.sorted().toList();
        }
    }

    /** Every attachment of the test of this type is a file of the results directory that is not empty. */
    private static void assertAttachments(Path project, JsonNode result, String... types) throws IOException {
        List<JsonNode> attachments = new ArrayList<>();
        result.path("attachments").forEach(attachments::add);
        for (String type : types) {
            assertThat(attachments).as("%s attaches %s", result.path("name").asText(), type)
                    .anySatisfy(a -> assertThat(a.path("type").asText()).isEqualTo(type));
        }
        for (JsonNode a : attachments) {
            Path file = project.resolve("target/allure-results").resolve(a.path("source").asText());
            assertThat(Files.size(file)).as(a.path("name").asText()).isPositive();
        }
    }

    /** The results by test method name (Allure writes one {@code *-result.json} per test). */
    static Map<String, JsonNode> allureResults(Path dir) throws IOException {
        Map<String, JsonNode> byName = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith("-result.json")).toList()) {
                JsonNode result = JSON.readTree(f.toFile());
                String name = result.path("name").asText();
                byName.put(name.contains("(") ? name.substring(0, name.indexOf('(')) : name, result);
            }
        }
        return byName;
    }

    /**
     * A local repository where io.ctkit's artifacts are this build's: the user's repository hard-linked
     * (so third-party artifacts need no download), with this build's jars and poms copied over ctkit's.
     */
    private Path localRepositoryWithThisBuild() throws IOException, InterruptedException {
        return localRepositoryWithThisBuild(tmp);
    }

    /** As above, in {@code tmp/m2}. */
    static Path localRepositoryWithThisBuild(Path tmp) throws IOException, InterruptedException {
        Path source = Path.of(System.getProperty("ctkit.localRepository",
                System.getProperty("user.home") + "/.m2/repository"));
        Path repository = tmp.resolve("m2");
        Process cp = new ProcessBuilder("cp", "-al", source.toString(), repository.toString()).inheritIO().start();
        assertThat(cp.waitFor(2, TimeUnit.MINUTES)).as("copying %s in time", source).isTrue();
        assertThat(cp.exitValue()).isZero();
        put(repository, "ctkit-parent", ROOT.resolve("pom.xml"), "pom");
        for (String module : MODULES) {
            put(repository, module, ROOT.resolve(module).resolve("pom.xml"), "pom");
            put(repository, module, ROOT.resolve(module).resolve("target").resolve(module + "-" + VERSION + ".jar"), "jar");
        }
        return repository;
    }

    private static void put(Path repository, String artifact, Path file, String extension) throws IOException {
        assertThat(file).as("built by this reactor").exists();
        Path dir = repository.resolve("io/ctkit").resolve(artifact).resolve(VERSION);
        Files.createDirectories(dir);
        Path target = dir.resolve(artifact + "-" + VERSION + "." + extension);
        Files.deleteIfExists(target); // a hard link to the user's own repository: never write through it
        Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
    }
}
