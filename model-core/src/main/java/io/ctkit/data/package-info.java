/**
 * CSV datasets read against a declared {@link io.ctkit.data.Schema}: a strict RFC 4180
 * parser, typed columnar storage ({@link io.ctkit.data.Dataset}), clear row-level errors
 * ({@link io.ctkit.data.DatasetException}), a SHA-256 fingerprint of the bytes read, and
 * reproducible train/validation/test splits ({@link io.ctkit.data.Split}).
 *
 * <p>Entry points: {@link io.ctkit.data.Schema#fromMap(java.util.Map)} or
 * {@link io.ctkit.data.Schema#builder()}, then {@link io.ctkit.data.DatasetReader}.
 */
package io.ctkit.data;
