package io.ctkit.drift;

/**
 * Chi-square test of homogeneity between the category counts of both samples, as
 * {@code scipy.stats.chi2_contingency} with defaults on the 2×K table.
 *
 * @param statistic        Pearson's chi-square statistic (Yates-corrected when dof = 1)
 * @param pValue           chi-square survival function of the statistic at {@code degreesOfFreedom}
 * @param degreesOfFreedom K − 1 for K categories in the union of both samples
 * @param yatesCorrection  whether Yates' continuity correction was applied (exactly when dof = 1)
 * @param referenceSize    values in the reference sample
 * @param currentSize      values in the current sample
 */
public record ChiSquareResult(double statistic, double pValue, int degreesOfFreedom, boolean yatesCorrection,
                              int referenceSize, int currentSize) {

    public ChiSquareResult {
        if (!(statistic >= 0) || Double.isInfinite(statistic)) {
            throw new IllegalArgumentException("chi-square statistic must be a finite number >= 0: " + statistic);
        }
        Results.requireProbability("chi-square p-value", pValue);
        if (degreesOfFreedom < 0) {
            throw new IllegalArgumentException("chi-square degrees of freedom must be >= 0: " + degreesOfFreedom);
        }
        Results.requireSizes(referenceSize, currentSize);
    }
}
