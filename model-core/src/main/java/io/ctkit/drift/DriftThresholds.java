package io.ctkit.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When a feature counts as drifted: PSI above {@code maxPsi}, or a test's p-value below its
 * minimum (KS for numeric features, chi-square for categorical ones). Any one suffices.
 * Jensen–Shannon and Wasserstein are reported but not judged here: their scale depends on the
 * feature.
 *
 * @param maxPsi             PSI above this is drift (default 0.2, the usual "significant shift")
 * @param minKsPValue        KS p-value below this is drift (default 0.01)
 * @param minChiSquarePValue chi-square p-value below this is drift (default 0.01)
 */
public record DriftThresholds(double maxPsi, double minKsPValue, double minChiSquarePValue) {

    public DriftThresholds {
        if (!(maxPsi >= 0) || Double.isInfinite(maxPsi)) {
            throw new IllegalArgumentException("maxPsi must be a finite number >= 0, e.g. 0.2: " + maxPsi);
        }
        Results.requireProbability("minKsPValue", minKsPValue);
        Results.requireProbability("minChiSquarePValue", minChiSquarePValue);
    }

    /** PSI &gt; 0.2, KS p &lt; 0.01, chi-square p &lt; 0.01. */
    public static DriftThresholds defaults() {
        return new DriftThresholds(0.2, 0.01, 0.01);
    }

    /** Applies the thresholds to one feature's statistics. */
    public DriftVerdict evaluate(DriftReport report) {
        List<String> reasons = new ArrayList<>();
        if (report.psi().statistic() > maxPsi) {
            reasons.add(format("psi %.4g > %.4g", report.psi().statistic(), maxPsi));
        }
        if (report.kolmogorovSmirnov() != null && report.kolmogorovSmirnov().pValue() < minKsPValue) {
            reasons.add(format("ks p-value %.4g < %.4g (statistic %.4g)", report.kolmogorovSmirnov().pValue(),
                    minKsPValue, report.kolmogorovSmirnov().statistic()));
        }
        if (report.chiSquare() != null && report.chiSquare().pValue() < minChiSquarePValue) {
            reasons.add(format("chi-square p-value %.4g < %.4g (statistic %.4g, dof %d)", report.chiSquare().pValue(),
                    minChiSquarePValue, report.chiSquare().statistic(), report.chiSquare().degreesOfFreedom()));
        }
        return new DriftVerdict(report.feature(), !reasons.isEmpty(), reasons);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
