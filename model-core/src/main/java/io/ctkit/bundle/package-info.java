/**
 * Model bundle files: a directory or tar of {@code model.json}, weights and other files,
 * listed with their SHA-256 digests in {@code MANIFEST.json} and optionally signed with
 * Ed25519 in {@code MANIFEST.sig}. {@link io.ctkit.bundle.Bundle#open} verifies all of it
 * before handing out any byte; {@link io.ctkit.bundle.BundleWriter} writes bundles
 * deterministically. See {@code docs/model-bundle-files.md}.
 */
package io.ctkit.bundle;
