package io.ctkit.bundle;

/**
 * A bundle whose signature was required or checked and does not hold: MANIFEST.sig is missing
 * when a signature is required, or does not verify with the given public key.
 */
public final class BundleSignatureException extends BundleException {
    private static final long serialVersionUID = 1L;

    BundleSignatureException(String source, String problem) {
        super(source, problem);
    }
}
