/**
 * Model-quality metrics with the definitions of scikit-learn, bootstrap confidence
 * intervals, paired champion/challenger comparison, per-slice metrics, confusion matrices
 * and calibration curves.
 *
 * <p>Start with {@link io.ctkit.metrics.Predictions} (validated inputs) and
 * {@link io.ctkit.metrics.Evaluator} (immutable configuration); results are immutable
 * {@link io.ctkit.metrics.Evaluation}s that read and write the ctkit metrics report JSON.
 * Metric names, inputs and edge cases are documented in {@code docs/metrics.md}.
 */
package io.ctkit.metrics;
