package io.ctkit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReportParsingTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aGateVerdictIsReadWithEveryCheckField() throws Exception {
        GateVerdict v = GateVerdict.parse(utf8("{\"format\":\"ctkit-gate/1\",\"passed\":false,\"first_run\":false,"
                + "\"checks\":[{\"name\":\"vs-champion\",\"kind\":\"champion\",\"metric\":\"f1\",\"observed\":0.81,"
                + "\"ci_low\":0.78,\"ci_high\":0.84,\"bound\":0.83,\"passed\":false,\"message\":\"worse\"}],"
                + "\"champion\":{\"version\":3}}"), "gate.json");

        assertThat(v.passed()).isFalse();
        assertThat(v.checks()).containsExactly(new GateVerdict.Check("vs-champion", "champion", "f1", 0.81, 0.78, 0.84,
                0.83, false, "worse"));
    }

    @Test
    void malformedVerdictsAreRefusedNamingTheFileAndField() {
        assertThatThrownBy(() -> GateVerdict.parse(utf8("{\"format\":\"ctkit-gate/2\"}"), "g.json"))
                .hasMessageContaining("g.json: \"format\" must be \"ctkit-gate/1\", got \"ctkit-gate/2\"");
        assertThatThrownBy(() -> GateVerdict.parse(utf8("{\"format\":\"ctkit-gate/1\",\"passed\":true,\"first_run\":true}"),
                "g.json")).hasMessage("g.json: \"checks\" must be an array");
        assertThatThrownBy(() -> GateVerdict.parse(utf8("{\"format\":\"ctkit-gate/1\",\"passed\":true,\"first_run\":true,"
                + "\"checks\":[{\"name\":\"a\",\"passed\":true,\"observed\":\"high\"}]}"), "g.json"))
                .hasMessage("g.json: checks[0]: \"observed\" must be a number or null, got \"high\"");
        assertThatThrownBy(() -> GateVerdict.parse(utf8("{\"format\":\"ctkit-gate/1\", "), "g.json"))
                .hasMessageContaining("g.json: is not valid JSON at line 1");
        assertThatThrownBy(() -> GateVerdict.parse(utf8("{\"format\":\"ctkit-gate/1\",\"passed\":true,\"passed\":false}"),
                "g.json")).hasMessageContaining("Duplicate field 'passed'");
    }

    @Test
    void metricsReportsKeepUndefinedValuesAsNaN() throws Exception {
        var metrics = MetricsReport.parse(utf8("{\"metrics\":{\"roc_auc\":{\"value\":null,\"reason\":\"one class\"},"
                + "\"f1\":{\"value\":0.5,\"ci_low\":0.4,\"ci_high\":0.6}}}"), "m.json");

        assertThat(metrics.get("roc_auc").value()).isNaN();
        assertThat(metrics.get("f1").display()).isEqualTo("0.5000 [0.4000, 0.6000]");
        assertThatThrownBy(() -> MetricsReport.parse(utf8("{\"rows\": 3}"), "m.json"))
                .hasMessageContaining("m.json: a metrics report needs an object \"metrics\"");
    }

    @Test
    void junitSuitesAreSummedAndAllureSummariesRead() throws Exception {
        TestEvidence junit = TestEvidence.parse(utf8("<testsuites><testsuite tests=\"3\" failures=\"0\" errors=\"1\"/>"
                + "<testsuite tests=\"4\" skipped=\"1\"/></testsuites>"), "r.xml");
        TestEvidence allure = TestEvidence.parse(utf8("{\"reportName\":\"x\",\"statistic\":{\"failed\":0,\"broken\":0,"
                + "\"skipped\":2,\"passed\":10,\"unknown\":0,\"total\":12}}"), "summary.json");

        assertThat(junit).isEqualTo(new TestEvidence("junit", 7, 0, 1, 1));
        assertThat(junit.passed()).isFalse();
        assertThat(allure).isEqualTo(new TestEvidence("allure", 12, 0, 0, 2));
        assertThat(allure.passed()).isTrue();
    }

    @Test
    void xmlWithADoctypeIsRefused() {
        assertThatThrownBy(() -> TestEvidence.parse(utf8("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM"
                + " \"file:///etc/passwd\">]><testsuite tests=\"&e;\"/>"), "evil.xml"))
                .isInstanceOf(RegistryException.class).hasMessageContaining("evil.xml: is not a readable JUnit XML report");
    }
}
