package io.ctkit.bundle;

/**
 * A bundle whose content does not match what it claims: a file whose SHA-256 differs from
 * MANIFEST.json, or a signature that does not verify. The bundle was changed or damaged.
 */
public final class BundleIntegrityException extends BundleException {
    private static final long serialVersionUID = 1L;

    public BundleIntegrityException(String message) {
        super(message);
    }
}
