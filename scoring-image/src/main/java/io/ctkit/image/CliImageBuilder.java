package io.ctkit.image;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.DockerDaemonImage;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Builds the CLI image {@code ctkit/cli:<version>} with Jib: the CLI's self-contained jar on the
 * local base {@code ctkit/cli-base:17} (docker/cli-base/build.sh: a JRE with java.desktop for the
 * plots, the libraries ND4J's native code links, a POSIX shell for Tekton's scripts). It runs as
 * the non-root user 10001 in {@code /workspace}, with the CLI ({@code /usr/local/bin/ctkit}) as its
 * entrypoint and on the PATH; Tekton steps run
 * their {@code script} in it and Jenkins agents use it with {@code docker.image(...).inside}.
 * The layer has fixed times and permissions, so the same jar on the same base gives the same digest.
 */
public final class CliImageBuilder {

    /** The local base image the CLI image is built on, read from the Docker daemon. */
    public static final String BASE_IMAGE = "docker://ctkit/cli-base:17";
    /** Where the CLI jar lives in the image. */
    public static final String CLI_JAR = "/app/ctkit-cli.jar";
    /** The working directory, where Tekton mounts its workspaces and Jenkins the job's. */
    public static final String WORKING_DIRECTORY = "/workspace";
    /** The {@code ctkit} command on the PATH, for scripts (Tekton steps, Jenkins {@code sh}). */
    public static final String LAUNCHER = "/usr/local/bin/ctkit";
    /** The label carrying the ctkit version. */
    public static final String LABEL_VERSION = "io.ctkit.cli.version";

    private static final FilePermissions READ_ONLY = FilePermissions.fromOctalString("444");
    private static final FilePermissions EXECUTABLE = FilePermissions.fromOctalString("555");
    /**
     * ND4J extracts its native libraries to {@code ~/.javacpp/cache} by default; Tekton, OpenShift and
     * Jenkins' {@code inside} may run the image as a uid without a home (or a passwd entry), so the
     * cache goes to a per-uid directory under /tmp, which every uid can write.
     */
    private static final String LAUNCHER_SCRIPT = "#!/bin/sh\n"
            + "exec java -Dorg.bytedeco.javacpp.cachedir=/tmp/ctkit-javacpp-$(id -u) -jar " + CLI_JAR + " \"$@\"\n";

    private final Consumer<String> log;

    /** @param log receives progress lines (Jib's lifecycle messages and ctkit's own) */
    public CliImageBuilder(Consumer<String> log) {
        this.log = log;
    }

    /** The image reference for a ctkit version: {@code ctkit/cli:<version>}. */
    public static String reference(String version) {
        return "ctkit/cli:" + version;
    }

    /**
     * Builds the image from the CLI jar on the base and sends it to the target (the local daemon
     * or a tar file; pushing the CLI image to a registry is a job for the registry's own tools).
     */
    public BuiltImage build(Path cliJar, String version, String baseImage, ImageTarget target) throws IOException {
        if (!Files.isRegularFile(cliJar)) {
            throw new IOException("the CLI jar " + cliJar + " does not exist; build it with "
                    + "mvn -pl pipeline-steps -am package (it is pipeline-steps/target/ctkit-cli.jar)");
        }
        if (target instanceof ImageTarget.Registry) {
            throw new IllegalArgumentException("the CLI image is built into the local daemon or a tar file, not "
                    + target.reference() + "; push it with docker push");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_VERSION, version);
        labels.put("org.opencontainers.image.title", "ctkit CLI");
        labels.put("org.opencontainers.image.version", version);
        labels.put("org.opencontainers.image.vendor", "ctkit");
        Path launcher = Files.createTempFile("ctkit-launcher-", ".sh");
        try {
            Files.writeString(launcher, LAUNCHER_SCRIPT);
            Containerizer containerizer = target instanceof ImageTarget.Tar t
                    ? Containerizer.to(TarImage.at(t.file().toAbsolutePath()).named(t.reference()))
                    : Containerizer.to(DockerDaemonImage.named(target.reference()));
            containerizer.setToolName("ctkit").addEventHandler(LogEvent.class, event -> {
                if (event.getLevel() == LogEvent.Level.LIFECYCLE || event.getLevel() == LogEvent.Level.WARN
                        || event.getLevel() == LogEvent.Level.ERROR) {
                    log.accept(event.getMessage());
                }
            });
            log.accept("building image " + target.reference() + " from " + cliJar + " on " + baseImage);
            JibContainer container = Jib.from(baseImage)
                    .setFormat(ImageFormat.Docker)
                    .addFileEntriesLayer(FileEntriesLayer.builder()
                            .setName("ctkit-cli")
                            .addEntry(cliJar, AbsoluteUnixPath.get(CLI_JAR), READ_ONLY, Instant.ofEpochSecond(1))
                            .addEntry(launcher, AbsoluteUnixPath.get(LAUNCHER), EXECUTABLE, Instant.ofEpochSecond(1))
                            .build())
                    .setEntrypoint(List.of(LAUNCHER))
                    .setProgramArguments(List.of("--help"))
                    .setUser("10001:10001")
                    .setWorkingDirectory(AbsoluteUnixPath.get(WORKING_DIRECTORY))
                    .setEnvironment(Map.of("CTKIT_JAR", CLI_JAR, "HOME", "/home/ctkit",
                            "PATH", "/usr/local/bin:/opt/java/bin:/usr/bin:/bin"))
                    .setLabels(labels)
                    .setCreationTime(Instant.EPOCH)
                    .containerize(containerizer);
            log.accept("image " + target.reference() + " " + container.getDigest());
            return new BuiltImage(target.reference(), container.getDigest().toString(),
                    container.getImageId().toString(), labels);
        } catch (ExecutionException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new IOException("building image " + target.reference() + " failed: " + root.getMessage()
                    + " (is the base " + baseImage + " built? docker/cli-base/build.sh builds it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("building image " + target.reference() + " was interrupted", e);
        } catch (InvalidImageReferenceException | CacheDirectoryCreationException | RegistryException e) {
            throw new IOException("building image " + target.reference() + " failed: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(launcher);
        }
    }
}
