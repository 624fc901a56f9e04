package io.ctkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The perturbations on rows of numbers, categories and text, without a model. */
class PerturbationTest {

    private static Map<String, Object> row() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("spend", 10.0);
        row.put("channel", "search");
        row.put("review", "Great Product");
        row.put("missing", null);
        return row;
    }

    @Test
    void numberPerturbationsChangeOnlyTheirColumnAndLeaveTheRowAsItWas() {
        Map<String, Object> row = row();

        assertThat(Perturbation.scale("spend", 1.5).apply(row, 0)).containsEntry("spend", 15.0)
                .containsEntry("channel", "search");
        assertThat(Perturbation.set("spend", 3).apply(row, 0)).containsEntry("spend", 3.0);
        assertThat(Perturbation.scale("missing", 2).apply(row, 0)).containsEntry("missing", null);
        assertThat(row).isEqualTo(row());
    }

    @Test
    void seededNoiseAndTyposAreTheSameOnEveryRunAndDifferFromRowToRow() {
        Perturbation noise = Perturbation.noise("spend", 1.0, 7);
        Perturbation typo = Perturbation.typo("review", 7);

        assertThat(noise.apply(row(), 3)).isEqualTo(Perturbation.noise("spend", 1.0, 7).apply(row(), 3));
        assertThat(noise.apply(row(), 3).get("spend")).isNotEqualTo(noise.apply(row(), 4).get("spend"))
                .isNotEqualTo(10.0);
        String typed = (String) typo.apply(row(), 3).get("review");
        assertThat(typed).isEqualTo(Perturbation.typo("review", 7).apply(row(), 3).get("review"))
                .isNotEqualTo("Great Product").hasSameSizeAs("Great Product");
        assertThat(typed.chars().sorted().toArray()).isEqualTo("Great Product".chars().sorted().toArray());
    }

    @Test
    void textAndCategoryPerturbations() {
        assertThat(Perturbation.lowerCase("review").apply(row(), 0)).contains(entry("review", "great product"));
        assertThat(Perturbation.upperCase("review").apply(row(), 0)).contains(entry("review", "GREAT PRODUCT"));
        assertThat(Perturbation.swap("channel", "search", "video").apply(row(), 0)).contains(entry("channel", "video"));
        Map<String, Object> video = new HashMap<>(row());
        video.put("channel", "video");
        assertThat(Perturbation.swap("channel", "search", "video").apply(video, 0)).contains(entry("channel", "search"));
        assertThat(Perturbation.of("drop the review", r -> {
            r.put("review", "");
            return r;
        }).apply(row(), 0)).contains(entry("review", ""));
    }

    @Test
    void aPerturbationOfAnAbsentColumnOrOfTheWrongKindSaysWhatIsThere() {
        assertThatThrownBy(() -> Perturbation.scale("spnd", 2).apply(row(), 0))
                .hasMessage("no column \"spnd\" to perturb; the rows have [spend, channel, review, missing]");
        assertThatThrownBy(() -> Perturbation.scale("channel", 2).apply(row(), 0))
                .hasMessage("column channel holds \"search\", not a number; scale and noise change numbers, swap and set"
                        + " change categories");
        assertThatThrownBy(() -> Perturbation.typo("spend", 1).apply(row(), 0))
                .hasMessage("a typo (seed 1) in spend: column spend holds 10.0, not a text");
        assertThatThrownBy(() -> Perturbation.noise("spend", -1, 1))
                .hasMessage("noise on spend: the standard deviation must be a number >= 0, got -1.0");
        assertThatThrownBy(() -> Tolerance.absolute(-0.1)).hasMessage("a tolerance must be a number >= 0, got -0.1");
    }
}
