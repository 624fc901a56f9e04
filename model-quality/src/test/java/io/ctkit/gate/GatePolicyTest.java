package io.ctkit.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.ctkit.config.ConfigException;
import io.ctkit.metrics.Metric;
import io.ctkit.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatePolicyTest {

    @Test
    void readsEveryField() {
        GatePolicy p = GatePolicy.read(Yaml.node("""
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
                """, "ctkit.yaml", "gate"));

        assertSoftly(softly -> {
            softly.assertThat(p.bootstrap().level()).isEqualTo(0.9);
            softly.assertThat(p.bootstrap().resamples()).isEqualTo(200);
            softly.assertThat(p.bootstrap().seed()).isEqualTo(7);
            softly.assertThat(p.decisionThreshold()).isEqualTo(0.4);
            softly.assertThat(p.minSliceSize()).isEqualTo(50);
            softly.assertThat(p.firstRun()).isEqualTo(GatePolicy.FirstRun.FAIL);
            softly.assertThat(p.thresholds()).containsExactly(new GatePolicy.ThresholdRule(Metric.F1_MACRO, 0.85, null, null),
                    new GatePolicy.ThresholdRule(Metric.LOG_LOSS, null, 0.5, "channel", 80));
            softly.assertThat(p.noRegression()).containsExactly(new GatePolicy.ComparisonRule(Metric.F1_MACRO, 0.01));
            softly.assertThat(p.improvement()).containsExactly(new GatePolicy.ComparisonRule(Metric.ROC_AUC, 0.002));
        });
    }

    @Test
    void anEmptyMapIsTheDefaults() {
        assertThat(GatePolicy.read(Yaml.node("{}", "x", ""))).isEqualTo(GatePolicy.defaults());
    }

    @Test
    void anUnknownKeyNamesItsPathTheKnownKeysAndTheNearestOne() {
        assertThatThrownBy(() -> GatePolicy.read(Yaml.node("thresholds: [{metric: f1, mn: 0.8}]", "ctkit.yaml", "gate")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ctkit.yaml: gate.thresholds[0].mn: unknown field; expected one of max, metric, min,"
                        + " min_slice_size, slice (did you mean \"min\"?)");
    }

    @Test
    void anUnknownTopLevelKeyOfAPolicyFileNamesTheFile() {
        assertThatThrownBy(() -> GatePolicy.read(Yaml.node("confidnce: 0.9", "gate.yaml", "")))
                .hasMessageStartingWith("gate.yaml: confidnce: unknown field; expected one of bootstrap, confidence,")
                .hasMessageEndingWith("(did you mean \"confidence\"?)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            confidence out of range  | confidence: 95                                         | g: confidence: must be greater than 0 and less than 1, got 95
            unknown metric           | 'thresholds: [{metric: f1_makro, min: 1}]'             | g: thresholds[0].metric: unknown metric 'f1_makro': known metrics are
            both min and max         | 'thresholds: [{metric: f1, min: 1, max: 2}]'           | g: thresholds[0]: give exactly one of min and max for f1
            slice size without slice | 'thresholds: [{metric: f1, min: 1, min_slice_size: 5}]' | g: thresholds[0].min_slice_size: applies only with a slice column (slice: ...)
            unknown first_run        | 'first_run: maybe'                                     | g: first_run: must be one of pass, fail, got "maybe"
            negative margin          | 'no_regression: [{metric: f1, margin: -1}]'            | g: no_regression[0].margin: must be at least 0, got -1
            bootstrap not a number   | 'bootstrap: many'                                      | g: bootstrap: must be a positive integer, got "many"
            thresholds not a list    | 'thresholds: {metric: f1}'                             | g: thresholds: expected a list, got a map
            metric missing           | 'thresholds: [{min: 1}]'                               | g: thresholds[0].metric: missing; this field is required
            """)
    void badValuesNameThePathAndTheValue(String what, String yaml, String message) {
        assertThatThrownBy(() -> GatePolicy.read(Yaml.node(yaml, "g", "")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void aMisspeltMetricGetsADidYouMean() {
        assertThatThrownBy(() -> GatePolicy.read(Yaml.node("thresholds: [{metric: f1_makro, min: 1}]", "g", "")))
                .hasMessageEndingWith("(did you mean \"f1_macro\"?)");
    }

    @Test
    void aRuleOfAnotherTaskIsRefusedWithItsPathBeforeAnythingRuns() {
        GatePolicy p = GatePolicy.read(Yaml.node("thresholds: [{metric: accuracy, min: 0.9}, {metric: rmse, max: 2}]",
                "ctkit.yaml", "gate"));

        assertThatThrownBy(() -> p.checkTask(Task.REGRESSION, Yaml.node("{}", "ctkit.yaml", "gate")))
                .hasMessageStartingWith("ctkit.yaml: gate.thresholds[0].metric: accuracy is not defined for regression"
                        + " models; choose one of ");
    }
}
