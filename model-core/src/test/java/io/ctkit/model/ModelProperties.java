package io.ctkit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ModelProperties {

    private static final Model TEXT_MODEL = BundleFixtures.inMemory("binary-sigmoid-f32");
    private static final Model NUMERIC_MODEL = BundleFixtures.inMemory("multiclass-f32-wide");

    @Property(tries = 200)
    void batchPredictionEqualsRowByRowPrediction(@ForAll @IntRange(min = 0, max = 150) int count,
            @ForAll long seed) {
        List<Map<String, Object>> rows = ModelConcurrencyTest.randomRows(new Random(seed), count);

        PredictionBatch batch = TEXT_MODEL.predict(rows);

        assertThat(batch).hasSize(count);
        for (int r = 0; r < count; r++) {
            assertThat(batch.get(r)).isEqualTo(TEXT_MODEL.predict(rows.get(r)));
        }
    }

    @Property(tries = 200)
    void numericBatchEqualsRowByRowPrediction(@ForAll @IntRange(min = 0, max = 150) int count, @ForAll long seed) {
        Random random = new Random(seed);
        int inputs = NUMERIC_MODEL.encoder().inputs().size();
        double[] values = new double[count * inputs];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian() * 3;
        }

        PredictionBatch batch = NUMERIC_MODEL.predictNumeric(values, count);

        for (int r = 0; r < count; r++) {
            double[] row = new double[inputs];
            System.arraycopy(values, r * inputs, row, 0, inputs);
            assertThat(batch.get(r)).isEqualTo(NUMERIC_MODEL.predictNumeric(row, 1).get(0));
        }
    }
}
