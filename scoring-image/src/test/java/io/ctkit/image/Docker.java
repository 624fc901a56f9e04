package io.ctkit.image;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Access to the real Docker engine for tests. Where no engine answers, the tests are skipped on a
 * developer's machine but FAIL in CI (environment CI set), so that CI never passes by skipping them.
 */
public final class Docker {

    public static final String BASE_IMAGE = "ctkit/jre:17";

    private static volatile boolean baseReady;

    private Docker() {}

    /** Ensures an engine answers and the local base image exists (building it when absent). */
    public static synchronized void requireEngineAndBaseImage() {
        Result info = run(List.of("docker", "info", "--format", "{{.ServerVersion}}"), 30);
        if (info.code != 0) {
            String why = "no Docker engine answers (docker info: " + info.output.strip() + ")";
            if (System.getenv("CI") != null) {
                fail(why + "; CI must run the Docker tests: .ci/docker-up.sh starts an engine");
            }
            Assumptions.abort(why + "; start one with .ci/docker-up.sh to run this test");
        }
        if (!baseReady) {
            Path script = projectRoot().resolve("docker/jre-base/build.sh");
            Result build = run(List.of("bash", script.toString()), 600);
            if (build.code != 0) {
                fail("building the base image failed:\n" + build.output);
            }
            baseReady = true;
        }
    }

    /**
     * Runs a docker (or other) command, returning its exit code and combined output. The output goes
     * to a file, not a pipe: reading a pipe blocks until the command ends, so a command that hangs
     * (an engine that does not answer) would never reach the deadline.
     */
    public static Result run(List<String> command, int timeoutSeconds) {
        Path output = null;
        Process p = null;
        try {
            output = Files.createTempFile("ctkit-docker-", ".log");
            p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                return new Result(-1, "timed out after " + timeoutSeconds + " s: " + command + "\n" + read(output));
            }
            return new Result(p.exitValue(), read(output));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            // JUnit's timeout interrupts a test that runs too long: the command must not outlive it
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

    private static String read(Path output) throws IOException {
        return new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
    }

    /** The repository root: the parent of the module directory tests run in. */
    public static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !dir.resolve("docker/jre-base/build.sh").toFile().exists()) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the project root (docker/jre-base/build.sh) above "
                    + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    public record Result(int code, String output) {}
}
