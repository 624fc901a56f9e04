package io.ctkit.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DriftStatisticsTest {

    private static final double[] SAMPLE = {1.0, 2.0, 3.0, 4.0};

    @Test
    void nanInNumericSampleIsRejectedWithSampleAndIndex() {
        double[] withNan = {1.0, Double.NaN, 3.0};
        assertThatThrownBy(() -> DriftStatistics.kolmogorovSmirnov(SAMPLE, withNan))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("current sample has a non-finite value at index 1: NaN");
        assertThatThrownBy(() -> DriftStatistics.psi(withNan, SAMPLE))
                .hasMessageContaining("reference sample has a non-finite value at index 1");
        assertThatThrownBy(() -> DriftStatistics.wasserstein(SAMPLE, withNan))
                .hasMessageContaining("current sample");
        assertThatThrownBy(() -> DriftStatistics.numeric("age", SAMPLE, withNan, DriftOptions.defaults()))
                .hasMessageContaining("index 1");
    }

    @Test
    void infinityIsRejectedLikeNan() {
        assertThatThrownBy(() -> DriftStatistics.wasserstein(new double[] {Double.POSITIVE_INFINITY}, SAMPLE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reference sample has a non-finite value at index 0: Infinity");
    }

    @Test
    void emptySamplesAreRejected() {
        assertThatThrownBy(() -> DriftStatistics.kolmogorovSmirnov(new double[0], SAMPLE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reference sample is empty");
        assertThatThrownBy(() -> DriftStatistics.chiSquare(new String[] {"a"}, new String[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("current sample is empty");
        assertThatThrownBy(() -> DriftStatistics.jensenShannon(new double[0], SAMPLE, DriftOptions.defaults()))
                .hasMessageContaining("reference sample is empty");
    }

    @Test
    void nullCategoryIsRejectedWithAdvice() {
        assertThatThrownBy(() -> DriftStatistics.psi(new String[] {"a", null}, new String[] {"a"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reference sample has a null category at index 1")
                .hasMessageContaining("<missing>");
    }

    @Test
    void constantReferenceGivesTwoBinsSplitAtTheConstant() {
        PsiResult psi = DriftStatistics.psi(new double[] {5, 5, 5, 5}, new double[] {4, 5, 6, 7});
        assertThat(psi.bins()).extracting(PsiResult.Bin::label)
                .containsExactly("(-Infinity, 5.0]", "(5.0, Infinity)");
        assertThat(psi.bins()).extracting(PsiResult.Bin::referenceCount).containsExactly(4L, 0L);
        assertThat(psi.bins()).extracting(PsiResult.Bin::currentCount).containsExactly(2L, 2L);
        double r0 = 1.0;
        double c0 = 0.5;
        double r1 = 1e-4;
        double c1 = 0.5;
        assertThat(psi.statistic()).isCloseTo((c0 - r0) * Math.log(c0 / r0) + (c1 - r1) * Math.log(c1 / r1),
                within(1e-12));
    }

    @Test
    void equalConstantSamplesShowNoDrift() {
        double[] a = {3, 3, 3};
        double[] b = {3, 3, 3, 3, 3};
        DriftReport report = DriftStatistics.numeric("c", a, b, DriftOptions.defaults());
        assertThat(report.psi().statistic()).isZero();
        assertThat(report.jensenShannon().statistic()).isZero();
        assertThat(report.kolmogorovSmirnov().statistic()).isZero();
        assertThat(report.kolmogorovSmirnov().pValue()).isEqualTo(1.0);
        assertThat(report.wasserstein().statistic()).isZero();
    }

    @Test
    void differentConstantsAreCompletelySeparated() {
        KsResult ks = DriftStatistics.kolmogorovSmirnov(new double[] {1, 1, 1}, new double[] {2, 2, 2});
        assertThat(ks.statistic()).isEqualTo(1.0);
        assertThat(ks.pValue()).isCloseTo(0.1, within(1e-12)); // 2 / C(6,3): only the 2 separating orders
        assertThat(DriftStatistics.wasserstein(new double[] {1, 1}, new double[] {2.5}).statistic()).isEqualTo(1.5);
    }

    @Test
    void currentValuesBeyondTheReferenceRangeFallIntoTheOpenOuterBins() {
        double[] reference = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        PsiResult psi = DriftStatistics.psi(reference, new double[] {-100, 1000},
                DriftOptions.defaults().withBins(2));
        assertThat(psi.bins()).extracting(PsiResult.Bin::label).containsExactly("(-Infinity, 5.5]", "(5.5, Infinity)");
        assertThat(psi.bins()).extracting(PsiResult.Bin::currentCount).containsExactly(1L, 1L);
        assertThat(psi.statistic()).isZero();
    }

    @Test
    void categoricalPsiUsesTheUnionOfCategories() {
        PsiResult psi = DriftStatistics.psi(new String[] {"a", "a", "b"}, new String[] {"c", "a"});
        assertThat(psi.bins()).extracting(PsiResult.Bin::label).containsExactly("a", "b", "c");
        assertThat(psi.bins()).extracting(PsiResult.Bin::currentCount).containsExactly(1L, 0L, 1L);
        double expected = (0.5 - 2.0 / 3) * Math.log(0.5 / (2.0 / 3)) + (1e-4 - 1.0 / 3) * Math.log(1e-4 / (1.0 / 3))
                + (0.5 - 1e-4) * Math.log(0.5 / 1e-4);
        assertThat(psi.statistic()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void chiSquareAppliesYatesOnlyWithOneDegreeOfFreedom() {
        ChiSquareResult two = DriftStatistics.chiSquare(new String[] {"a", "b", "a"}, new String[] {"b", "b"});
        assertThat(two.degreesOfFreedom()).isEqualTo(1);
        assertThat(two.yatesCorrection()).isTrue();
        ChiSquareResult three = DriftStatistics.chiSquare(new String[] {"a", "b", "c"}, new String[] {"b", "b"});
        assertThat(three.degreesOfFreedom()).isEqualTo(2);
        assertThat(three.yatesCorrection()).isFalse();
        ChiSquareResult one = DriftStatistics.chiSquare(new String[] {"a"}, new String[] {"a", "a"});
        assertThat(one.degreesOfFreedom()).isZero();
        assertThat(one.statistic()).isZero();
        assertThat(one.pValue()).isEqualTo(1.0);
    }

    @Test
    void largeSamplesSwitchToTheAsymptoticKsMethod() {
        double[] big = new double[10_001];
        for (int i = 0; i < big.length; i++) {
            big[i] = i;
        }
        assertThat(DriftStatistics.kolmogorovSmirnov(big, SAMPLE).method()).isEqualTo(KsResult.Method.ASYMPTOTIC);
        assertThat(DriftStatistics.kolmogorovSmirnov(SAMPLE, SAMPLE).method()).isEqualTo(KsResult.Method.EXACT);
    }

    @Test
    void inputsAreNotModified() {
        double[] reference = {3, 1, 2};
        double[] current = {9, 7, 8};
        DriftStatistics.numeric("x", reference, current, DriftOptions.defaults());
        assertThat(reference).containsExactly(3, 1, 2);
        assertThat(current).containsExactly(9, 7, 8);
    }

    @Test
    void optionsRejectNonsense() {
        assertThatThrownBy(() -> DriftOptions.defaults().withBins(1)).hasMessageContaining("bins must be at least 2: 1");
        assertThatThrownBy(() -> DriftOptions.defaults().withEpsilon(0)).hasMessageContaining("epsilon");
        assertThatThrownBy(() -> DriftOptions.defaults().withJsBase(1)).hasMessageContaining("jsBase");
    }

    @Test
    void jensenShannonInBaseTwoIsBoundedByOne() {
        DistanceResult js = DriftStatistics.jensenShannon(new String[] {"a"}, new String[] {"b"},
                DriftOptions.defaults().withJsBase(2));
        assertThat(js.statistic()).isCloseTo(1.0, within(1e-15));
    }
}
