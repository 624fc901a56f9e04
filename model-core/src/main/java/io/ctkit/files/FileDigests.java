package io.ctkit.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Digests of whole files, streamed (a file is never held in memory). */
public final class FileDigests {
    private FileDigests() {
    }

    /**
     * {@code sha256:<hex>} of the file's bytes: the fingerprint a data set read from it carries
     * ({@code Dataset.fingerprint()}), and the digest lineage records for a config file.
     */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] block = new byte[1 << 16];
            for (int n = in.read(block); n >= 0; n = in.read(block)) {
                digest.update(block, 0, n);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }
}
