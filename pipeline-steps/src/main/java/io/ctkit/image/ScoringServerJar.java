package io.ctkit.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Finds the scoring-server jar that goes into images. The CLI jar carries it as a resource (the
 * build copies it in), so {@code ctkit package} needs nothing else; it is copied out to a file named
 * by its digest, so repeated builds reuse Jib's layer cache and give the same image digest.
 */
public final class ScoringServerJar {

    /** Overrides the jar (a path), e.g. to package a locally patched server. */
    public static final String ENV = "CTKIT_SCORING_SERVER_JAR";
    static final String RESOURCE = "/io/ctkit/image/ctkit-scoring-server.jar";

    private ScoringServerJar() {}

    public static Path locate() throws IOException {
        String override = System.getenv(ENV);
        if (override != null && !override.isBlank()) {
            Path jar = Path.of(override);
            if (!Files.isRegularFile(jar)) {
                throw new IOException(ENV + "=" + override + ": no such file");
            }
            return jar;
        }
        byte[] bytes;
        try (InputStream in = ScoringServerJar.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("this ctkit build carries no scoring-server jar (resource " + RESOURCE
                        + "); rebuild with mvn package, or pass --server-jar or set " + ENV);
            }
            bytes = in.readAllBytes();
        }
        Path dir = cacheDir();
        Files.createDirectories(dir);
        Path jar = dir.resolve("ctkit-scoring-server-" + sha256(bytes).substring(0, 16) + ".jar");
        if (!Files.isRegularFile(jar) || Files.size(jar) != bytes.length) {
            Path tmp = Files.createTempFile(dir, ".scoring-server", ".tmp");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return jar;
    }

    private static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("ctkit");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
