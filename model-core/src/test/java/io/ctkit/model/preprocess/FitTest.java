package io.ctkit.model.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

class FitTest {

    private static final JsonNode FIXTURE = Fixtures.json("fit.json");
    private static final List<Map<String, Object>> ROWS =
            new ObjectMapper().convertValue(FIXTURE.get("rows"), new TypeReference<>() { });
    private static final List<InputSpec> INPUTS = List.of(InputSpec.number("a"), InputSpec.number("b"),
            InputSpec.number("c"), InputSpec.category("k", List.of("u", "v")));

    @Test
    void fitsEachOpOnRowsAsThePrecedingOpsLeaveThem() {
        List<PreprocessingOp> fitted = FeatureEncoder.fit(INPUTS, List.of(
                PreprocessingOp.Impute.of("b"),
                PreprocessingOp.Standardize.of("a", "b"),
                PreprocessingOp.MinMax.of("c"),
                PreprocessingOp.OneHot.of("k")), ROWS);

        PreprocessingOp.Standardize standardize = (PreprocessingOp.Standardize) fitted.get(1);
        PreprocessingOp.MinMax minMax = (PreprocessingOp.MinMax) fitted.get(2);
        assertSoftly(softly -> {
            softly.assertThat(values(((PreprocessingOp.Impute) fitted.get(0)).values())[0])
                    .isCloseTo(FIXTURE.at("/impute_b/0").doubleValue(), within(1e-12));
            assertClose(softly, values(standardize.mean()), FIXTURE.at("/standardize_a_b/mean"));
            assertClose(softly, values(standardize.std()), FIXTURE.at("/standardize_a_b/std"));
            assertClose(softly, values(minMax.min()), FIXTURE.at("/min_max_c/min"));
            assertClose(softly, values(minMax.max()), FIXTURE.at("/min_max_c/max"));
            softly.assertThat(fitted.get(3)).isEqualTo(PreprocessingOp.OneHot.of("k"));
            softly.assertThat(FeatureEncoder.of(INPUTS, fitted).width()).isEqualTo(2 + 1 + 2);
        });
    }

    @Test
    void keepsAlreadyFittedOps() {
        PreprocessingOp given = new PreprocessingOp.Standardize(List.of("a"), ArrayRef.inline(0), ArrayRef.inline(1));
        List<PreprocessingOp> fitted = FeatureEncoder.fit(List.of(InputSpec.number("a")), List.of(given),
                List.of(Map.of("a", 5)));
        assertThat(fitted).containsExactly(given);
    }

    @Test
    void refusesMissingValueThatNothingImputes() {
        assertThatThrownBy(() -> FeatureEncoder.fit(INPUTS, List.of(PreprocessingOp.Standardize.of("a", "b", "c"),
                PreprocessingOp.OneHot.of("k")), ROWS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("row 0: input \"b\" is missing; add an impute op before preprocessing[0] (standardize)"
                        + " or fix the data");
    }

    @Test
    void refusesImputeWhenEveryValueIsMissing() {
        Map<String, Object> row = new HashMap<>();
        row.put("a", null);
        assertThatThrownBy(() -> FeatureEncoder.fit(List.of(InputSpec.number("a")),
                List.of(PreprocessingOp.Impute.of("a"), PreprocessingOp.Passthrough.of("a")), List.of(row)))
                .hasMessage("cannot fit preprocessing[0] (impute) for input \"a\": every row is missing it");
    }

    private static double[] values(ArrayRef ref) {
        return ((ArrayRef.Inline) ref).values();
    }

    private static void assertClose(SoftAssertions softly, double[] actual, JsonNode expected) {
        softly.assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < Math.min(actual.length, expected.size()); i++) {
            softly.assertThat(actual[i]).isCloseTo(expected.get(i).doubleValue(),
                    within(1e-10 * Math.abs(actual[i]) + 1e-12));
        }
    }
}
