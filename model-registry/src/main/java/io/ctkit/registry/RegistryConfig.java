package io.ctkit.registry;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a registry lives: the database (an SQLite file, or a PostgreSQL server) and the blob
 * directory holding the content-addressed artifacts. Immutable.
 *
 * <ul>
 *   <li>{@link #forProject(Path)}: the embedded default, {@code <project>/.ctkit/registry/}
 *       with {@code registry.db} and {@code blobs/}; nothing to set up.</li>
 *   <li>{@link #embedded(Path)}: the same layout in another directory.</li>
 *   <li>{@link #postgres(String, Path)}: a PostgreSQL database and a shared blob directory
 *       (e.g. a volume mounted in every pod of a pipeline).</li>
 * </ul>
 *
 * @param backend which database
 * @param jdbcUrl the JDBC URL ({@code jdbc:sqlite:...} or {@code jdbc:postgresql://...})
 * @param blobDir the blob directory
 * @param user PostgreSQL user, or null (then the URL or the driver's defaults apply)
 * @param password PostgreSQL password, or null
 */
public record RegistryConfig(Backend backend, String jdbcUrl, Path blobDir, String user, String password) {

    /** Environment variable naming the registry when no {@code --registry} option is given. */
    public static final String ENVIRONMENT = "CTKIT_REGISTRY";
    /** Environment variable naming the blob directory of a PostgreSQL registry. */
    public static final String BLOBS_ENVIRONMENT = "CTKIT_REGISTRY_BLOBS";

    /** The database a registry keeps its records in. */
    public enum Backend { SQLITE, POSTGRESQL }

    public RegistryConfig {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(blobDir, "blobDir");
    }

    /** The embedded default of a project: {@code <project>/.ctkit/registry/}. */
    public static RegistryConfig forProject(Path projectDir) {
        return embedded(projectDir.resolve(".ctkit").resolve("registry"));
    }

    /** An embedded registry in {@code dir}: {@code dir/registry.db} and {@code dir/blobs/}. */
    public static RegistryConfig embedded(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        return new RegistryConfig(Backend.SQLITE, "jdbc:sqlite:" + abs.resolve("registry.db"), abs.resolve("blobs"),
                null, null);
    }

    /** A PostgreSQL registry; credentials may be in the URL ({@code ?user=..&password=..}). */
    public static RegistryConfig postgres(String jdbcUrl, Path blobDir) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("a PostgreSQL registry URL starts with jdbc:postgresql:, got " + jdbcUrl);
        }
        return new RegistryConfig(Backend.POSTGRESQL, jdbcUrl, blobDir.toAbsolutePath().normalize(), null, null);
    }

    /** A copy with these PostgreSQL credentials. */
    public RegistryConfig withCredentials(String user, String password) {
        return new RegistryConfig(backend, jdbcUrl, blobDir, user, password);
    }

    /**
     * Reads a registry location as users give it ({@code --registry}, {@code CTKIT_REGISTRY}): a
     * directory for an embedded registry, or a {@code jdbc:postgresql:} URL, which needs
     * {@code blobDir}. Null or blank means the project's embedded default.
     *
     * @throws RegistryException for another kind of JDBC URL, or a PostgreSQL URL without a blob directory
     */
    public static RegistryConfig parse(String location, Path blobDir, Path projectDir) throws RegistryException {
        if (location == null || location.isBlank()) {
            return forProject(projectDir);
        }
        if (location.startsWith("jdbc:postgresql:")) {
            if (blobDir == null) {
                throw new RegistryException("registry " + redact(location) + " is a PostgreSQL database and needs a"
                        + " shared blob directory: give --registry-blobs DIR or set " + BLOBS_ENVIRONMENT);
            }
            return postgres(location, blobDir);
        }
        if (location.startsWith("jdbc:")) {
            throw new RegistryException("registry " + redact(location) + ": only jdbc:postgresql: URLs and directories"
                    + " (embedded SQLite) are supported");
        }
        return embedded(Path.of(location));
    }

    /**
     * The registry as the environment names it: {@code CTKIT_REGISTRY} (a directory or a
     * {@code jdbc:postgresql:} URL) and {@code CTKIT_REGISTRY_BLOBS}; the project's embedded
     * default when {@code CTKIT_REGISTRY} is not set. What the CLI, {@code ctkit run} and the test
     * kit use when not told otherwise.
     */
    public static RegistryConfig fromEnvironment(Path projectDir) throws RegistryException {
        return fromEnvironment(null, null, projectDir, System.getenv());
    }

    /**
     * As {@link #fromEnvironment(Path)}, with explicit values (null: not given) taking precedence
     * over the environment {@code env}.
     */
    public static RegistryConfig fromEnvironment(String location, Path blobDir, Path projectDir,
            java.util.Map<String, String> env) throws RegistryException {
        String where = location != null ? location : env.get(ENVIRONMENT);
        Path blobs = blobDir;
        String envBlobs = env.get(BLOBS_ENVIRONMENT);
        if (blobs == null && envBlobs != null && !envBlobs.isBlank()) {
            blobs = Path.of(envBlobs);
        }
        return parse(where, blobs, projectDir);
    }

    /**
     * The environment that names this registry, the reverse of {@link #fromEnvironment}:
     * {@code CTKIT_REGISTRY} (the embedded registry's directory, or the PostgreSQL URL) and, for
     * PostgreSQL, {@code CTKIT_REGISTRY_BLOBS}. What a step passes to a child process (the project's
     * tests) so that it opens the same registry. Credentials given with {@link #withCredentials} are
     * not passed.
     */
    public java.util.Map<String, String> environment() {
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
        if (backend == Backend.SQLITE) {
            env.put(ENVIRONMENT, sqliteDirectory().toString());
        } else {
            env.put(ENVIRONMENT, jdbcUrl);
            env.put(BLOBS_ENVIRONMENT, blobDir.toString());
        }
        return env;
    }

    /** The directory of an embedded registry's database (for its lock file). */
    Path sqliteDirectory() {
        return Path.of(jdbcUrl.substring("jdbc:sqlite:".length())).getParent();
    }

    /** Where the registry is, without any password. */
    public String describe() {
        return backend == Backend.SQLITE ? sqliteDirectory().toString() : redact(jdbcUrl);
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public String toString() {
        return "RegistryConfig[" + backend + ", " + describe() + ", blobs " + blobDir + "]";
    }
}
