package io.ctkit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReportParsingTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void metricsReportsKeepUndefinedValuesAsNaN() throws Exception {
        var metrics = MetricsReport.parse(utf8("{\"metrics\":{\"roc_auc\":{\"value\":null,\"reason\":\"one class\"},"
                + "\"f1\":{\"value\":0.5,\"ci_low\":0.4,\"ci_high\":0.6}}}"), "m.json");

        assertThat(metrics.get("roc_auc").value()).isNaN();
        assertThat(metrics.get("f1").display()).isEqualTo("0.5000 [0.4000, 0.6000]");
    }

    @Test
    void aMetricsReportWithoutMetricsIsRefused() {
        assertThatThrownBy(() -> MetricsReport.parse(utf8("{\"rows\": 3}"), "m.json"))
                .hasMessageContaining("m.json: a metrics report needs an object \"metrics\"");
    }

    @Test
    void junitSuitesAreSummed() throws Exception {
        TestEvidence junit = TestEvidence.parse(utf8("<testsuites><testsuite tests=\"3\" failures=\"0\" errors=\"1\"/>"
                + "<testsuite tests=\"4\" skipped=\"1\"/></testsuites>"), "r.xml");

        assertThat(junit).isEqualTo(new TestEvidence("junit", 7, 0, 1, 1));
        assertThat(junit.passed()).isFalse();
    }

    @Test
    void allureSummariesAreRead() throws Exception {
        TestEvidence allure = TestEvidence.parse(utf8("{\"reportName\":\"x\",\"statistic\":{\"failed\":0,\"broken\":0,"
                + "\"skipped\":2,\"passed\":10,\"unknown\":0,\"total\":12}}"), "summary.json");

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
