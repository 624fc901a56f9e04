package io.ctkit.drift;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Two-sided two-sample Kolmogorov–Smirnov test, as {@code scipy.stats.ks_2samp} with defaults.
 *
 * @param statistic     sup |F_ref − F_cur| in [0, 1]; with the exact method snapped to the
 *                      lattice h/lcm(n_ref, n_cur), as scipy reports it
 * @param pValue        probability under "same distribution" of a statistic at least this large
 * @param method        exact (both sizes ≤ 10 000) or asymptotic
 * @param referenceSize values in the reference sample
 * @param currentSize   values in the current sample
 */
public record KsResult(double statistic, double pValue, Method method, int referenceSize, int currentSize) {

    /** How the p-value was computed. */
    public enum Method {
        /** Exact null distribution of the two-sample statistic (lattice-path counting). */
        @JsonProperty("exact") EXACT,
        /** One-sample Kolmogorov distribution with n = round(m·n/(m+n)) (scipy's 'asymp'). */
        @JsonProperty("asymptotic") ASYMPTOTIC
    }

    public KsResult {
        Results.requireProbability("ks statistic", statistic);
        Results.requireProbability("ks p-value", pValue);
        if (method == null) {
            throw new IllegalArgumentException("ks method must not be null");
        }
        Results.requireSizes(referenceSize, currentSize);
    }
}
