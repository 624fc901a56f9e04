package io.ctkit.image;

import io.ctkit.files.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Finds the scoring-server jar that goes into images. The CLI jar carries it as a resource (the
 * build copies it in), so {@code ctkit package} needs nothing else; it is copied out to a file named
 * by its digest, so repeated builds reuse Jib's layer cache and give the same image digest.
 */
public final class ScoringServerJar {

    /** The variable the CLI takes a jar from (a path), e.g. to package a locally patched server. */
    public static final String ENV = "CTKIT_SCORING_SERVER_JAR";
    static final String RESOURCE = "/io/ctkit/image/ctkit-scoring-server.jar";

    private ScoringServerJar() {}

    /**
     * The scoring-server jar this build carries, copied once to the user's cache directory
     * ({@code $XDG_CACHE_HOME/ctkit}, else {@code ~/.cache/ctkit}) under a name with its digest.
     *
     * @throws IOException when this build carries no jar (built without {@code mvn package})
     */
    public static Path bundled() throws IOException {
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
            AtomicFiles.write(jar, bytes);
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
