package io.ctkit.registry;

/** One file of a registered bundle, stored as the blob {@code sha256}. */
public record BundleFile(String path, String sha256, long size) {
}
