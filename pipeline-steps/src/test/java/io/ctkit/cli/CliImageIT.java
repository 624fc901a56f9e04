package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.ctkit.image.CliImageBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
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
        Result info = run(List.of("docker", "info", "--format", "{{.ServerVersion}}"), 30);
        if (info.code() != 0) {
            String why = "no Docker engine answers (docker info: " + info.output().strip() + ")";
            if (System.getenv("CI") != null) {
                fail(why + "; CI must run the Docker tests: .ci/docker-up.sh starts an engine");
            }
            Assumptions.abort(why + "; start one with .ci/docker-up.sh to run this test");
        }
        Result base = run(List.of("bash", ROOT.resolve("docker/cli-base/build.sh").toString()), 420);
        assertThat(base.code()).as("docker/cli-base/build.sh:\n%s", base.output()).isZero();
        assertThat(JAR).as("the CLI is packaged before this test").isRegularFile();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            version = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
        }
        // Built the way bin/ctkit-image builds it: from the shaded jar, whose class path differs
        // from this test's (a dependency conflict there once broke Jib in the jar only).
        Result build = run(List.of(java(), "-cp", JAR.toString(), "io.ctkit.image.internal.CliImageMain"), 300);
        assertThat(build.code()).as(build.output()).isZero();
        image = CliImageBuilder.reference(version);
        assertThat(build.output()).containsPattern("(?m)^" + Pattern.quote(image) + " sha256:[0-9a-f]{64}$");
    }

    @Test
    void refusesAnUnknownFlagWithExitTwoAndTheUsage() {
        Result bad = run(List.of(java(), "-cp", JAR.toString(), "io.ctkit.image.internal.CliImageMain", "--push"), 60);

        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.output()).contains("ctkit-image: unknown argument --push", "usage: bin/ctkit-image");
    }

    @Test
    void runsTheCliAsANonRootUserInTheWorkspace() {
        Result config = run(List.of("docker", "image", "inspect", "-f",
                "{{.Config.User}}|{{.Config.WorkingDir}}|{{json .Config.Entrypoint}}", image), 60);
        assertThat(config.output().strip())
                .isEqualTo("10001:10001|/workspace|[\"/usr/local/bin/ctkit\"]");

        Result versionOut = run(List.of("docker", "run", "--rm", image, "--version"), 120);
        assertThat(versionOut.code()).as(versionOut.output()).isZero();
        assertThat(versionOut.output()).contains(version);

        Result shell = run(List.of("docker", "run", "--rm", "--entrypoint", "sh", image,
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
        Result run = run(List.of("docker", "run", "--rm", "-v", project + ":/workspace/source",
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
     * copy of the example, with each Task's params (defaults, and the Pipeline's label) set as env
     * the way Tekton sets them, $(workspaces.x.path) and $(results.x.path) substituted as Tekton
     * does, and a results directory shared like /tekton/results. The test Task needs Maven, which
     * the image lacks (docs/tekton.md), so it is not run here.
     */
    @Test
    void theTektonTasksScriptsValidateTrainEvaluateGateAndRegisterTheExample(@TempDir Path dir) throws IOException {
        Path ws = dir.resolve("ws");
        Path source = Files.createDirectories(ws.resolve("source"));
        Path results = Files.createDirectories(ws.resolve("results"));
        Files.createDirectories(ws.resolve("registry"));
        Files.copy(ROOT.resolve("examples/marketing-forecast/ctkit.yaml"), source.resolve("ctkit.yaml"));
        // The standalone verbs read the schema and the gate policy from files (docs/tekton.md).
        var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        var config = yaml.readTree(source.resolve("ctkit.yaml").toFile());
        yaml.writeValue(source.resolve("schema.yaml").toFile(), config.path("data").path("schema"));
        yaml.writeValue(source.resolve("gate.yaml").toFile(), config.path("gate"));
        try (var files = Files.walk(ws)) {
            for (Path p : files.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxrwxrwx" : "rw-rw-rw-"));
            }
        }
        List<String> outputs = new ArrayList<>();
        // train first: it generates the example's data (data.generate), which validate-data reads; a
        // project whose data is in its source runs them in the Pipeline's order.
        for (String step : List.of("train", "validate-data", "evaluate", "gate", "register")) {
            Path file = ROOT.resolve("tekton/task/ctkit-" + step + "/0.1/ctkit-" + step + ".yaml");
            io.fabric8.tekton.v1.Task task = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                    Files.readString(file), io.fabric8.tekton.v1.Task.class);
            var container = task.getSpec().getSteps().get(0);
            List<String> command = new ArrayList<>(List.of("docker", "run", "--rm", "--user", "10001",
                    "-v", ws + ":/workspace", "-v", results + ":/tekton/results", "--entrypoint", "sh"));
            for (var env : container.getEnv()) {
                String value = env.getValue().replace("$(workspaces.source.path)", "/workspace/source")
                        .replace("$(workspaces.registry.path)", "/workspace/registry");
                for (var param : task.getSpec().getParams()) {
                    String given = param.getName().equals("label") ? "revenue" : param.getDefault().getStringVal();
                    value = value.replace("$(params." + param.getName() + ")", given);
                }
                command.addAll(List.of("-e", env.getName() + "=" + value));
            }
            String script = container.getScript().replaceAll("\\$\\(results\\.([A-Za-z0-9_-]+)\\.path\\)",
                    "/tekton/results/$1");
            command.addAll(List.of(image, "-c", script));
            Result r = run(command, 300);
            assertThat(r.code()).as("Task ctkit-%s:\n%s", step, r.output()).isZero();
            outputs.add(r.output());
        }

        String digest = Files.readString(results.resolve("bundle-digest"));
        assertThat(digest).matches("sha256:[0-9a-f]{64}");
        assertThat(outputs.get(0)).contains("(" + digest + ")");
        assertThat(outputs.get(1)).contains("validation passed");
        assertThat(Files.readString(results.resolve("MODEL_ARTIFACT_OUTPUTS"))).isEqualTo("{\"uri\":\"file:///workspace"
                + "/source/.ctkit/tekton/train/model\",\"digest\":\"" + digest + "\",\"isBuildArtifact\":\"true\"}");
        assertThat(Files.readString(results.resolve("decision"))).isEqualTo("pass");
        assertThat(outputs.get(4)).contains("registered marketing-forecast:1  " + digest);
        assertThat(Files.readString(results.resolve("version"))).isEqualTo("1");
        assertThat(ws.resolve("registry/registry")).isDirectory();
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

    /** Output goes to a file, not a pipe, so that a command that hangs still meets the deadline. */
    private static Result run(List<String> command, int timeoutSeconds) {
        Path output = null;
        Process p = null;
        try {
            output = Files.createTempFile("ctkit-cli-image-", ".log");
            p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                return new Result(-1, "timed out after " + timeoutSeconds + " s: " + command + "\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    private record Result(int code, String output) {}

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
