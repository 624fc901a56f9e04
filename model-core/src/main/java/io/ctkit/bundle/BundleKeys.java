package io.ctkit.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
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
 * Ed25519 keys for signing bundles, in the PEM files OpenSSL and Python's {@code cryptography}
 * use: {@code -----BEGIN PUBLIC KEY-----} (X.509 SubjectPublicKeyInfo) and
 * {@code -----BEGIN PRIVATE KEY-----} (unencrypted PKCS#8). {@code openssl genpkey -algorithm
 * ed25519 -out key.pem} and {@code openssl pkey -in key.pem -pubout -out key.pub.pem} make a pair.
 */
public final class BundleKeys {

    private static final String PUBLIC = "PUBLIC KEY";
    private static final String PRIVATE = "PRIVATE KEY";

    private BundleKeys() {
    }

    /** A new random Ed25519 key pair. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 15+ platform has Ed25519", e);
        }
    }

    /** Reads an Ed25519 public key from a PEM file. */
    public static PublicKey readPublicKey(Path pem) throws IOException {
        byte[] der = decode(pem, PUBLIC);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new BundleException(pem.toString(), "is not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** Reads an unencrypted Ed25519 private key (PKCS#8) from a PEM file. */
    public static PrivateKey readPrivateKey(Path pem) throws IOException {
        byte[] der = decode(pem, PRIVATE);
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new BundleException(pem.toString(), "is not an Ed25519 private key: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a key as PEM to a new file ({@code PUBLIC KEY} or {@code PRIVATE KEY} by its type).
     * A private key file is created readable by its owner only, where the file system allows.
     */
    public static void writePem(Path pem, Key key) throws IOException {
        ManifestSignature.requireEd25519(key);
        boolean isPrivate = key instanceof PrivateKey;
        String label = isPrivate ? PRIVATE : PUBLIC;
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        String text = "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
        if (isPrivate && pem.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(pem, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(pem, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        } else {
            Files.writeString(pem, text, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        }
    }

    private static byte[] decode(Path pem, String label) throws IOException {
        if (Files.size(pem) > 64 << 10) {
            throw new BundleException(pem.toString(), "is too large to be a PEM key file");
        }
        String text = Files.readString(pem, StandardCharsets.ISO_8859_1);
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            String found = text.contains("-----BEGIN ") ? " (found " + text.substring(text.indexOf("-----BEGIN "),
                    Math.min(text.length(), text.indexOf("-----BEGIN ") + 40)).split("\n")[0] + ")" : "";
            throw new BundleException(pem.toString(), "is not a PEM file with a '" + begin + "' block" + found);
        }
        try {
            return Base64.getDecoder().decode(text.substring(from + begin.length(), to).replaceAll("[ \t\r\n]", ""));
        } catch (IllegalArgumentException e) {
            throw new BundleException(pem.toString(), "has a PEM block that is not valid base64: " + e.getMessage());
        }
    }
}
