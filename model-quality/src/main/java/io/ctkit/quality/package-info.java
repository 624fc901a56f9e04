/**
 * Shared entry points of the quality module: {@link io.ctkit.quality.SettingsFiles} reads the
 * schema and policy files the steps take. The steps themselves live in their feature packages:
 * {@link io.ctkit.validate.ValidateDataStep}, {@link io.ctkit.evaluate.EvaluateStep},
 * {@link io.ctkit.gate.GateStep}.
 */
package io.ctkit.quality;
