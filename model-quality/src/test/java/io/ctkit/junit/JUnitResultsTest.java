package io.ctkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JUnitResultsTest {

    /** As Surefire 3.5 writes it, with a flaky test that passed on its rerun. */
    static final String SUREFIRE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="io.acme.ForecastQualityTest" time="2.5" tests="5" errors="1" skipped="1" failures="1">
              <properties><property name="java.version" value="17"/></properties>
              <testcase name="isAccurateOverall(ModelEvaluation)" classname="io.acme.ForecastQualityTest" time="1.2"/>
              <testcase name="isAccurateOnVideo(ModelEvaluation)" classname="io.acme.ForecastQualityTest" time="0.1">
                <failure message="expected the lower 95% bound of r2 on slice channel=video to be at least 0.70, but it was 0.69" type="java.lang.AssertionError"><![CDATA[java.lang.AssertionError: expected ...
                at io.acme.ForecastQualityTest.isAccurateOnVideo(ForecastQualityTest.java:20)]]></failure>
              </testcase>
              <testcase name="readsTheChampion" classname="io.acme.ForecastQualityTest" time="0.3">
                <error type="java.io.IOException"><![CDATA[java.io.IOException: no registry at /tmp/r
                at x]]></error>
              </testcase>
              <testcase name="slow" classname="io.acme.ForecastQualityTest" time="0"><skipped message="disabled"/></testcase>
              <testcase name="flaky" classname="io.acme.ForecastQualityTest" time="0.2">
                <flakyFailure message="timeout" type="java.lang.AssertionError"/>
              </testcase>
            </testsuite>
            """;

    @Test
    void readsEveryCaseWithItsStatusAndWhy(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("TEST-io.acme.ForecastQualityTest.xml"), SUREFIRE, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("notes.txt"), "not a report");

        JUnitResults results = JUnitResults.read(dir);

        assertThat(results.files()).containsExactly(dir.resolve("TEST-io.acme.ForecastQualityTest.xml"));
        assertThat(results.cases()).extracting(TestOutcome::status).containsExactly(TestOutcome.Status.PASSED,
                TestOutcome.Status.FAILED, TestOutcome.Status.ERROR, TestOutcome.Status.SKIPPED,
                TestOutcome.Status.PASSED);
        assertThat(results.problems()).extracting(TestOutcome::displayName, TestOutcome::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ForecastQualityTest.isAccurateOnVideo(ModelEvaluation)",
                        "expected the lower 95% bound of r2 on slice channel=video to be at least 0.70, but it was 0.69"),
                org.assertj.core.groups.Tuple.tuple("ForecastQualityTest.readsTheChampion",
                        "java.io.IOException: no registry at /tmp/r"));
        assertThat(results.passed()).isFalse();
        assertThat(results.summary()).isEqualTo("5 tests: 2 passed, 1 failed, 1 error, 1 skipped");
        assertThat(results.cases().get(0).seconds()).isEqualTo(1.2);
    }

    @Test
    void onlySkippedTestsAreNotAPass() throws IOException {
        JUnitResults r = new JUnitResults(JUnitResults.parse(
                "<testsuites><testsuite><testcase classname='A' name='b'><skipped/></testcase></testsuite></testsuites>"
                        .getBytes(StandardCharsets.UTF_8), "r.xml"), java.util.List.of());
        assertThat(r.problems()).isEmpty();
        assertThat(r.passed()).isFalse();
    }

    @Test
    void refusesWhatIsNotAReportNamingTheFile(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> JUnitResults.parse("<html/>".getBytes(StandardCharsets.UTF_8), "x.xml"))
                .hasMessage("x.xml: a JUnit XML report has <testsuite> or <testsuites> at its root, not <html>");
        assertThatThrownBy(() -> JUnitResults.parse(("<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY e SYSTEM"
                + " \"file:///etc/passwd\">]><testsuite><testcase name=\"&e;\"/></testsuite>")
                .getBytes(StandardCharsets.UTF_8), "evil.xml")).hasMessageStartingWith(
                        "evil.xml: is not a readable JUnit XML report");
        assertThatThrownBy(() -> JUnitResults.parse("<testsuite><testcase/></testsuite>"
                .getBytes(StandardCharsets.UTF_8), "y.xml")).hasMessage("y.xml: a <testcase> has no name attribute");
        assertThatThrownBy(() -> JUnitResults.read(dir.resolve("missing")))
                .hasMessage(dir.resolve("missing") + ": no such JUnit XML report or directory of reports");
    }
}
