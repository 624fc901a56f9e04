package io.ctkit.tekton;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test Task's script, run by /bin/sh as in its step: the command runs in the project with
 * CTKIT_MODEL set, its JUnit XML is copied to .ctkit/tekton/tests, and a home the image's user
 * cannot write (an image made for root, run as uid 10001) becomes /tmp, where build tools write.
 */
class TestTaskScriptTest {

    @TempDir
    Path tmp;

    @Test
    void aHomeThatCannotBeWrittenBecomesTmpAndTheReportsAreCopied() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("source/p"));

        String output = run(project, tmp.resolve("no-such-home").toString());

        assertThat(Files.readString(project.resolve("home.txt")).strip()).as(output).isEqualTo("/tmp");
        assertThat(Files.readString(project.resolve("model.txt")).strip())
                .isEqualTo(project + "/.ctkit/tekton/train/model");
        assertThat(project.resolve(".ctkit/tekton/tests/TEST-quality.xml")).content().isEqualTo("<testsuite/>\n");
    }

    @Test
    void aWritableHomeIsKept() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("source/p"));
        Path home = Files.createDirectories(tmp.resolve("home"));

        String output = run(project, home.toString());

        assertThat(Files.readString(project.resolve("home.txt")).strip()).as(output).isEqualTo(home.toString());
    }

    private String run(Path project, String home) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", CatalogTasks.script("test")).directory(tmp.toFile());
        Map<String, String> env = pb.environment();
        env.put("HOME", home);
        env.put("SOURCE", tmp.resolve("source").toString());
        env.put("PROJECT_DIR", "p");
        env.put("REGISTRY_DIR", tmp.resolve("registry").toString());
        env.put("TEST_COMMAND", "echo \"$HOME\" > home.txt; echo \"$CTKIT_MODEL\" > model.txt;"
                + " mkdir -p target/reports; echo '<testsuite/>' > target/reports/TEST-quality.xml");
        env.put("JUNIT_DIR", "target/reports");
        ScriptRun run = ScriptRun.of(pb, tmp.resolve("script.log"), 60);
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run.output();
    }
}
