package io.ctkit.bundle;

import java.security.PublicKey;
import java.util.Objects;

/**
 * How {@link Bundle#open(java.nio.file.Path, BundleVerification)} checks a bundle beyond the
 * digests it always checks: the signature policy and the size limits. Immutable; the
 * {@code with*} methods return changed copies.
 *
 * <ul>
 *   <li>{@link #defaults()}: no key. A MANIFEST.sig, if present, must be well-formed but cannot
 *       be verified, and {@link Bundle#signed()} is false.</li>
 *   <li>{@link #verifySignatureIfPresent(PublicKey)}: a present MANIFEST.sig must verify with
 *       the key; an unsigned bundle is accepted.</li>
 *   <li>{@link #requireSignature(PublicKey)}: MANIFEST.sig must be present and verify.</li>
 * </ul>
 */
public final class BundleVerification {

    /** Default largest number of files a manifest may list. */
    public static final int DEFAULT_MAX_FILES = 10_000;
    /** Default largest total size of all files of a bundle (or of all tar entries): 2 GiB. */
    public static final long DEFAULT_MAX_TOTAL_BYTES = 2L << 30;

    private final PublicKey key;
    private final boolean required;
    private final int maxFiles;
    private final long maxTotalBytes;

    private BundleVerification(PublicKey key, boolean required, int maxFiles, long maxTotalBytes) {
        if (key != null) {
            ManifestSignature.requireEd25519(key);
        }
        if (maxFiles < 1) {
            throw new IllegalArgumentException("maxFiles must be at least 1: " + maxFiles);
        }
        if (maxTotalBytes < 1) {
            throw new IllegalArgumentException("maxTotalBytes must be at least 1: " + maxTotalBytes);
        }
        this.key = key;
        this.required = required;
        this.maxFiles = maxFiles;
        this.maxTotalBytes = maxTotalBytes;
    }

    /** Digests only; default limits. */
    public static BundleVerification defaults() {
        return new BundleVerification(null, false, DEFAULT_MAX_FILES, DEFAULT_MAX_TOTAL_BYTES);
    }

    /** Refuse a bundle without a MANIFEST.sig that verifies with this Ed25519 key. */
    public static BundleVerification requireSignature(PublicKey key) {
        return new BundleVerification(Objects.requireNonNull(key, "key"), true, DEFAULT_MAX_FILES,
                DEFAULT_MAX_TOTAL_BYTES);
    }

    /** Accept unsigned bundles, but refuse a MANIFEST.sig that does not verify with this Ed25519 key. */
    public static BundleVerification verifySignatureIfPresent(PublicKey key) {
        return new BundleVerification(Objects.requireNonNull(key, "key"), false, DEFAULT_MAX_FILES,
                DEFAULT_MAX_TOTAL_BYTES);
    }

    /** A copy allowing at most {@code maxFiles} files in the manifest (and in a tar or directory). */
    public BundleVerification withMaxFiles(int maxFiles) {
        return new BundleVerification(key, required, maxFiles, maxTotalBytes);
    }

    /** A copy allowing at most {@code maxTotalBytes} of file content in total. */
    public BundleVerification withMaxTotalBytes(long maxTotalBytes) {
        return new BundleVerification(key, required, maxFiles, maxTotalBytes);
    }

    public int maxFiles() {
        return maxFiles;
    }

    public long maxTotalBytes() {
        return maxTotalBytes;
    }

    PublicKey key() {
        return key;
    }

    boolean signatureRequired() {
        return required;
    }

    @Override
    public String toString() {
        String signature = key == null ? "no key" : required ? "signature required" : "signature checked if present";
        return "BundleVerification[" + signature + ", maxFiles " + maxFiles + ", maxTotalBytes " + maxTotalBytes + "]";
    }
}
