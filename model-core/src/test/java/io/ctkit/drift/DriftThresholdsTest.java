package io.ctkit.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DriftThresholdsTest {

    private static final DriftOptions OPTIONS = DriftOptions.defaults();

    @Test
    void stableNumericFeatureIsNotDrift() {
        double[] reference = ramp(200, 0);
        double[] current = ramp(180, 0.001);
        DriftVerdict verdict = DriftThresholds.defaults().evaluate(
                DriftStatistics.numeric("amount", reference, current, OPTIONS));
        assertThat(verdict.drift()).isFalse();
        assertThat(verdict.reasons()).isEmpty();
    }

    @Test
    void shiftedNumericFeatureIsDriftByPsiAndKs() {
        DriftVerdict verdict = DriftThresholds.defaults().evaluate(
                DriftStatistics.numeric("amount", ramp(200, 0), ramp(200, 0.5), OPTIONS));
        assertThat(verdict.drift()).isTrue();
        assertThat(verdict.feature()).isEqualTo("amount");
        assertThat(verdict.reasons()).hasSize(2);
        assertThat(verdict.reasons().get(0)).startsWith("psi ").endsWith("> 0.2000");
        assertThat(verdict.reasons().get(1)).startsWith("ks p-value ").contains("< 0.01000");
    }

    @Test
    void categoricalFeatureIsJudgedByChiSquare() {
        String[] reference = repeat(new String[] {"a", "b"}, 100);
        String[] current = repeat(new String[] {"a", "a", "a", "b"}, 50);
        DriftThresholds lenientPsi = new DriftThresholds(10, 0.01, 0.01);
        DriftVerdict verdict = lenientPsi.evaluate(DriftStatistics.categorical("channel", reference, current, OPTIONS));
        assertThat(verdict.drift()).isTrue();
        assertThat(verdict.reasons()).singleElement().asString().startsWith("chi-square p-value").contains("dof 1");
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource({"-0.1, 0.01, 0.01, maxPsi", "0.2, 1.5, 0.01, minKsPValue"})
    void thresholdsRejectImpossibleValues(double maxPsi, double minKsPValue, double minChiSquarePValue, String parameter) {
        assertThatThrownBy(() -> new DriftThresholds(maxPsi, minKsPValue, minChiSquarePValue))
                .hasMessageContaining(parameter);
    }

    @Test
    void reportRoundTripsThroughJson() {
        DriftReport numeric = DriftStatistics.numeric("amount", ramp(50, 0), ramp(40, 0.3), OPTIONS);
        DriftReport categorical = DriftStatistics.categorical("channel", new String[] {"a", "b", "b"},
                new String[] {"b", "c"}, OPTIONS);
        DriftThresholds thresholds = DriftThresholds.defaults();
        DriftJson.Document document = new DriftJson.Document(List.of(numeric, categorical),
                List.of(thresholds.evaluate(numeric), thresholds.evaluate(categorical)));
        String json = DriftJson.write(document);
        assertThat(json).contains("\"kind\" : \"numeric\"", "\"method\" : \"exact\"", "\"kolmogorovSmirnov\"",
                "\"chiSquare\"", "\"label\" : \"(-Infinity, ");
        assertThat(json).doesNotContain("null");
        assertThat(DriftJson.read(json)).isEqualTo(document);
    }

    @Test
    void reportWithStatisticsOfTheWrongKindIsRejected() {
        DriftReport numeric = DriftStatistics.numeric("amount", ramp(5, 0), ramp(5, 0.3), OPTIONS);
        assertThatThrownBy(() -> new DriftReport("amount", FeatureKind.CATEGORICAL, 5, 5, numeric.psi(),
                numeric.jensenShannon(), numeric.kolmogorovSmirnov(), numeric.wasserstein(), null))
                .hasMessageContaining("categorical feature 'amount' must have chiSquare");
    }

    @Test
    void malformedJsonNamesTheLocation() {
        assertThatThrownBy(() -> DriftJson.read("{\"features\": [ {\"feature\": 3,, } ]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid drift JSON")
                .hasMessageContaining("line 1");
    }

    private static double[] ramp(int n, double shift) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = (double) i / n + shift;
        }
        return values;
    }

    private static String[] repeat(String[] pattern, int times) {
        String[] out = new String[pattern.length * times];
        for (int i = 0; i < out.length; i++) {
            out[i] = pattern[i % pattern.length];
        }
        return out;
    }
}
