package io.ctkit.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctkit.quality.Reports;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one verdict type writes ctkit-gate/1 and reads it back: the gate and the registry share it. */
class GateVerdictTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static final GateVerdict VERDICT = new GateVerdict(false, false, List.of(
            new GateCheck("threshold:f1", GateCheck.Kind.THRESHOLD, "f1", null, 0.81, 0.78, 0.84, 0.85, null, null,
                    false, "f1 = 0.81 is below the minimum 0.85"),
            new GateCheck("no_regression:roc_auc", GateCheck.Kind.NO_REGRESSION, "roc_auc", "channel=email", 0.9,
                    Double.NaN, Double.NaN, -0.01, 0.91, -0.01, true, "no significant drop")),
            Map.of("kind", "model", "sha256", "sha256:abc", "rows", 120), Map.of("kind", "model", "sha256", "sha256:def"));

    @Test
    void whatIsWrittenIsReadBackEqual() {
        GateVerdict read = GateVerdict.parse(Reports.bytes(VERDICT.toJson()), "gate.json");

        assertThat(read).isEqualTo(VERDICT);
        assertThat(read.challengerDigest()).isEqualTo("sha256:abc");
        assertThat(read.failures()).extracting(GateCheck::name).containsExactly("threshold:f1");
    }

    @Test
    void aVerdictIsReadWithEveryCheckField() {
        GateVerdict v = GateVerdict.parse(utf8("{\"format\":\"ctkit-gate/1\",\"passed\":false,\"first_run\":false,"
                + "\"checks\":[{\"name\":\"vs-champion\",\"kind\":\"no_regression\",\"metric\":\"f1\",\"observed\":0.81,"
                + "\"ci_low\":0.78,\"ci_high\":0.84,\"bound\":0.83,\"passed\":false,\"message\":\"worse\"}],"
                + "\"champion\":{\"version\":3}}"), "gate.json");

        assertThat(v.passed()).isFalse();
        assertThat(v.checks()).containsExactly(new GateCheck("vs-champion", GateCheck.Kind.NO_REGRESSION, "f1", null,
                0.81, 0.78, 0.84, 0.83, null, null, false, "worse"));
        assertThat(v.champion()).containsEntry("version", 3);
        assertThat(v.challengerDigest()).isNull();
    }

    @Test
    void aVerdictOnAnotherBundleIsRefusedAsEvidence() {
        assertThatThrownBy(() -> VERDICT.requireFor("sha256:other", "wine:2", "gate.json"))
                .hasMessage("gate.json: this gate verdict judged the bundle sha256:abc, not wine:2 (sha256:other);"
                        + " record the verdict of this version's own gate");
    }

    @Test
    void aVerdictOnTheSameBundleIsAcceptedAsEvidence() {
        assertThatCode(() -> VERDICT.requireFor("sha256:abc", "wine:2", "gate.json")).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            wrong format      | {"format":"ctkit-gate/2"}                                                   | g.json: "format" must be "ctkit-gate/1", got "ctkit-gate/2"; is it a gate verdict?
            no checks         | {"format":"ctkit-gate/1","passed":true,"first_run":true}                     | g.json: "checks" must be an array
            text observed     | {"format":"ctkit-gate/1","passed":true,"first_run":true,"checks":[{"name":"a","passed":true,"observed":"high"}]} | g.json: checks[0]: "observed" must be a number or null, got "high"
            unknown kind      | {"format":"ctkit-gate/1","passed":true,"first_run":true,"checks":[{"name":"a","passed":true,"kind":"champion"}]} | g.json: checks[0]: "kind" must be threshold, no_regression, improvement or null, got "champion"
            inconsistent      | {"format":"ctkit-gate/1","passed":true,"first_run":true,"checks":[{"name":"a","passed":false}]} | g.json: checks[0] ("a") failed, but the verdict says "passed": true; the file is inconsistent
            passed not a bool | {"format":"ctkit-gate/1","passed":"yes"}                                    | g.json: "passed" must be true or false, got "yes"
            """)
    void malformedVerdictsAreRefusedNamingTheFileAndField(String what, String json, String message) {
        assertThatThrownBy(() -> GateVerdict.parse(utf8(json), "g.json")).hasMessage(message);
    }

    @Test
    void brokenJsonIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> GateVerdict.parse(utf8("{\"format\":\"ctkit-gate/1\", "), "g.json"))
                .hasMessageStartingWith("g.json: is not valid JSON at line 1");
    }

    @Test
    void aDuplicateKeyIsRefused() {
        assertThatThrownBy(() -> GateVerdict.parse(utf8("{\"format\":\"ctkit-gate/1\",\"passed\":true,\"passed\":false}"),
                "g.json")).hasMessageContaining("Duplicate field 'passed'");
    }

    @Test
    void trailingContentIsRefused() {
        assertThatThrownBy(() -> GateVerdict.parse(utf8("{\"format\":\"ctkit-gate/1\"} {}"), "g.json"))
                .hasMessageStartingWith("g.json: is not valid JSON");
    }
}
