package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ctkit.image.CliImageBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI image {@code ctkit/cli:<version>}, built with Jib from the packaged CLI jar (failsafe runs
 * after {@code package}) and run by the real Docker engine: non-root, in /workspace, the CLI as its
 * entrypoint, and ND4J's native code and the plots work inside it, so the example project trains,
 * is evaluated, gated and registered in the image.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// Building the base (first time only), loading a 190 MB image and training take minutes on the
// 2-core CI machine.
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class CliImageIT {

    private static final Path ROOT = projectRoot();
    private static final Path JAR = ROOT.resolve("pipeline-steps/target/ctkit-cli.jar");

    private String image;
    private String version;

    @BeforeAll
    void buildTheImage() throws IOException {
        ProcessRun info = run(List.of("docker", "info", "--format", "{{.ServerVersion}}"), 30);
        if (info.code() != 0) {
            String why = "no Docker engine answers (docker info: " + info.output().strip() + ")";
            if (System.getenv("CI") != null) {
                fail(why + "; CI must run the Docker tests: .ci/docker-up.sh starts an engine");
            }
            Assumptions.abort(why + "; start one with .ci/docker-up.sh to run this test");
        }
        ProcessRun base = run(List.of("bash", ROOT.resolve("docker/cli-base/build.sh").toString()), 420);
        assertThat(base.code()).as("docker/cli-base/build.sh:\n%s", base.output()).isZero();
        assertThat(JAR).as("the CLI is packaged before this test").isRegularFile();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            version = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
        }
        // Built the way bin/ctkit-image builds it: from the shaded jar, whose class path differs
        // from this test's (a dependency conflict there once broke Jib in the jar only).
        ProcessRun build = run(List.of(java(), "-cp", JAR.toString(), "io.ctkit.image.internal.CliImageMain"), 300);
        assertThat(build.code()).as(build.output()).isZero();
        image = CliImageBuilder.reference(version);
        assertThat(build.output()).containsPattern("(?m)^" + Pattern.quote(image) + " sha256:[0-9a-f]{64}$");
    }

    @Test
    void refusesAnUnknownFlagWithExitTwoAndTheUsage() {
        ProcessRun bad = run(List.of(java(), "-cp", JAR.toString(), "io.ctkit.image.internal.CliImageMain", "--push"), 60);

        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.output()).contains("ctkit-image: unknown argument --push", "usage: bin/ctkit-image");
    }

    @Test
    void runsTheCliAsANonRootUserInTheWorkspace() {
        ProcessRun config = run(List.of("docker", "image", "inspect", "-f",
                "{{.Config.User}}|{{.Config.WorkingDir}}|{{json .Config.Entrypoint}}", image), 60);
        assertThat(config.output().strip())
                .isEqualTo("10001:10001|/workspace|[\"/usr/local/bin/ctkit\"]");

        ProcessRun versionOut = run(List.of("docker", "run", "--rm", image, "--version"), 120);
        assertThat(versionOut.code()).as(versionOut.output()).isZero();
        assertThat(versionOut.output()).contains(version);

        ProcessRun shell = run(List.of("docker", "run", "--rm", "--entrypoint", "sh", image,
                "-c", "set -eu; id -u; pwd"), 60);
        assertThat(shell.output()).as("Tekton runs a Task's script with /bin/sh").isEqualTo("10001\n/workspace\n");
    }

    @Test
    void trainsEvaluatesGatesAndRegistersTheExampleFromAScriptAsAnyUser(@TempDir Path dir) throws IOException {
        Path project = Files.createDirectory(dir.resolve("marketing-forecast"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(project, PosixFilePermissions.fromString("rwxrwxrwx"));
        // The example's test stage runs its Maven test project, and the CLI image has no build tool
        // (a Tekton test Task runs in a Maven image): this copy leaves the test: section out.
        // MarketingForecastExampleIT runs the example with its tests.
        Files.writeString(project.resolve("ctkit.yaml"), withoutTestSection(
                Files.readString(ROOT.resolve("examples/marketing-forecast/ctkit.yaml"))));

        // As a Tekton step or Jenkins' inside runs it: a script calling `ctkit`, as a uid the image
        // does not know (no home); the project directory is world-writable.
        ProcessRun run = run(List.of("docker", "run", "--rm", "-v", project + ":/workspace/source",
                "--user", "4242:0", "--entrypoint", "sh", image, "-c", "set -eu; cd /workspace/source; ctkit run ."), 420);

        assertThat(run.code()).as(run.output()).isZero();
        assertThat(run.output()).contains("registered marketing-forecast version 1");
        assertThat(run.output()).as("the console is UTF-8 (the C.UTF-8 locale is in the image)")
                .containsPattern("PASS  r2 = [0-9.]+ \\(95% CI [0-9.]+\u2013[0-9.]+\\)");
        try (var files = Files.walk(project.resolve(".ctkit/runs"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("the plots are drawn, with their labels, in the headless image")
                    .contains("residuals.png", "predicted_vs_actual.png", "model.json");
        }
    }

    /**
     * The Tekton Tasks' scripts, as written in tekton/, run in this image in the Pipeline's order on a
     * copy of the example ({@link TektonTaskRun}: params as env, defaults where the Pipeline passes
     * none, the workspaces bind-mounted, a results directory per TaskRun), and then the monitor Task
     * on the log of the model served with drifted traffic and its true revenue as feedback.
     * Overridden params: {@code label} (as the Pipeline passes it); the test Task's {@code command},
     * since the image has no Maven (docs/tekton.md); package's {@code base-image}, since no registry
     * is reachable here; deploy's {@code target} {@code local}, since there is no cluster.
     */
    @Test
    void theTektonTasksScriptsRunThePipelineOnTheExampleAndMonitorItsServing(@TempDir Path dir) throws Exception {
        Path ws = dir.resolve("ws");
        Path source = Files.createDirectories(ws.resolve("source"));
        Files.createDirectories(ws.resolve("registry"));
        Files.copy(ROOT.resolve("examples/marketing-forecast/ctkit.yaml"), source.resolve("ctkit.yaml"));
        // The standalone verbs read the schema and the gate policy from files (docs/tekton.md).
        var yaml = new ObjectMapper(new YAMLFactory());
        var config = yaml.readTree(source.resolve("ctkit.yaml").toFile());
        yaml.writeValue(source.resolve("schema.yaml").toFile(), config.path("data").path("schema"));
        yaml.writeValue(source.resolve("gate.yaml").toFile(), config.path("gate"));
        // package's base image, from no registry: a docker save tar in the workspace (Jib reads it, no daemon)
        ProcessRun save = run(List.of("docker", "save", "-o", source.resolve("jre.tar").toString(), "ctkit/jre:17"), 120);
        assertThat(save.code()).as(save.output()).isZero();
        openToAnyUser(ws);
        Path out = source.resolve(".ctkit/tekton");

        // train first: it generates the example's data (data.generate), which validate-data reads; a
        // project whose data is in its source runs them in the Pipeline's order.
        String trained = task(dir, "train", Map.of());
        String digest = result(dir, "train", "bundle-digest");
        assertThat(digest).matches("sha256:[0-9a-f]{64}");
        assertThat(trained).contains("(" + digest + ")");
        assertThat(result(dir, "train", "MODEL_ARTIFACT_OUTPUTS")).isEqualTo("{\"uri\":\"file:///workspace"
                + "/source/.ctkit/tekton/train/model\",\"digest\":\"" + digest + "\",\"isBuildArtifact\":\"true\"}");
        assertThat(task(dir, "validate-data", Map.of())).contains("validation passed");
        task(dir, "evaluate", Map.of("label", "revenue"));

        // The test command runs in the project with CTKIT_MODEL exported; a failing one fails the Task.
        String tests = "mkdir -p target/model-tests && ctkit verify --model \"$CTKIT_MODEL\" --out target/model-tests/verify.json"
                + " && printf '<testsuite name=\"bundle\" tests=\"1\"><testcase name=\"verifies\"/></testsuite>'"
                + " > target/model-tests/TEST-bundle.xml";
        ProcessRun failing = run(TektonTaskRun.load(ROOT, "test").command(image, ws, results(dir, "test-failing"),
                Map.of("command", "exit 3")), 60);
        assertThat(failing.code()).as(failing.output()).isEqualTo(3);
        task(dir, "test", Map.of("command", tests, "junit-dir", "target/model-tests"));
        assertThat(out.resolve("tests/TEST-bundle.xml")).content().contains("<testcase name=\"verifies\"/>");
        assertThat(yaml.readTree(out.resolve("tests/verify.json").toFile()).path("digest").asText())
                .as("CTKIT_MODEL is the trained bundle").isEqualTo(digest);

        task(dir, "gate", Map.of("label", "revenue"));
        assertThat(result(dir, "gate", "decision")).isEqualTo("pass");
        assertThat(task(dir, "register", Map.of())).contains("registered marketing-forecast:1  " + digest);
        String version = result(dir, "register", "version");
        assertThat(version).isEqualTo("1");
        assertThat(ws.resolve("registry/registry")).isDirectory();

        task(dir, "package", Map.of("model-version", version, "base-image", "tar:///workspace/source/jre.tar"));
        assertThePackagedImage(dir, out, digest);

        String deployed = task(dir, "deploy", Map.of("model-ref", "marketing-forecast:" + version, "target", "local"));
        assertThat(deployed).containsPattern("deployed marketing-forecast:1 \\(" + digest + "\\) to .*; [1-9][0-9]* golden rows agree");
        assertThat(yaml.readTree(out.resolve("deploy.json").toFile()).toString()).contains(digest);

        ServedTraffic.serveDriftedDaysWithFeedback(image, ws, 60);
        String monitored = task(dir, "monitor", Map.of("log-dir", ".ctkit/serving/logs", "model-ref", "marketing-forecast:1"));
        assertThat(result(dir, "monitor", "decision")).as(monitored).isEqualTo("retrain");
        assertThat(monitored).contains("recorded against marketing-forecast:1");
        assertThat(yaml.readTree(out.resolve("monitor.json").toFile()).path("decision").asText()).isEqualTo("retrain");
        // bad input (exit 2) fails the Task instead of becoming a decision
        ProcessRun bad = run(TektonTaskRun.load(ROOT, "monitor").command(image, ws, results(dir, "monitor-bad"),
                Map.of("log-dir", "no-such-logs", "model-ref", "marketing-forecast:1")), 120);
        assertThat(bad.code()).as(bad.output()).isEqualTo(2);
        assertThat(bad.output()).contains("no-such-logs: prediction log directory does not exist");
        assertThat(dir.resolve("results/monitor-bad/decision")).doesNotExist();
    }

    /** The Task's run on the workspaces dir/ws, with dir/results/STEP as its results; its output. */
    private String task(Path dir, String step, Map<String, String> params) throws IOException {
        TektonTaskRun task = TektonTaskRun.load(ROOT, step);
        long start = System.nanoTime();
        ProcessRun r = run(task.command(image, dir.resolve("ws"), results(dir, step), params), 300);
        // CI's time budget: the log shows what each Task's container took
        System.out.printf(Locale.ROOT, "Task %s: exit %d in %.1f s%n", task.name(), r.code(),
                (System.nanoTime() - start) / 1e9);
        assertThat(r.code()).as("Task %s:\n%s", task.name(), r.output()).isZero();
        return r.output();
    }

    private static Path results(Path dir, String step) throws IOException {
        Path results = Files.createDirectories(dir.resolve("results").resolve(step));
        Files.setPosixFilePermissions(results, PosixFilePermissions.fromString("rwxrwxrwx"));
        return results;
    }

    private static String result(Path dir, String step, String name) throws IOException {
        return Files.readString(dir.resolve("results").resolve(step).resolve(name), StandardCharsets.UTF_8);
    }

    /** The package Task's results name the tar's image, which docker loads with the bundle's labels. */
    private void assertThePackagedImage(Path dir, Path out, String bundleDigest) throws IOException {
        String imageDigest = result(dir, "package", "image-digest");
        assertThat(imageDigest).matches("sha256:[0-9a-f]{64}").isEqualTo(result(dir, "package", "IMAGE_DIGEST"));
        assertThat(Files.readString(out.resolve("package.json"))).contains("\"digest\" : \"" + imageDigest + "\"");
        assertThat(result(dir, "package", "IMAGE_URL")).isEqualTo("ctkit-model:1");
        ProcessRun load = run(List.of("docker", "load", "-i", out.resolve("image.tar").toString()), 120);
        assertThat(load.code()).as(load.output()).isZero();
        try {
            assertThat(load.output()).contains("Loaded image: ctkit-model:1");
            ProcessRun labels = run(List.of("docker", "image", "inspect", "-f", "{{index .Config.Labels \"io.ctkit.model.digest\"}}|"
                    + "{{index .Config.Labels \"io.ctkit.model.version\"}}", "ctkit-model:1"), 60);
            assertThat(labels.output().strip()).as("the image serves the bundle").isEqualTo(bundleDigest + "|1");
        } finally {
            run(List.of("docker", "rmi", "ctkit-model:1"), 60);
        }
    }

    private static void openToAnyUser(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            for (Path p : files.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxrwxrwx" : "rw-rw-rw-"));
            }
        }
    }

    private static ProcessRun run(List<String> command, int timeoutSeconds) {
        return ProcessRun.of(command, timeoutSeconds);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker/cli-base/build.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no docker/cli-base/build.sh above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }


    /** The file without its top-level {@code test:} section (the section and its indented lines). */
    static String withoutTestSection(String yaml) {
        StringBuilder out = new StringBuilder();
        boolean inTest = false;
        for (String line : yaml.split("\n", -1)) {
            if (line.startsWith("test:")) {
                inTest = true;
                continue;
            }
            if (inTest && (line.startsWith(" ") || line.isEmpty())) {
                continue;
            }
            inTest = false;
            out.append(line).append('\n');
        }
        assertThat(out.toString()).doesNotContain("\ntest:").contains("\ngate:");
        return out.toString();
    }
}
