package io.ctkit.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys for bundle signatures, in the PEM files OpenSSL uses
 * ({@code openssl genpkey -algorithm ed25519}; public key {@code openssl pkey -pubout}).
 */
public final class BundleKeys {
    private BundleKeys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks Ed25519", e);
        }
    }

    /** Reads a {@code -----BEGIN PUBLIC KEY-----} PEM file (X.509 SubjectPublicKeyInfo). */
    public static PublicKey readPublicKey(Path pem) throws IOException {
        byte[] der = decode(pem, "PUBLIC KEY");
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new BundleException(pem + ": not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** Reads a {@code -----BEGIN PRIVATE KEY-----} PEM file (PKCS#8). */
    public static PrivateKey readPrivateKey(Path pem) throws IOException {
        byte[] der = decode(pem, "PRIVATE KEY");
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new BundleException(pem + ": not an Ed25519 private key: " + e.getMessage(), e);
        }
    }

    /** Writes a public key ({@code PUBLIC KEY}) or private key ({@code PRIVATE KEY}) as PEM. */
    public static void writePem(Path file, Key key) throws IOException {
        String type = key instanceof PrivateKey ? "PRIVATE KEY" : "PUBLIC KEY";
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }

    private static byte[] decode(Path pem, String type) throws IOException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            throw new BundleException(pem + ": expected a PEM block \"" + begin + "\"");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
        } catch (IllegalArgumentException ex) {
            throw new BundleException(pem + ": the PEM block is not valid base64");
        }
    }
}
