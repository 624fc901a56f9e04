/**
 * Drift statistics between a reference and a current sample of a feature: PSI, Jensen–Shannon
 * distance, two-sample Kolmogorov–Smirnov (scipy-exact p-values), Wasserstein-1 and the
 * chi-square test of homogeneity.
 *
 * <p>Start with {@link io.ctkit.drift.DriftStatistics}; per-feature results are
 * {@link io.ctkit.drift.DriftReport}s, judged by {@link io.ctkit.drift.DriftThresholds} and
 * serialised by {@link io.ctkit.drift.DriftJson}. Definitions are in {@code docs/drift.md}.
 */
package io.ctkit.drift;
