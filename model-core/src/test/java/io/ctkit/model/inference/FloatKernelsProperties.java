package io.ctkit.model.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The row-blocked dense kernel keeps every row's result exactly as if the row were alone. */
class FloatKernelsProperties {

    @Property(tries = 400)
    void blockedRowsGiveTheBitsOfEachRowAloneInTheSingleRowSummationOrder(
            @ForAll @IntRange(min = 1, max = 40) int inputs,
            @ForAll @IntRange(min = 1, max = 70) int units,
            @ForAll @IntRange(min = 0, max = 9) int rows,
            @ForAll boolean skipZeros,
            @ForAll long seed) {
        Random random = new Random(seed);
        float[][] w = new float[inputs][units];
        for (float[] row : w) {
            for (int j = 0; j < units; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        float[] b = new float[units];
        for (int j = 0; j < units; j++) {
            b[j] = (float) random.nextGaussian();
        }
        float[][] x = new float[rows][inputs];
        for (float[] row : x) {
            for (int k = 0; k < inputs; k++) {
                // runs of zeros, so that some rows of a block skip a group of four and others do not
                row[k] = random.nextInt(3) == 0 ? 0f : (float) random.nextGaussian();
            }
        }
        float[][] batch = new float[rows][units];

        FloatKernels.denseRows(x, rows, inputs, w, b, units, batch, skipZeros);

        for (int r = 0; r < rows; r++) {
            float[][] alone = new float[1][units];
            FloatKernels.denseRows(new float[][] {x[r]}, 1, inputs, w, b, units, alone, skipZeros);
            for (int j = 0; j < units; j++) {
                assertThat(Float.floatToRawIntBits(batch[r][j])).as("row %d unit %d", r, j)
                        .isEqualTo(Float.floatToRawIntBits(alone[0][j]));
                float sequential = b[j];
                for (int k = 0; k < inputs; k++) {
                    sequential = sequential + x[r][k] * w[k][j];
                }
                // + 0f folds -0 into 0: skipped zero terms may leave either sign of zero
                assertThat(batch[r][j] + 0f).as("row %d unit %d vs b + x0·w0 + x1·w1 + ...", r, j)
                        .isEqualTo(sequential + 0f);
            }
        }
    }
}
