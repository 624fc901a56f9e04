package io.ctkit.bundle;

import java.security.PublicKey;
import java.util.Objects;

/**
 * How strictly to open a bundle. Digests are always verified; a signature is verified when a
 * public key is given, and then a missing or invalid {@code MANIFEST.sig} is refused.
 */
public final class BundleVerification {

    private static final BundleVerification DEFAULTS = new BundleVerification(null);

    private final PublicKey publicKey;

    private BundleVerification(PublicKey publicKey) {
        this.publicKey = publicKey;
    }

    /** Digests only; a signature, if present, is not checked (there is no key to check it with). */
    public static BundleVerification defaults() {
        return DEFAULTS;
    }

    /** Digests and a valid Ed25519 signature by the holder of this key's private half. */
    public static BundleVerification requireSignature(PublicKey publicKey) {
        Objects.requireNonNull(publicKey, "publicKey");
        if (!"Ed25519".equals(publicKey.getAlgorithm()) && !"EdDSA".equals(publicKey.getAlgorithm())) {
            throw new IllegalArgumentException("bundle signatures use Ed25519, not " + publicKey.getAlgorithm());
        }
        return new BundleVerification(publicKey);
    }

    PublicKey publicKey() {
        return publicKey;
    }
}
