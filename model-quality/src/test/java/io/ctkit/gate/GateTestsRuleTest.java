package io.ctkit.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctkit.junit.JUnitResults;
import io.ctkit.junit.TestOutcome;
import io.ctkit.junit.TestOutcome.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateTestsRuleTest {

    static final int[] Y = Synthetic.labels(300, 4);
    static final double[] SCORES = Synthetic.scores(Y, 2.5, 5);

    static JUnitResults results(TestOutcome... cases) {
        return new JUnitResults(List.of(cases), List.of());
    }

    static TestOutcome test(String name, Status status, String message) {
        return new TestOutcome("io.acme.QualityTest", name, status, message, "", 0.1);
    }

    GateVerdict judge(String policy, JUnitResults tests) {
        GatePolicy p = GateTest.policy(policy);
        GateVerdict v = new Gate(p).judge(Synthetic.input(Y, SCORES, "challenger"), null);
        return GateStep.withTestsCheck(v, tests, p.tests());
    }

    @Test
    void aFailingModelTestFailsTheGateSayingWhichAndWhy() {
        GateVerdict v = judge("first_run: pass", results(test("overall", Status.PASSED, ""),
                test("video", Status.FAILED, "\nexpected r2 >= 0.7, but it was 0.69\n  at ...")));

        assertThat(v.passed()).isFalse();
        GateCheck c = v.failures().get(0);
        assertThat(c.kind()).isEqualTo(GateCheck.Kind.TESTS);
        assertThat(c.observed()).isEqualTo(1);
        assertThat(c.message()).isEqualTo("tests: 2 tests: 1 passed, 1 failed, 0 errors, 0 skipped;"
                + " QualityTest.video failed: expected r2 >= 0.7, but it was 0.69 (…)");
        // the verdict file keeps the check and reads back
        GateVerdict back = GateVerdict.parse(v.toJson().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "verdict.json");
        assertThat(back.failures()).singleElement().satisfies(f -> assertThat(f.kind()).isEqualTo(GateCheck.Kind.TESTS));
    }

    @Test
    void advisoryTestsAreReportedButDoNotFailTheGate() {
        GateVerdict v = judge("tests: advisory", results(test("video", Status.ERROR, "boom")));

        assertThat(v.passed()).isTrue();
        assertThat(v.checks()).last().satisfies(c -> {
            assertThat(c.passed()).isTrue();
            assertThat(c.message()).endsWith("QualityTest.video erred: boom (advisory: tests: advisory in the policy)");
        });
    }

    @Test
    void noTestThatRanIsNoPass() {
        GateVerdict v = judge("{}", results(test("slow", Status.SKIPPED, "disabled")));
        assertThat(v.passed()).isFalse();
        assertThat(v.failures().get(0).message()).contains("no test ran");
    }

    @Test
    void passingTestsPassAndTheRuleIsStrict() {
        assertThat(judge("tests: required", results(test("overall", Status.PASSED, ""))).passed()).isTrue();
        assertThat(GatePolicy.defaults().tests()).isEqualTo(GatePolicy.Tests.REQUIRED);
        assertThatThrownBy(() -> GateTest.policy("tests: optional")).hasMessageContaining("tests")
                .hasMessageContaining("required").hasMessageContaining("advisory");
    }
}
