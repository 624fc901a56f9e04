package io.ctkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a machine without a Docker engine, DOCKER mode fails with a message saying what to do (never a
 * skip), and AUTO serves the bundle in the JVM and says so. The machine is simulated for a child JVM:
 * its own mount namespace hides /run (the Docker socket) and DOCKER_HOST names a socket that does not
 * exist, so Testcontainers' discovery finds no engine at all.
 */
class ScoringContainerWithoutDockerTest {

    @BeforeAll
    static void writeFixtures() {
        ServingFixtures.write();
    }

    @ScoringContainerTest(model = ServingFixtures.V1, mode = ScoringContainerTest.Mode.DOCKER)
    static class DockerModeTestCases {
        @Test
        void servesWhatTheBundleComputes(ScoringEndpoint endpoint) {
            endpoint.assertParity(Path.of(ServingFixtures.DATA));
        }
    }

    @ScoringContainerTest(model = ServingFixtures.V1_TAR, mode = ScoringContainerTest.Mode.AUTO)
    static class AutoModeTestCases {
        @Test
        void servesWhatTheBundleComputes(ScoringEndpoint endpoint) {
            assertThat(endpoint.mode()).isEqualTo(ScoringContainerTest.Mode.LOCAL);
            endpoint.assertParity(Path.of(ServingFixtures.DATA));
            endpoint.assertProtocolContract();
        }
    }

    @Test
    void dockerModeFailsSayingWhatToDoAndAutoFallsBackToTheLocalServer() throws IOException, InterruptedException {
        String output = runWithoutDocker(DockerModeTestCases.class, AutoModeTestCases.class);

        assertThat(EngineRun.lines(output, "FAILED ")).as(output).containsExactly("servesWhatTheBundleComputes(ScoringEndpoint):"
                + " @ScoringContainerTest on DockerModeTestCases: no Docker engine answers (mode DOCKER, from"
                + " @ScoringContainerTest(mode = DOCKER)); start Docker (Testcontainers looks at DOCKER_HOST, then"
                + " /var/run/docker.sock), or set -Dctkit.serving.mode=local (or auto) to test the model with a scoring"
                + " server in this JVM");
        assertThat(EngineRun.lines(output, "SUCCEEDED ")).as(output).containsExactly("servesWhatTheBundleComputes(ScoringEndpoint)");
        assertThat(EngineRun.lines(output, "ENTRY " + ScoringContainerTest.MODE_REPORT_KEY + "=")).singleElement().asString()
                .startsWith("LOCAL: local scoring server on ").endsWith(" (AUTO chose it)");
    }

    private static String runWithoutDocker(Class<?>... testCases) throws IOException, InterruptedException {
        Path output = Files.createTempFile("ctkit-without-docker-", ".log");
        Path home = Files.createTempDirectory("ctkit-home-");
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String hideRun = "mount -t tmpfs none /run && mount -t tmpfs none /var/run 2>/dev/null; exec \"$0\" \"$@\"";
            List<String> args = new java.util.ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh",
                    "-c", hideRun, java, "-Xmx512m", "-Duser.home=" + home,
                    "-cp", System.getProperty("java.class.path"), EngineRun.class.getName()));
            for (Class<?> c : testCases) {
                args.add(c.getName());
            }
            ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(output.toFile())
                    .directory(new File(System.getProperty("user.dir")));
            builder.environment().put("DOCKER_HOST", "unix:///nonexistent/docker.sock");
            builder.environment().remove(ScoringContainerTest.MODE_ENVIRONMENT);
            Process process = builder.start();
            try {
                assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the child JVM finished within 120 s").isTrue();
            } finally {
                process.destroyForcibly();
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("the child JVM (unshare needs root, as CI has):%n%s", text).isZero();
            return text;
        } finally {
            Files.deleteIfExists(output);
            io.ctkit.files.FileTrees.delete(home);
        }
    }
}
