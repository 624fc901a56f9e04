/**
 * The model registry and metadata store. {@link io.ctkit.registry.ModelRegistry#open} opens an
 * embedded store (SQLite file and blob directory, {@link io.ctkit.registry.RegistryConfig#forProject})
 * or a PostgreSQL one with a shared blob directory; both run the same Flyway migrations.
 * {@link io.ctkit.registry.ModelRegistry#register} turns a bundle and its evidence
 * ({@link io.ctkit.registry.Registration}) into an immutable, numbered
 * {@link io.ctkit.registry.ModelVersion}; {@link io.ctkit.registry.ModelRegistry#promote} and
 * {@link io.ctkit.registry.ModelRegistry#rollback} move aliases under the gate-verdict policy;
 * {@link io.ctkit.registry.Run} records pipeline runs with their inputs, steps and outputs, and
 * {@link io.ctkit.registry.ModelRegistry#lineage} reads it all back. See {@code docs/registry.md}.
 */
package io.ctkit.registry;
