package io.ctkit.bundle;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECKey;
import java.util.Base64;

/**
 * MANIFEST.sig: an Ed25519 signature over the exact bytes of MANIFEST.json, stored as the
 * standard base64 (with padding) of the 64 raw signature bytes and a final newline, 89 bytes.
 */
final class ManifestSignature {

    static final int SIGNATURE_BYTES = 64;
    /** Base64 text, and its newline. */
    static final long MAX_FILE_BYTES = 89;
    private static final int TEXT_BYTES = 88;

    private ManifestSignature() {
    }

    static byte[] sign(byte[] manifest, PrivateKey key) {
        requireEd25519(key);
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(manifest);
            String text = Base64.getEncoder().encodeToString(s.sign()) + "\n";
            return text.getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this Ed25519 key: " + e.getMessage(), e);
        }
    }

    /** The raw signature in MANIFEST.sig, checking only its form. */
    static byte[] decode(byte[] file, String source) throws BundleException {
        int length = file.length;
        if (length == TEXT_BYTES + 1 && file[TEXT_BYTES] == '\n') {
            length = TEXT_BYTES;
        }
        if (length != TEXT_BYTES) {
            throw new BundleException(source, wrongLength(file.length));
        }
        for (int i = 0; i < length; i++) {
            byte b = file[i];
            boolean base64 = b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9'
                    || b == '+' || b == '/' || b == '=';
            if (!base64) {
                throw new BundleException(source, "MANIFEST.sig is not base64: byte " + i + " is 0x"
                        + Integer.toHexString(b & 0xff));
            }
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(new String(file, 0, length, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new BundleException(source, "MANIFEST.sig is not valid base64: " + e.getMessage());
        }
        if (raw.length != SIGNATURE_BYTES) {
            throw new BundleException(source, "MANIFEST.sig holds " + raw.length + " bytes; an Ed25519 signature has "
                    + SIGNATURE_BYTES);
        }
        return raw;
    }

    static String wrongLength(long size) {
        return "MANIFEST.sig is " + size + " bytes; expected the base64 of a " + SIGNATURE_BYTES
                + "-byte Ed25519 signature: " + TEXT_BYTES + " characters and a newline";
    }

    static boolean verify(byte[] manifest, byte[] signature, PublicKey key) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(manifest);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            // A malformed signature (e.g. a scalar out of range) is as invalid as a wrong one.
            return false;
        }
    }

    static void requireEd25519(Key key) {
        if (!(key instanceof EdECKey ed) || !ed.getParams().getName().equalsIgnoreCase("Ed25519")) {
            throw new IllegalArgumentException("bundle signatures use Ed25519 keys; got a "
                    + (key == null ? "null key" : key.getAlgorithm() + " key"));
        }
    }
}
