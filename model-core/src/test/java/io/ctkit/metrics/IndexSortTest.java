package io.ctkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The index sort against the JDK's stable sort of boxed indices, with many ties (and both zeros,
 * which compare equal), below and above the size from which the radix sort takes over from the
 * merge sort.
 */
class IndexSortTest {
    private static final int[] SIZES = {0, 1, 2, 31, 33, 1000, IndexSort.RADIX - 1, IndexSort.RADIX,
        IndexSort.RADIX + 1, 12 * IndexSort.RADIX + 7};

    @Test
    void ascendingIsTheStableOrderWhetherMergeOrRadixSorted() {
        var random = new SplittableRandom(7);
        for (int n : SIZES) {
            double[] values = values(random, n);
            double[] before = values.clone();
            assertThat(IndexSort.ascending(values)).as("n = %d", n).isEqualTo(stableAscending(values));
            assertThat(values).as("the input is left as it was").isEqualTo(before);
        }
    }

    @Test
    void descendingIsTheAscendingOrderReversedAndHandsBackTheValuesInThatOrder() {
        var random = new SplittableRandom(8);
        for (int n : SIZES) {
            double[] values = values(random, n);
            int[] ascending = stableAscending(values);
            double[] sorted = new double[n];
            int[] order = IndexSort.descending(values, sorted);
            assertThat(order).as("n = %d", n)
                    .isEqualTo(IntStream.range(0, n).map(p -> ascending[n - 1 - p]).toArray());
            assertThat(Arrays.stream(sorted).mapToLong(Double::doubleToRawLongBits).toArray()).as("n = %d", n)
                    .isEqualTo(Arrays.stream(order).mapToLong(r -> Double.doubleToRawLongBits(values[r])).toArray());
        }
    }

    @Test
    void anyFiniteOrInfiniteValuesOfEitherSignSortAsTheyCompare() {
        var random = new SplittableRandom(9);
        for (int n : new int[] {IndexSort.RADIX - 1, IndexSort.RADIX, 5 * IndexSort.RADIX + 3}) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = switch (random.nextInt(8)) {
                    case 0 -> Double.NEGATIVE_INFINITY;
                    case 1 -> Double.POSITIVE_INFINITY;
                    case 2 -> -Double.MIN_VALUE * random.nextInt(3);
                    case 3 -> Double.MAX_VALUE * (random.nextBoolean() ? 1 : -1);
                    default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-300, 300));
                };
            }
            int[] ascending = stableAscending(values);
            assertThat(IndexSort.ascending(values)).as("n = %d", n).isEqualTo(ascending);
            double[] sorted = new double[n];
            int[] order = IndexSort.descending(values, sorted);
            assertThat(order).as("n = %d", n).isEqualTo(IntStream.range(0, n).map(p -> ascending[n - 1 - p]).toArray());
            assertThat(Arrays.stream(sorted).mapToLong(Double::doubleToRawLongBits).toArray()).as("n = %d", n)
                    .isEqualTo(Arrays.stream(order).mapToLong(r -> Double.doubleToRawLongBits(values[r])).toArray());
        }
    }

    @Test
    void withoutNegativeZeroTheSortedValuesAreTheValuesBitForBit() {
        var random = new SplittableRandom(10);
        int n = 2 * IndexSort.RADIX;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextInt(5) == 0 ? 0.0 : random.nextDouble() * (random.nextBoolean() ? 1 : -1);
        }
        double[] sorted = new double[n];
        int[] order = IndexSort.descending(values, sorted);
        for (int p = 0; p < n; p++) {
            assertThat(Double.doubleToRawLongBits(sorted[p])).isEqualTo(Double.doubleToRawLongBits(values[order[p]]));
        }
    }

    /** Few distinct values, so most rows tie; 0.0 and -0.0 both occur and compare equal. */
    private static double[] values(SplittableRandom random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            int v = random.nextInt(200);
            values[i] = v == 0 ? (random.nextBoolean() ? 0.0 : -0.0) : v / 199.0;
        }
        return values;
    }

    private static int[] stableAscending(double[] values) {
        Integer[] rows = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(rows, (a, b) -> values[a] < values[b] ? -1 : values[a] > values[b] ? 1 : 0);
        return Arrays.stream(rows).mapToInt(Integer::intValue).toArray();
    }
}
