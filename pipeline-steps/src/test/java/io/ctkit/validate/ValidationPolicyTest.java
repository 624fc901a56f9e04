package io.ctkit.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctkit.drift.DriftThresholds;
import io.ctkit.policy.PolicyException;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidationPolicyTest {

    @Test
    void readsEveryField() throws IOException {
        ValidationPolicy p = ValidationPolicy.fromMap(DataValidatorTest.yaml("""
                max_missing_fraction: 0.05
                missing_fraction_by_column: {spend: 0.3}
                max_duplicate_fraction: 0
                max_leaked_rows: 2
                require_label: false
                drift: {max_psi: 0.1, min_ks_p_value: 0.001, min_chi_square_p_value: 0.05, bins: 20}
                """), "ctkit.yaml: validation");

        assertThat(p.maxMissingFraction("spend")).isEqualTo(0.3);
        assertThat(p.maxMissingFraction("other")).isEqualTo(0.05);
        assertThat(p.maxDuplicateFraction()).isZero();
        assertThat(p.maxLeakedRows()).isEqualTo(2);
        assertThat(p.requireLabel()).isFalse();
        assertThat(p.drift()).isEqualTo(new DriftThresholds(0.1, 0.001, 0.05));
        assertThat(p.driftOptions().bins()).isEqualTo(20);
    }

    @Test
    void anEmptyMapIsTheDefaults() {
        assertThat(ValidationPolicy.fromMap(Map.of(), "p:")).isEqualTo(ValidationPolicy.defaults());
    }

    @Test
    void unknownKeysAndBadValuesNameTheirPath() throws IOException {
        assertThatThrownBy(() -> ValidationPolicy.fromMap(DataValidatorTest.yaml("max_mising_fraction: 0.1"),
                "ctkit.yaml: validation"))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("ctkit.yaml: validation.max_mising_fraction: unknown key; known keys here: "
                        + "max_missing_fraction, ");
        assertThatThrownBy(() -> ValidationPolicy.fromMap(DataValidatorTest.yaml("max_missing_fraction: 10"),
                "ctkit.yaml: validation"))
                .hasMessage("ctkit.yaml: validation.max_missing_fraction: must be a fraction between 0 and 1, got 10.0");
        assertThatThrownBy(() -> ValidationPolicy.fromMap(DataValidatorTest.yaml("drift: {max_pis: 1}"), "v.yaml:"))
                .hasMessageStartingWith("v.yaml: drift.max_pis: unknown key");
        assertThatThrownBy(() -> ValidationPolicy.fromMap(DataValidatorTest.yaml("missing_fraction_by_column: {a: x}"), "v:"))
                .hasMessage("v: missing_fraction_by_column.a: must be a number, got \"x\"");
        assertThatThrownBy(() -> ValidationPolicy.fromMap(DataValidatorTest.yaml("require_label: yes please"), "v:"))
                .hasMessage("v: require_label: must be true or false, got \"yes please\"");
        assertThatThrownBy(() -> ValidationPolicy.fromMap(DataValidatorTest.yaml("drift: 3"), "v:"))
                .hasMessage("v: drift: expected a map of settings, found 3");
    }
}
