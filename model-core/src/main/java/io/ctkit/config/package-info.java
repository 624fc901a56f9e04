/**
 * Reading settings strictly: {@link io.ctkit.config.ConfigNode} walks a parsed YAML or JSON
 * document with field paths, refuses unknown keys (with a "did you mean") and values of the
 * wrong kind, and throws {@link io.ctkit.config.ConfigException} naming file, path and fix.
 * ctkit.yaml, schemas, gate and validation policies are all read with it.
 */
package io.ctkit.config;
