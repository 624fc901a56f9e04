package io.ctkit.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.DockerDaemonImage;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import io.ctkit.bundle.Bundle;
import io.ctkit.bundle.BundleException;
import io.ctkit.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Builds a scoring image with Jib: no Docker daemon is needed to build, only to load the result
 * into one. The layers, in the order they change least often: the base JRE, the scoring-server jar,
 * the model bundle. The bundle is copied from its verified bytes, so the image holds exactly what
 * was verified, and every layer is reproducible (fixed times and permissions), so the same inputs
 * give the same image digest.
 */
public final class ScoringImageBuilder {

    /** Where the server jar lives in the image. */
    public static final String SERVER_JAR = "/app/ctkit-scoring-server.jar";
    /** The versioned model directory: {@code /models/<name>/<version>/} holds the bundle. */
    public static final String MODELS_ROOT = "/models";
    /** The non-root user the server runs as. */
    public static final String USER = "10001:10001";

    /** Image labels, for registries, Kubernetes tooling and {@code docker inspect}. */
    public static final String LABEL_MODEL_NAME = "io.ctkit.model.name";
    public static final String LABEL_MODEL_VERSION = "io.ctkit.model.version";
    public static final String LABEL_MODEL_DIGEST = "io.ctkit.model.digest";
    public static final String LABEL_MODEL_TASK = "io.ctkit.model.task";

    private static final FilePermissions READ_ONLY = FilePermissions.fromOctalString("444");
    private static final Instant EPOCH_PLUS_ONE = Instant.ofEpochSecond(1);

    private final Consumer<String> log;

    /** @param log receives progress lines (Jib's lifecycle messages and ctkit's own) */
    public ScoringImageBuilder(Consumer<String> log) {
        this.log = log;
    }

    /** Builds the image and sends it to the target. */
    public BuiltImage build(ScoringImageSpec spec, ImageTarget target) throws IOException {
        if (!Files.isRegularFile(spec.serverJar())) {
            throw new IOException("scoring-server jar " + spec.serverJar() + " does not exist");
        }
        Bundle bundle = Bundle.open(spec.bundle());
        Model model = Model.from(bundle);
        String name = model.name();
        Path staging = Files.createTempDirectory("ctkit-image-");
        try {
            stage(bundle, staging);
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put(LABEL_MODEL_NAME, name);
            labels.put(LABEL_MODEL_VERSION, Long.toString(spec.modelVersion()));
            labels.put(LABEL_MODEL_DIGEST, bundle.digest());
            labels.put(LABEL_MODEL_TASK, model.task().toString());
            labels.put("org.opencontainers.image.title", name + " scoring service");
            labels.put("org.opencontainers.image.vendor", "ctkit");

            String modelDir = MODELS_ROOT + "/" + name;
            List<String> entrypoint = new ArrayList<>();
            entrypoint.add("java");
            entrypoint.addAll(spec.jvmOptions());
            entrypoint.addAll(List.of("-jar", SERVER_JAR, "--model", modelDir, "--port", Integer.toString(spec.port())));

            JibContainerBuilder builder = base(spec.baseImage())
                    .setFormat(ImageFormat.Docker)
                    .addFileEntriesLayer(FileEntriesLayer.builder()
                            .setName("scoring-server")
                            .addEntry(spec.serverJar(), AbsoluteUnixPath.get(SERVER_JAR), READ_ONLY, EPOCH_PLUS_ONE)
                            .build())
                    .addFileEntriesLayer(bundleLayer(staging, AbsoluteUnixPath.get(modelDir + "/" + spec.modelVersion())))
                    .setEntrypoint(entrypoint)
                    .setProgramArguments(List.of())
                    .setUser(USER)
                    .setWorkingDirectory(AbsoluteUnixPath.get("/app"))
                    .setExposedPorts(Set.of(Port.tcp(spec.port())))
                    .setEnvironment(Map.of("CTKIT_MODEL_NAME", name))
                    .setLabels(labels)
                    .setCreationTime(Instant.EPOCH);
            log.accept("building image " + target.reference() + " for model " + name + " version "
                    + spec.modelVersion() + " (" + bundle.digest() + ") on " + spec.baseImage());
            JibContainer container = builder.containerize(containerizer(target));
            log.accept("image " + target.reference() + " " + container.getDigest());
            return new BuiltImage(target.reference(), container.getDigest().toString(),
                    container.getImageId().toString(), labels);
        } catch (BundleException e) {
            throw e;
        } catch (ExecutionException e) {
            throw new IOException("building image " + target.reference() + " failed: " + rootMessage(e)
                    + hint(spec.baseImage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("building image " + target.reference() + " was interrupted", e);
        } catch (com.google.cloud.tools.jib.api.InvalidImageReferenceException
                | com.google.cloud.tools.jib.api.CacheDirectoryCreationException
                | com.google.cloud.tools.jib.api.RegistryException e) {
            throw new IOException("building image " + target.reference() + " failed: " + e.getMessage(), e);
        } finally {
            deleteTree(staging);
        }
    }

    private JibContainerBuilder base(String reference)
            throws com.google.cloud.tools.jib.api.InvalidImageReferenceException {
        if (reference.startsWith(Jib.DOCKER_DAEMON_IMAGE_PREFIX)) {
            ImageReferences.check(reference.substring(Jib.DOCKER_DAEMON_IMAGE_PREFIX.length()));
            return Jib.from(reference);
        }
        if (reference.startsWith(Jib.TAR_IMAGE_PREFIX)) {
            return Jib.from(reference);
        }
        String name = reference.startsWith(Jib.REGISTRY_IMAGE_PREFIX)
                ? reference.substring(Jib.REGISTRY_IMAGE_PREFIX.length()) : reference;
        ImageReferences.check(name);
        // A private base image is pulled with the same credentials as a push.
        ImageReference ref = ImageReference.parse(name);
        RegistryImage image = RegistryImage.named(ref);
        credentialRetrievers(ref, System.getenv(), event -> log.accept(event.getMessage()))
                .forEach(image::addCredentialRetriever);
        return Jib.from(image);
    }

    /**
     * Where a pull or a push finds a registry's credentials, in this order: {@code config.json} or
     * {@code .dockerconfigjson} in {@code $DOCKER_CONFIG} (the directory that docker itself, Tekton's
     * docker-credentials workspaces and Jenkins' {@code docker.withRegistry} point it at), {@code ~/.docker/config.json},
     * then the well-known credential helpers (gcr, ecr, ...).
     */
    static List<com.google.cloud.tools.jib.api.CredentialRetriever> credentialRetrievers(ImageReference ref,
            Map<String, String> environment, Consumer<LogEvent> log) {
        CredentialRetrieverFactory credentials = CredentialRetrieverFactory.forImage(ref, log);
        List<com.google.cloud.tools.jib.api.CredentialRetriever> retrievers = new ArrayList<>();
        String dockerConfig = environment.get("DOCKER_CONFIG");
        if (dockerConfig != null && !dockerConfig.isBlank()) {
            retrievers.add(credentials.dockerConfig(Path.of(dockerConfig, "config.json")));
            // a kubernetes.io/dockerconfigjson Secret mounted as a directory
            retrievers.add(credentials.dockerConfig(Path.of(dockerConfig, ".dockerconfigjson")));
        }
        retrievers.add(credentials.dockerConfig());
        retrievers.add(credentials.wellKnownCredentialHelpers());
        return retrievers;
    }

    private Containerizer containerizer(ImageTarget target)
            throws com.google.cloud.tools.jib.api.InvalidImageReferenceException {
        Containerizer containerizer;
        if (target instanceof ImageTarget.Daemon d) {
            containerizer = Containerizer.to(DockerDaemonImage.named(d.reference()));
        } else if (target instanceof ImageTarget.Tar t) {
            containerizer = Containerizer.to(TarImage.at(t.file().toAbsolutePath()).named(t.reference()));
        } else {
            ImageTarget.Registry r = (ImageTarget.Registry) target;
            ImageReference ref = ImageReference.parse(r.reference());
            RegistryImage image = RegistryImage.named(ref);
            credentialRetrievers(ref, System.getenv(), event -> log.accept(event.getMessage()))
                    .forEach(image::addCredentialRetriever);
            containerizer = Containerizer.to(image).setAllowInsecureRegistries(r.allowInsecure());
        }
        return containerizer
                .setToolName("ctkit")
                .addEventHandler(LogEvent.class, event -> {
                    if (event.getLevel() == LogEvent.Level.LIFECYCLE || event.getLevel() == LogEvent.Level.WARN
                            || event.getLevel() == LogEvent.Level.ERROR) {
                        log.accept(event.getMessage());
                    }
                });
    }

    private static void stage(Bundle bundle, Path dir) throws IOException {
        Files.write(dir.resolve("MANIFEST.json"), bundle.manifestBytes());
        if (bundle.signatureFile().isPresent()) {
            Files.write(dir.resolve("MANIFEST.sig"), bundle.signatureFile().get());
        }
        for (String file : bundle.files()) {
            Path target = dir.resolve(file);
            Files.createDirectories(target.getParent());
            Files.write(target, bundle.bytes(file));
        }
    }

    private static FileEntriesLayer bundleLayer(Path staging, AbsoluteUnixPath into) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("model-bundle");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(staging)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String relative = staging.relativize(file).toString().replace('\\', '/');
            layer.addEntry(file, into.resolve(relative), READ_ONLY, EPOCH_PLUS_ONE);
        }
        return layer.build();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static String hint(String base) {
        if (base.startsWith(Jib.DOCKER_DAEMON_IMAGE_PREFIX) || base.startsWith(Jib.TAR_IMAGE_PREFIX)) {
            return "";
        }
        return " (the base image " + base + " comes from a registry; where none is reachable, build a local base with "
                + "docker/jre-base/build.sh and pass --base docker://ctkit/jre:17)";
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
