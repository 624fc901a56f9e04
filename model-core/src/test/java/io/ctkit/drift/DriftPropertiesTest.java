package io.ctkit.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class DriftPropertiesTest {

    @Property(tries = 300)
    void psiIsNonNegative(@ForAll @Size(min = 1, max = 60) double[] reference,
                          @ForAll @Size(min = 1, max = 60) double[] current,
                          @ForAll @IntRange(min = 2, max = 20) int bins) {
        double[] r = finite(reference);
        double[] c = finite(current);
        assertThat(DriftStatistics.psi(r, c, DriftOptions.defaults().withBins(bins)).statistic())
                .isGreaterThanOrEqualTo(0.0);
    }

    @Property(tries = 300)
    void psiIsZeroForIdenticalSamples(@ForAll @Size(min = 1, max = 80) double[] sample,
                                      @ForAll @IntRange(min = 2, max = 20) int bins) {
        double[] s = finite(sample);
        assertThat(DriftStatistics.psi(s, s.clone(), DriftOptions.defaults().withBins(bins)).statistic()).isZero();
    }

    @Property(tries = 300)
    void categoricalPsiIsNonNegativeAndZeroForIdenticalSamples(
            @ForAll @Size(min = 1, max = 40) String[] reference, @ForAll @Size(min = 1, max = 40) String[] current) {
        assertThat(DriftStatistics.psi(reference, current).statistic()).isGreaterThanOrEqualTo(0.0);
        assertThat(DriftStatistics.psi(reference, reference.clone()).statistic()).isZero();
    }

    @Property(tries = 300)
    void ksStatisticIsInUnitIntervalAndSymmetric(@ForAll @Size(min = 1, max = 60) double[] a,
                                                 @ForAll @Size(min = 1, max = 60) double[] b) {
        double[] x = finite(a);
        double[] y = finite(b);
        KsResult forward = DriftStatistics.kolmogorovSmirnov(x, y);
        KsResult backward = DriftStatistics.kolmogorovSmirnov(y, x);
        assertThat(forward.statistic()).isBetween(0.0, 1.0);
        assertThat(forward.pValue()).isBetween(0.0, 1.0);
        assertThat(backward.statistic()).isEqualTo(forward.statistic());
        assertThat(backward.pValue()).isCloseTo(forward.pValue(), within(1e-12));
    }

    @Property(tries = 300)
    void wassersteinIsSymmetricAndZeroForIdenticalSamples(
            @ForAll @Size(min = 1, max = 60) double[] a, @ForAll @Size(min = 1, max = 60) double[] b) {
        double[] x = bounded(a);
        double[] y = bounded(b);
        double forward = DriftStatistics.wasserstein(x, y).statistic();
        assertThat(DriftStatistics.wasserstein(y, x).statistic()).isCloseTo(forward, within(1e-9 * (1 + forward)));
        assertThat(DriftStatistics.wasserstein(x, x.clone()).statistic()).isZero();
    }

    @Property(tries = 300)
    void shiftingBothSamplesLeavesWassersteinUnchanged(
            @ForAll @Size(min = 1, max = 40) double[] a, @ForAll @Size(min = 1, max = 40) double[] b,
            @ForAll @DoubleRange(min = -1e3, max = 1e3) double shift) {
        double[] x = bounded(a);
        double[] y = bounded(b);
        double before = DriftStatistics.wasserstein(x, y).statistic();
        double after = DriftStatistics.wasserstein(shifted(x, shift), shifted(y, shift)).statistic();
        assertThat(after).isCloseTo(before, within(1e-9 * (1 + Math.abs(shift) + before)));
    }

    @Property(tries = 300)
    void shiftingOneCopyByCGivesDistanceAbsC(@ForAll @Size(min = 1, max = 40) double[] a,
                                             @ForAll @DoubleRange(min = -1e3, max = 1e3) double shift) {
        double[] x = bounded(a);
        double distance = DriftStatistics.wasserstein(x, shifted(x, shift)).statistic();
        assertThat(distance).isCloseTo(Math.abs(shift), within(1e-9 * (1 + Math.abs(shift))));
    }

    /** Keeps generated values finite (NaN/∞ are rejected by design and tested elsewhere). */
    private static double[] finite(double[] values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                out[i] = i;
            }
        }
        return out;
    }

    /** Finite and moderate, so shifted differences stay exactly representable enough for 1e-9. */
    private static double[] bounded(double[] values) {
        double[] out = finite(values);
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(-1e4, Math.min(1e4, out[i]));
        }
        return out;
    }

    private static double[] shifted(double[] values, double shift) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i] + shift;
        }
        return out;
    }
}
