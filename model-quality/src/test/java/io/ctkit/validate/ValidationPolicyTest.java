package io.ctkit.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ctkit.config.ConfigException;
import io.ctkit.config.ConfigNode;
import io.ctkit.drift.DriftThresholds;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidationPolicyTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static ConfigNode node(String yaml, String source, String path) throws IOException {
        return ConfigNode.at(source, path, YAML.readTree(yaml));
    }

    @Test
    void readsEveryField() throws IOException {
        ValidationPolicy p = ValidationPolicy.read(node("""
                max_missing_fraction: 0.05
                missing_fraction_by_column: {spend: 0.3}
                max_duplicate_fraction: 0
                max_leaked_rows: 2
                require_label: false
                drift: {max_psi: 0.1, min_ks_p_value: 0.001, min_chi_square_p_value: 0.05, bins: 20}
                """, "ctkit.yaml", "validation"));

        assertSoftly(softly -> {
            softly.assertThat(p.maxMissingFraction("spend")).isEqualTo(0.3);
            softly.assertThat(p.maxMissingFraction("other")).isEqualTo(0.05);
            softly.assertThat(p.maxDuplicateFraction()).isZero();
            softly.assertThat(p.maxLeakedRows()).isEqualTo(2);
            softly.assertThat(p.requireLabel()).isFalse();
            softly.assertThat(p.drift()).isEqualTo(new DriftThresholds(0.1, 0.001, 0.05));
            softly.assertThat(p.driftOptions().bins()).isEqualTo(20);
        });
    }

    @Test
    void anEmptyMapIsTheDefaults() throws IOException {
        assertThat(ValidationPolicy.read(node("{}", "p", ""))).isEqualTo(ValidationPolicy.defaults());
    }

    @Test
    void anUnknownKeyNamesItsPathAndTheNearestKnownOne() {
        assertThatThrownBy(() -> ValidationPolicy.read(node("max_mising_fraction: 0.1", "ctkit.yaml", "validation")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ctkit.yaml: validation.max_mising_fraction: unknown field; expected one of drift,"
                        + " max_duplicate_fraction, max_leaked_rows, max_missing_fraction, missing_fraction_by_column,"
                        + " require_label (did you mean \"max_missing_fraction\"?)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            fraction out of range  | max_missing_fraction: 10              | v: max_missing_fraction: must be at least 0 and at most 1, got 10
            unknown drift key      | 'drift: {max_pis: 1}'                 | v: drift.max_pis: unknown field; expected one of bins, max_psi, min_chi_square_p_value, min_ks_p_value (did you mean "max_psi"?)
            per-column not number  | 'missing_fraction_by_column: {a: x}'  | v: missing_fraction_by_column.a: must be a number, got "x"
            boolean as text        | 'require_label: yes please'           | v: require_label: must be true or false, got "yes please"
            drift not a map        | 'drift: 3'                            | v: drift: expected a map with keys bins, max_psi, min_chi_square_p_value, min_ks_p_value, got 3
            too few bins           | 'drift: {bins: 1}'                    | v: drift.bins: must be an integer of at least 2, got 1
            negative leaked rows   | 'max_leaked_rows: -1'                 | v: max_leaked_rows: must be an integer of 0 or more, got -1
            """)
    void badValuesNameThePathAndTheValue(String what, String yaml, String message) {
        assertThatThrownBy(() -> ValidationPolicy.read(node(yaml, "v", ""))).isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }
}
