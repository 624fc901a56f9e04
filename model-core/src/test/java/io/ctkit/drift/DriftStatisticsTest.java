package io.ctkit.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DriftStatisticsTest {

    private static final double[] SAMPLE = {1.0, 2.0, 3.0, 4.0};

    private static final double[] WITH_NAN = {1.0, Double.NaN, 3.0};

    static Stream<Arguments> nanInNumericSampleIsRejectedWithSampleAndIndex() {
        return Stream.of(
                arguments(named("ks", (ThrowingCallable) () -> DriftStatistics.kolmogorovSmirnov(SAMPLE, WITH_NAN)),
                        "current sample has a non-finite value at index 1: NaN"),
                arguments(named("psi", (ThrowingCallable) () -> DriftStatistics.psi(WITH_NAN, SAMPLE)),
                        "reference sample has a non-finite value at index 1"),
                arguments(named("wasserstein", (ThrowingCallable) () -> DriftStatistics.wasserstein(SAMPLE, WITH_NAN)),
                        "current sample"),
                arguments(named("numeric", (ThrowingCallable) () -> DriftStatistics.numeric("age", SAMPLE, WITH_NAN,
                        DriftOptions.defaults())), "index 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void nanInNumericSampleIsRejectedWithSampleAndIndex(ThrowingCallable statistic, String message) {
        assertThatThrownBy(statistic)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void infinityIsRejectedLikeNan() {
        assertThatThrownBy(() -> DriftStatistics.wasserstein(new double[] {Double.POSITIVE_INFINITY}, SAMPLE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reference sample has a non-finite value at index 0: Infinity");
    }

    static Stream<Arguments> emptySamplesAreRejected() {
        return Stream.of(
                arguments(named("ks", (ThrowingCallable) () -> DriftStatistics.kolmogorovSmirnov(new double[0], SAMPLE)),
                        "reference sample is empty"),
                arguments(named("chi-square", (ThrowingCallable) () -> DriftStatistics.chiSquare(new String[] {"a"},
                        new String[0])), "current sample is empty"),
                arguments(named("jensen-shannon", (ThrowingCallable) () -> DriftStatistics.jensenShannon(new double[0],
                        SAMPLE, DriftOptions.defaults())), "reference sample is empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void emptySamplesAreRejected(ThrowingCallable statistic, String message) {
        assertThatThrownBy(statistic)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
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
        assertSoftly(softly -> {
            softly.assertThat(report.psi().statistic()).isZero();
            softly.assertThat(report.jensenShannon().statistic()).isZero();
            softly.assertThat(report.kolmogorovSmirnov().statistic()).isZero();
            softly.assertThat(report.kolmogorovSmirnov().pValue()).isEqualTo(1.0);
            softly.assertThat(report.wasserstein().statistic()).isZero();
        });
    }

    @Test
    void differentConstantsAreCompletelySeparated() {
        KsResult ks = DriftStatistics.kolmogorovSmirnov(new double[] {1, 1, 1}, new double[] {2, 2, 2});
        assertThat(ks.statistic()).isEqualTo(1.0);
        assertThat(ks.pValue()).isCloseTo(0.1, within(1e-12)); // 2 / C(6,3): only the 2 separating orders
    }

    @Test
    void wassersteinOfDifferentConstantsIsTheirDistance() {
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
    }

    @Test
    void chiSquareWithTwoDegreesOfFreedomHasNoYatesCorrection() {
        ChiSquareResult three = DriftStatistics.chiSquare(new String[] {"a", "b", "c"}, new String[] {"b", "b"});
        assertThat(three.degreesOfFreedom()).isEqualTo(2);
        assertThat(three.yatesCorrection()).isFalse();
    }

    @Test
    void chiSquareOfASingleCategoryHasNoDegreeOfFreedomAndShowsNoDrift() {
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

    static Stream<Arguments> optionsRejectNonsense() {
        return Stream.of(
                arguments(named("1 bin", (ThrowingCallable) () -> DriftOptions.defaults().withBins(1)),
                        "bins must be at least 2: 1"),
                arguments(named("epsilon 0", (ThrowingCallable) () -> DriftOptions.defaults().withEpsilon(0)), "epsilon"),
                arguments(named("base 1", (ThrowingCallable) () -> DriftOptions.defaults().withJsBase(1)), "jsBase"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void optionsRejectNonsense(ThrowingCallable option, String message) {
        assertThatThrownBy(option).hasMessageContaining(message);
    }

    @Test
    void jensenShannonInBaseTwoIsBoundedByOne() {
        DistanceResult js = DriftStatistics.jensenShannon(new String[] {"a"}, new String[] {"b"},
                DriftOptions.defaults().withJsBase(2));
        assertThat(js.statistic()).isCloseTo(1.0, within(1e-15));
    }
}
