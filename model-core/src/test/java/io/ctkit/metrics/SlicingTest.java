package io.ctkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SlicingTest {

    private static final Predictions PREDICTIONS = SyntheticData.binary(120, 0.4, 1.0, 4);
    private static final String[] KEYS = IntStream.range(0, 120)
            .mapToObj(i -> i < 10 ? "rare" : i % 2 == 0 ? "email" : "search").toArray(String[]::new);

    @Test
    void eachSliceIsEvaluatedOnItsOwnRows() {
        SlicedEvaluation sliced = Evaluator.create().evaluateSlices(PREDICTIONS, KEYS, 20);

        int[] emailRows = IntStream.range(0, 120).filter(i -> KEYS[i].equals("email")).toArray();
        assertThat(sliced.slices()).containsOnlyKeys("email", "search");
        assertThat(sliced.slices().get("email")).isEqualTo(Evaluator.create().evaluate(PREDICTIONS.subset(emailRows)));
        assertThat(sliced.slices().get("email").rows()).isEqualTo(55);
        assertThat(sliced.slices().get("search").rows()).isEqualTo(55);
    }

    @Test
    void slicesBelowTheMinimumSizeAreCountedNotEvaluated() {
        SlicedEvaluation sliced = Evaluator.create().evaluateSlices(PREDICTIONS, KEYS, 11);

        assertThat(sliced.tooSmall()).containsExactly(java.util.Map.entry("rare", 10));
        assertThat(sliced.minSliceSize()).isEqualTo(11);
        assertThat(Evaluator.create().evaluateSlices(PREDICTIONS, KEYS, 10).slices()).containsKey("rare");
    }

    @Test
    void slicesUseTheEvaluatorsSettings() {
        Evaluator evaluator = Evaluator.create().withMetrics(Metric.ROC_AUC)
                .withBootstrap(BootstrapConfig.defaults().withResamples(25));

        Evaluation email = evaluator.evaluateSlices(PREDICTIONS, KEYS, 20).slices().get("email");

        assertThat(email.values()).containsOnlyKeys(Metric.ROC_AUC);
        assertThat(email.value(Metric.ROC_AUC).interval().resamples()).isEqualTo(25);
    }

    @Test
    void jsonListsSlicesAndTooSmallSlices() {
        var json = Evaluator.create().withMetrics(Metric.ACCURACY).evaluateSlices(PREDICTIONS, KEYS, 20).toJson();

        assertThat(json.get("min_slice_size").asInt()).isEqualTo(20);
        assertThat(json.get("slices").get("email").get("rows").asInt()).isEqualTo(55);
        assertThat(json.get("slices").get("search").get("metrics").has("accuracy")).isTrue();
        assertThat(json.get("too_small").get("rare").asInt()).isEqualTo(10);
    }

    @Test
    void sliceKeysMustCoverEveryRow() {
        assertThatThrownBy(() -> Evaluator.create().evaluateSlices(PREDICTIONS, new String[3], 1))
                .hasMessage("sliceKeys has 3 rows but the predictions have 120: give one slice key per row");
    }

    @Test
    void everyRowNeedsASliceKey() {
        String[] withNull = KEYS.clone();
        withNull[7] = null;
        assertThatThrownBy(() -> Evaluator.create().evaluateSlices(PREDICTIONS, withNull, 1))
                .hasMessage("sliceKeys[7] is null: give every row a slice key, e.g. \"(missing)\"");
    }

    @Test
    void minimumSliceSizeIsAtLeastOne() {
        assertThatThrownBy(() -> Evaluator.create().evaluateSlices(PREDICTIONS, KEYS, 0))
                .hasMessage("minimum slice size must be at least 1: 0");
    }
}
