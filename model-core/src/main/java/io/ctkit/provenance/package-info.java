/**
 * Provenance: the typed record of where a model comes from (data fingerprints, config hash,
 * code version, seed, runtime), written by training and read back by the registry and
 * {@code ctkit models lineage}.
 */
package io.ctkit.provenance;
