package io.ctkit.image;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What goes into a scoring image: one verified model bundle (served as version {@code modelVersion}
 * of a TensorFlow-Serving-style versioned directory), the scoring-server jar, on a base JRE image.
 *
 * @param bundle the model bundle directory
 * @param modelVersion the version directory the bundle is placed in, a positive number
 * @param serverJar the self-contained scoring-server jar
 * @param baseImage the base image: a registry reference, {@code docker://NAME} (local daemon) or
 *     {@code tar:///path/to.tar}
 * @param port the port the server listens on inside the container
 * @param jvmOptions options for the {@code java} command in the entrypoint
 */
public record ScoringImageSpec(
        Path bundle, long modelVersion, Path serverJar, String baseImage, int port, List<String> jvmOptions) {

    /** The default base: a public JRE image. No registry is reachable on the CI machines, which use
     * {@code docker://ctkit/jre:17} built by {@code docker/jre-base/build.sh}. */
    public static final String DEFAULT_BASE_IMAGE = "eclipse-temurin:17-jre";

    /** Memory follows the container's limit; no hsperfdata file, so the root filesystem can be
     * read-only; an OutOfMemoryError ends the process so that Kubernetes restarts it. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-Xshare:auto");

    public static final int DEFAULT_PORT = 8080;

    public ScoringImageSpec {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(serverJar, "serverJar");
        Objects.requireNonNull(baseImage, "baseImage");
        jvmOptions = List.copyOf(jvmOptions);
        if (modelVersion < 1) {
            throw new IllegalArgumentException("model version must be a positive number: " + modelVersion);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535: " + port);
        }
        if (baseImage.isBlank()) {
            throw new IllegalArgumentException("base image must not be empty");
        }
    }
}
