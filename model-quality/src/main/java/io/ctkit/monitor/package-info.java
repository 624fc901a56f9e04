/**
 * The monitor step: {@link io.ctkit.monitor.MonitorStep} judges a served model from the scoring
 * server's prediction and feedback log (live metrics over a window, input drift against the
 * {@link io.ctkit.monitor.DriftReference} stored in the bundle at train time) and decides ok,
 * degraded or retrain; {@link io.ctkit.monitor.MonitorSettings} is the {@code monitor:} section.
 * See docs/monitor.md.
 */
package io.ctkit.monitor;
