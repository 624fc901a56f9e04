package io.ctkit.drift;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * All drift statistics of one feature, reference vs current. Statistics are always computed and
 * recorded; judging them is {@link DriftThresholds}' job. Serialises to JSON with Jackson as is
 * (statistics that do not apply to the kind are {@code null} and omitted).
 *
 * @param feature            feature name
 * @param kind               numeric or categorical
 * @param referenceSize      values in the reference sample
 * @param currentSize        values in the current sample
 * @param psi                population stability index
 * @param jensenShannon      Jensen–Shannon distance over the PSI bins / categories
 * @param kolmogorovSmirnov  two-sample KS test (numeric only)
 * @param wasserstein        Wasserstein-1 distance of the raw samples (numeric only)
 * @param chiSquare          chi-square test of homogeneity (categorical only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DriftReport(String feature, FeatureKind kind, int referenceSize, int currentSize,
                          PsiResult psi, DistanceResult jensenShannon, KsResult kolmogorovSmirnov,
                          DistanceResult wasserstein, ChiSquareResult chiSquare) {

    public DriftReport {
        if (feature == null || feature.isBlank()) {
            throw new IllegalArgumentException("drift report needs a feature name");
        }
        if (kind == null) {
            throw new IllegalArgumentException("drift report for feature '" + feature + "' needs a kind");
        }
        Results.requireSizes(referenceSize, currentSize);
        if (psi == null || jensenShannon == null) {
            throw new IllegalArgumentException("drift report for feature '" + feature + "' needs psi and jensenShannon");
        }
        boolean numeric = kind == FeatureKind.NUMERIC;
        if (numeric != (kolmogorovSmirnov != null) || numeric != (wasserstein != null) || numeric == (chiSquare != null)) {
            throw new IllegalArgumentException("drift report for " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " feature '" + feature + "' must have "
                    + (numeric ? "kolmogorovSmirnov and wasserstein and no chiSquare"
                               : "chiSquare and no kolmogorovSmirnov or wasserstein"));
        }
    }
}
