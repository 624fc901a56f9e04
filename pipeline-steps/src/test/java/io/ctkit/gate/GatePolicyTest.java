package io.ctkit.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctkit.metrics.Metric;
import io.ctkit.policy.PolicyException;
import org.junit.jupiter.api.Test;

class GatePolicyTest {

    @Test
    void readsEveryField() {
        GatePolicy p = GatePolicy.fromMap(Yaml.map("""
                confidence: 0.9
                bootstrap: 200
                seed: 7
                decision_threshold: 0.4
                min_slice_size: 50
                first_run: fail
                thresholds:
                  - {metric: f1_macro, min: 0.85}
                  - {metric: log_loss, max: 0.5, slice: channel, min_slice_size: 80}
                no_regression: [{metric: f1_macro, margin: 0.01}]
                improvement: [{metric: roc_auc, min_gain: 0.002}]
                """), "ctkit.yaml: gate");

        assertThat(p.bootstrap().level()).isEqualTo(0.9);
        assertThat(p.bootstrap().resamples()).isEqualTo(200);
        assertThat(p.bootstrap().seed()).isEqualTo(7);
        assertThat(p.decisionThreshold()).isEqualTo(0.4);
        assertThat(p.minSliceSize()).isEqualTo(50);
        assertThat(p.firstRun()).isEqualTo(GatePolicy.FirstRun.FAIL);
        assertThat(p.thresholds()).containsExactly(new GatePolicy.ThresholdRule(Metric.F1_MACRO, 0.85, null, null),
                new GatePolicy.ThresholdRule(Metric.LOG_LOSS, null, 0.5, "channel", 80));
        assertThat(p.noRegression()).containsExactly(new GatePolicy.ComparisonRule(Metric.F1_MACRO, 0.01));
        assertThat(p.improvement()).containsExactly(new GatePolicy.ComparisonRule(Metric.ROC_AUC, 0.002));
    }

    @Test
    void anEmptyMapIsTheDefaults() {
        assertThat(GatePolicy.fromMap(Yaml.map("{}"), "x:")).isEqualTo(GatePolicy.defaults());
    }

    @Test
    void anUnknownKeyNamesItsPath() {
        assertThatThrownBy(() -> GatePolicy.fromMap(Yaml.map("thresholds: [{metric: f1, mn: 0.8}]"), "ctkit.yaml: gate"))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("ctkit.yaml: gate.thresholds[0].mn: unknown key; known keys here: metric, min, max");
        assertThatThrownBy(() -> GatePolicy.fromMap(Yaml.map("confidnce: 0.9"), "gate.yaml:"))
                .hasMessageStartingWith("gate.yaml: confidnce: unknown key");
    }

    @Test
    void badValuesNameThePathAndTheValue() {
        assertThatThrownBy(() -> GatePolicy.fromMap(Yaml.map("confidence: 95"), "g:"))
                .hasMessage("g: confidence: must be strictly between 0 and 1 (e.g. 0.95), got 95.0");
        assertThatThrownBy(() -> GatePolicy.fromMap(Yaml.map("thresholds: [{metric: f1_makro, min: 1}]"), "g:"))
                .hasMessageStartingWith("g: thresholds[0].metric: unknown metric 'f1_makro'");
        assertThatThrownBy(() -> GatePolicy.fromMap(Yaml.map("thresholds: [{metric: f1, min: 1, max: 2}]"), "g:"))
                .hasMessage("g: thresholds[0]: give exactly one of min and max for f1");
        assertThatThrownBy(() -> GatePolicy.fromMap(Yaml.map("thresholds: [{metric: f1, min: 1, min_slice_size: 5}]"), "g:"))
                .hasMessage("g: thresholds[0].min_slice_size: applies only with a slice column (slice: ...)");
        assertThatThrownBy(() -> GatePolicy.fromMap(Yaml.map("first_run: maybe"), "g:"))
                .hasMessage("g: first_run: must be one of pass, fail, got \"maybe\"");
        assertThatThrownBy(() -> GatePolicy.fromMap(Yaml.map("no_regression: [{metric: f1, margin: -1}]"), "g:"))
                .hasMessage("g: no_regression[0].margin: must be 0 or more, got -1.0");
        assertThatThrownBy(() -> GatePolicy.fromMap(Yaml.map("bootstrap: many"), "g:"))
                .hasMessage("g: bootstrap: must be a whole number of at least 1, got \"many\"");
        assertThatThrownBy(() -> GatePolicy.fromMap(Yaml.map("thresholds: {metric: f1}"), "g:"))
                .hasMessage("g: thresholds: must be a list, got a map");
    }
}
