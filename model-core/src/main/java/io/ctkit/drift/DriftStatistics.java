package io.ctkit.drift;

import java.util.Objects;

/**
 * Drift statistics between a reference sample and a current sample of one feature.
 *
 * <p>Numeric samples are {@code double[]}, categorical ones {@code String[]}. Every method
 * rejects a null or empty sample, a NaN or infinite value, or a null category with an
 * {@link IllegalArgumentException} naming the sample and index. Inputs are not modified.
 * Definitions (bins, epsilon, which scipy computation is reproduced) are in {@code docs/drift.md}.
 */
public final class DriftStatistics {

    private DriftStatistics() {
    }

    /** Two-sided two-sample KS test, as {@code scipy.stats.ks_2samp(reference, current)}. */
    public static KsResult kolmogorovSmirnov(double[] reference, double[] current) {
        return KolmogorovSmirnov.test(reference, current);
    }

    /** {@code scipy.stats.wasserstein_distance(reference, current)}. */
    public static DistanceResult wasserstein(double[] reference, double[] current) {
        double[] a = Samples.sortedCopy(reference, "reference");
        double[] b = Samples.sortedCopy(current, "current");
        return new DistanceResult(Divergences.wasserstein(a, b), a.length, b.length);
    }

    /** PSI over reference-quantile bins with default bins and epsilon. */
    public static PsiResult psi(double[] reference, double[] current) {
        return psi(reference, current, DriftOptions.defaults());
    }

    /** PSI over {@code options.bins()} reference-quantile bins, proportions floored at {@code options.epsilon()}. */
    public static PsiResult psi(double[] reference, double[] current, DriftOptions options) {
        return Binned.of(reference, current, options).psi(options.epsilon());
    }

    /** PSI over the union of categories with the default epsilon. */
    public static PsiResult psi(String[] reference, String[] current) {
        return psi(reference, current, DriftOptions.defaults());
    }

    /** PSI over the union of categories, proportions floored at {@code options.epsilon()}. */
    public static PsiResult psi(String[] reference, String[] current, DriftOptions options) {
        return Binned.of(reference, current).psi(options.epsilon());
    }

    /** {@code scipy.spatial.distance.jensenshannon} of the binned distributions (PSI's bins). */
    public static DistanceResult jensenShannon(double[] reference, double[] current, DriftOptions options) {
        return Binned.of(reference, current, options).jensenShannon(options.jsBase());
    }

    /** {@code scipy.spatial.distance.jensenshannon} of the category distributions. */
    public static DistanceResult jensenShannon(String[] reference, String[] current, DriftOptions options) {
        return Binned.of(reference, current).jensenShannon(options.jsBase());
    }

    /** {@code scipy.stats.chi2_contingency} on the 2×K table of category counts. */
    public static ChiSquareResult chiSquare(String[] reference, String[] current) {
        return ChiSquare.test(CategoryCounts.of(reference, current));
    }

    /** PSI, Jensen–Shannon, KS and Wasserstein of a numeric feature. */
    public static DriftReport numeric(String feature, double[] reference, double[] current, DriftOptions options) {
        Objects.requireNonNull(options, "options");
        Binned binned = Binned.of(reference, current, options);
        return new DriftReport(feature, FeatureKind.NUMERIC, reference.length, current.length,
                binned.psi(options.epsilon()), binned.jensenShannon(options.jsBase()),
                kolmogorovSmirnov(reference, current), wasserstein(reference, current), null);
    }

    /** PSI, Jensen–Shannon and chi-square of a categorical feature. */
    public static DriftReport categorical(String feature, String[] reference, String[] current, DriftOptions options) {
        Objects.requireNonNull(options, "options");
        Binned binned = Binned.of(reference, current);
        return new DriftReport(feature, FeatureKind.CATEGORICAL, reference.length, current.length,
                binned.psi(options.epsilon()), binned.jensenShannon(options.jsBase()),
                null, null, chiSquare(reference, current));
    }

    /** Both samples' counts over common bins, shared by PSI and Jensen–Shannon. */
    private record Binned(long[] reference, long[] current, java.util.List<PsiResult.Bin> bins) {

        static Binned of(double[] reference, double[] current, DriftOptions options) {
            Objects.requireNonNull(options, "options");
            double[] sortedReference = Samples.sortedCopy(reference, "reference");
            Samples.check(current, "current");
            QuantileBinning binning = QuantileBinning.of(sortedReference, options.bins());
            long[] r = binning.counts(sortedReference);
            long[] c = binning.counts(current);
            return new Binned(r, c, binning.bins(r, c));
        }

        static Binned of(String[] reference, String[] current) {
            CategoryCounts counts = CategoryCounts.of(reference, current);
            return new Binned(counts.reference(), counts.current(), counts.bins());
        }

        PsiResult psi(double epsilon) {
            return new PsiResult(Divergences.psi(reference, current, epsilon), epsilon, bins,
                    (int) total(reference), (int) total(current));
        }

        DistanceResult jensenShannon(double base) {
            return new DistanceResult(Divergences.jensenShannon(reference, current, base),
                    (int) total(reference), (int) total(current));
        }

        private static long total(long[] counts) {
            long s = 0;
            for (long c : counts) {
                s += c;
            }
            return s;
        }
    }
}
