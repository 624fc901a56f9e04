package io.ctkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.ctkit.project.PipelineFile;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.RegistryConfig;
import io.ctkit.train.TestProjects;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test stage in a real run: the project's test command sees the candidate bundle and the
 * registry, a failing model test stops the promotion at the gate naming the test and why, and a
 * passing run registers the JUnit XML as the version's test evidence.
 */
class TestStageTest {

    @TempDir
    Path tmp;

    /** Stands in for `mvn verify` of a test-kit project: writes what a failing or passing test run writes. */
    static final String TESTS = """
            mkdir -p target/surefire-reports
            test -f "$CTKIT_MODEL/model.json" || { echo "CTKIT_MODEL is not a bundle: $CTKIT_MODEL"; exit 3; }
            echo "$CTKIT_MODEL" > seen-model.txt
            echo "$CTKIT_REGISTRY" > seen-registry.txt
            if [ -f fail ]; then
              cat > target/surefire-reports/TEST-io.acme.QualityTest.xml <<XML
            <testsuite name="io.acme.QualityTest" tests="2" failures="1">
              <testcase classname="io.acme.QualityTest" name="isAccurateOverall"/>
              <testcase classname="io.acme.QualityTest" name="isAccurateOnVideo">
                <failure message="expected the lower 95% bound of accuracy on slice channel=video to be at least 0.99, but it was 0.61" type="java.lang.AssertionError">trace</failure>
              </testcase>
            </testsuite>
            XML
              exit 1
            fi
            cat > target/surefire-reports/TEST-io.acme.QualityTest.xml <<XML
            <testsuite name="io.acme.QualityTest" tests="2"><testcase classname="io.acme.QualityTest" name="isAccurateOverall"/><testcase classname="io.acme.QualityTest" name="isAccurateOnVideo"/></testsuite>
            XML
            """;

    private PipelineRun.Outcome run(Path dir, String id, StringWriter out) throws Exception {
        return PipelineRun.standard().run(PipelineFile.load(dir), dir.resolve(".ctkit/runs/" + id), id,
                new PrintWriter(out, true), false);
    }

    @Test
    void aFailingModelTestStopsThePromotionAndAPassingOneBecomesEvidence() throws Exception {
        Path dir = TestProjects.binary(tmp.resolve("p"), 200, "epochs: 5\nlearning_rate: 0.05\n", false);
        Files.writeString(dir.resolve("tests.sh"), TESTS);
        Files.writeString(dir.resolve("ctkit.yaml"), Files.readString(dir.resolve("ctkit.yaml"))
                + "test:\n  command: [sh, tests.sh]\n  timeout: 2m\n");
        Files.writeString(dir.resolve("fail"), "");

        StringWriter failing = new StringWriter();
        PipelineRun.Outcome first = run(dir, "r1", failing);

        String out = failing.toString();
        assertSoftly(softly -> {
            softly.assertThat(first.passed()).as(out).isFalse();
            softly.assertThat(first.failedStage()).isEqualTo("gate");
            softly.assertThat(out).contains("[4/6] test passed in").contains(
                    "FAILED QualityTest.isAccurateOnVideo: expected the lower 95% bound of accuracy on slice"
                            + " channel=video to be at least 0.99, but it was 0.61");
            softly.assertThat(out).contains("[5/6] gate FAILED").contains("run FAILED at gate in ")
                    .contains("(1 of 2 checks failed, first: tests: 2 tests")
                    .contains("first: tests: 2 tests: 1 passed, 1 failed, 0 errors, 0 skipped;"
                            + " QualityTest.isAccurateOnVideo failed: expected the lower 95% bound");
        });
        assertThat(Files.readString(dir.resolve("seen-model.txt")).strip())
                .isEqualTo(dir.resolve(".ctkit/runs/r1/train/model").toAbsolutePath().normalize().toString());
        assertThat(Files.readString(dir.resolve("seen-registry.txt")).strip())
                .isEqualTo(dir.resolve(".ctkit/registry").toAbsolutePath().normalize().toString());
        try (ModelRegistry registry = ModelRegistry.open(RegistryConfig.forProject(dir))) {
            assertThat(registry.models()).as("nothing promoted, nothing registered").isEmpty();
        }

        Files.delete(dir.resolve("fail"));
        StringWriter passing = new StringWriter();
        PipelineRun.Outcome second = run(dir, "r2", passing);

        assertThat(second.passed()).as(passing.toString()).isTrue();
        assertThat(passing.toString()).contains("PASS  tests: 2 tests: 2 passed, 0 failed, 0 errors, 0 skipped");
        try (ModelRegistry registry = ModelRegistry.open(RegistryConfig.forProject(dir))) {
            assertThat(registry.reports("tiny-binary", 1)).anySatisfy(r -> {
                assertThat(r.kind()).isEqualTo("tests");
                assertThat(r.name()).isEqualTo("TEST-io.acme.QualityTest.xml");
                assertThat(r.summary()).contains("\"tests\":2").contains("\"passed\":true");
            });
        }
    }
}
