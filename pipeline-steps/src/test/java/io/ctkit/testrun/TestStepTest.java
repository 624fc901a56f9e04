package io.ctkit.testrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctkit.config.ConfigException;
import io.ctkit.project.PipelineFile;
import io.ctkit.registry.RegistryConfig;
import io.ctkit.train.TestProjects;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test step runs a real process: a shell script standing in for a project's build. */
class TestStepTest {

    @TempDir
    Path tmp;

    static final String PASSING = """
            mkdir -p target/surefire-reports
            echo "model=$CTKIT_MODEL registry=$CTKIT_REGISTRY extra=$EXTRA"
            cat > target/surefire-reports/TEST-QualityTest.xml <<XML
            <testsuite name="QualityTest" tests="1"><testcase classname="io.acme.QualityTest" name="overall"/></testsuite>
            XML
            """;

    private TestStep.Request request(String script) throws Exception {
        Files.writeString(tmp.resolve("tests.sh"), script);
        return TestStep.Request.of(List.of("sh", "tests.sh"), tmp, tmp.resolve("model"));
    }

    @Test
    void passesTheModelAndTheRegistryAndCollectsTheReportsItWrote() throws Exception {
        StringWriter progress = new StringWriter();
        TestStep.Request request = request(PASSING).withRegistry(RegistryConfig.embedded(tmp.resolve("reg")));
        request = new TestStep.Request(request.command(), request.directory(), request.reports(), request.timeout(),
                java.util.Map.of("EXTRA", "x"), request.model(), request.registry());

        TestStep.Result r = TestStep.run(request, tmp.resolve("out"), new PrintWriter(progress, true));

        assertThat(r.passed()).isTrue();
        assertThat(progress.toString()).isEqualTo("model=" + tmp.resolve("model") + " registry=" + tmp.resolve("reg")
                + " extra=x\n");
        assertThat(Files.readString(r.log())).isEqualTo(progress.toString());
        assertThat(r.results().files()).containsExactly(tmp.resolve("out/junit/TEST-QualityTest.xml"));
        assertThat(r.results().summary()).isEqualTo("1 test: 1 passed, 0 failed, 0 errors, 0 skipped");
    }

    @Test
    void reportsFromAnEarlierBuildDoNotCount() throws Exception {
        Path old = tmp.resolve("target/surefire-reports/TEST-Old.xml");
        Files.createDirectories(old.getParent());
        Files.writeString(old, "<testsuite><testcase classname='Old' name='stale'/></testsuite>");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600)));

        assertThatThrownBy(() -> TestStep.run(request("exit 0\n"), tmp.resolve("out"), null))
                .hasMessage("the test command exited 0 and wrote no JUnit XML report under "
                        + tmp.resolve("target/surefire-reports") + " or " + tmp.resolve("target/failsafe-reports")
                        + "; set test.reports to where it writes them");
    }

    @Test
    void aCommandThatRunsTooLongIsStoppedWithItsChildren() throws Exception {
        Path pid = tmp.resolve("child.pid");
        TestStep.Request request = request("sleep 30 &\necho $! > " + pid + "\nwait\n")
                .withTimeout(Duration.ofMillis(700));

        assertThatThrownBy(() -> TestStep.run(request, tmp.resolve("out"), null))
                .hasMessageStartingWith("the test command did not finish within 0 s and was stopped (test.timeout)");
        // the command's own child (a build's forked test JVM, say) is stopped with it
        ProcessHandle child = ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).orElse(null);
        if (child != null) {
            assertThatCode(() -> child.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS))
                    .as("the child was stopped with the command").doesNotThrowAnyException();
        }
    }

    @Test
    void aCommandThatCannotStartSaysSo() {
        TestStep.Request request = TestStep.Request.of(List.of("no-such-program-ctkit"), tmp, tmp.resolve("m"));
        assertThatThrownBy(() -> TestStep.run(request, tmp.resolve("out"), null))
                .hasMessageStartingWith("test.command: cannot run no-such-program-ctkit in " + tmp + ": ");
    }

    @Test
    void theSectionIsReadStrictly() throws Exception {
        Path dir = TestProjects.binary(tmp.resolve("p"), 30, "epochs: 1\n", false);
        String yaml = Files.readString(dir.resolve("ctkit.yaml"));

        Files.writeString(dir.resolve("ctkit.yaml"), yaml + "test:\n  command: mvn -B verify\n  timeout: 90s\n");
        TestSettings s = PipelineFile.load(dir).section(TestSettings.SECTION).orElseThrow();
        assertThat(s.command()).containsExactly("sh", "-c", "mvn -B verify");
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.reports()).containsExactly(dir.toAbsolutePath().resolve("target/surefire-reports"),
                dir.toAbsolutePath().resolve("target/failsafe-reports"));

        Files.writeString(dir.resolve("ctkit.yaml"), yaml + "test:\n  command: [mvn, verify]\n  timeout: 15\n");
        assertThatThrownBy(() -> PipelineFile.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.timeout: expected a duration such as 30s, 10m, 6h or 1d, got the number 15;"
                        + " add its unit");
        Files.writeString(dir.resolve("ctkit.yaml"), yaml + "test:\n  comand: [mvn, verify]\n");
        assertThatThrownBy(() -> PipelineFile.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("did you mean \"command\"");
        Files.writeString(dir.resolve("ctkit.yaml"), yaml + "test:\n  command: [mvn]\n  directory: nowhere\n");
        assertThatThrownBy(() -> PipelineFile.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.directory").hasMessageContaining("no such directory");
    }
}
