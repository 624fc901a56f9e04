package io.ctkit.testkit.internal.serving;

import io.ctkit.image.ImageTarget;
import io.ctkit.image.PackageStep;
import io.ctkit.image.ScoringImageSpec;
import io.ctkit.image.ScoringServerJar;
import io.ctkit.testkit.internal.ModelLocator.LocatedModel;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/** The scoring image in the local Docker engine, through Testcontainers. */
public final class DockerServer {

    /** How long the container may take to answer {@code /v2/health/ready}. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private DockerServer() {
    }

    /** Whether a Docker engine answers (Testcontainers' own discovery: DOCKER_HOST, the socket, its config). */
    public static boolean engineAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * The image tag the kit builds a bundle into: {@code ctkit/<model>:<registered version>}, or the
     * first 12 hex digits of the bundle digest for a bundle named by path.
     */
    public static String imageTag(LocatedModel located) {
        String name = located.model().name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        String digest = located.bundle().digest();
        String tag = located.version() > 0 ? String.valueOf(located.version())
                : digest.substring(digest.indexOf(':') + 1, digest.indexOf(':') + 13);
        return "ctkit/" + name + ":" + tag;
    }

    /**
     * Builds the bundle's image into the daemon with the package step.
     *
     * @param bundleDir the bundle as a directory or .tar
     */
    public static String build(LocatedModel located, Path bundleDir, String baseImage) throws IOException {
        String tag = imageTag(located);
        long version = located.version() > 0 ? located.version() : 1;
        PackageStep.run(PackageStep.Request.of(new ScoringImageSpec(bundleDir, version, ScoringServerJar.bundled(),
                baseImage, ScoringImageSpec.DEFAULT_PORT, ScoringImageSpec.DEFAULT_JVM_OPTIONS),
                new ImageTarget.Daemon(tag)));
        return tag;
    }

    /** Starts the image and waits until it is ready. */
    public static RunningServer start(String image) throws IOException {
        GenericContainer<?> container = new GenericContainer<>(image)
                .withExposedPorts(ScoringImageSpec.DEFAULT_PORT)
                .waitingFor(Wait.forHttp("/v2/health/ready").forStatusCode(200).withStartupTimeout(READY_TIMEOUT));
        try {
            container.start();
        } catch (ContainerLaunchException | IllegalStateException e) {
            String logs = "";
            try {
                logs = container.getLogs();
            } catch (RuntimeException ignored) {
                // no container was created: there is no log to show
            }
            container.close();
            throw new IOException("the scoring image " + image + " did not become ready (GET /v2/health/ready) within "
                    + READY_TIMEOUT.toSeconds() + " s: " + rootMessage(e) + (logs.isBlank() ? "" : "\ncontainer log:\n" + logs), e);
        }
        URI base = URI.create("http://" + container.getHost() + ":" + container.getMappedPort(ScoringImageSpec.DEFAULT_PORT));
        String id = container.getContainerId();
        return new RunningServer(base, "DOCKER", "image " + image + " (container " + id.substring(0, Math.min(12, id.length()))
                + ")", container::getLogs, container::close);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }
}
