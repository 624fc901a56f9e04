package io.ctkit.testkit.internal;

import io.ctkit.bundle.Bundle;
import io.ctkit.model.Model;
import io.ctkit.registry.ModelReference;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.ModelVersion;
import io.ctkit.registry.RegistryConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the model a test names, the same way for every part of the kit: a bundle directory or
 * {@code .tar}, a registry reference ({@code name@alias}, {@code name:version}), or nothing, which
 * means the model the pipeline is testing ({@value #MODEL_PROPERTY}, then {@value #MODEL_ENVIRONMENT}).
 *
 * <p>The registry is {@value #REGISTRY_PROPERTY}, then {@value #REGISTRY_ENVIRONMENT} (a directory or
 * a {@code jdbc:postgresql:} URL, with {@code CTKIT_REGISTRY_BLOBS}), else the project's embedded one
 * under the working directory.
 */
public final class ModelLocator {

    public static final String MODEL_PROPERTY = "ctkit.model";
    public static final String MODEL_ENVIRONMENT = "CTKIT_MODEL";
    public static final String REGISTRY_PROPERTY = "ctkit.registry";
    public static final String REGISTRY_ENVIRONMENT = RegistryConfig.ENVIRONMENT;

    private final Function<String, String> properties;
    private final Map<String, String> environment;
    private final Path workingDirectory;

    /** A locator reading these system properties and this environment, resolving paths against a directory. */
    public ModelLocator(Function<String, String> properties, Map<String, String> environment, Path workingDirectory) {
        this.properties = properties;
        this.environment = environment;
        this.workingDirectory = workingDirectory;
    }

    /** The locator of this JVM: its system properties, its environment, its working directory. */
    public static ModelLocator ofThisJvm() {
        return new ModelLocator(System::getProperty, System.getenv(), Path.of("").toAbsolutePath());
    }

    /**
     * The model a test names, verified. {@code declared} is the annotation's value; blank means the
     * pipeline's model.
     *
     * @param construct what names the model, for messages (e.g. {@code @ModelQualityTest(model)})
     * @throws ModelNotFound saying what was looked for, where, and what to set
     */
    public LocatedModel locate(String declared, String construct) throws ModelNotFound {
        String text = declared;
        String source = construct;
        if (text == null || text.isBlank()) {
            text = properties.apply(MODEL_PROPERTY);
            source = "system property " + MODEL_PROPERTY;
            if (text == null || text.isBlank()) {
                text = environment.get(MODEL_ENVIRONMENT);
                source = "environment variable " + MODEL_ENVIRONMENT;
            }
            if (text == null || text.isBlank()) {
                throw new ModelNotFound("no model to test: " + construct + " names none, and neither the system"
                        + " property " + MODEL_PROPERTY + " nor the environment variable " + MODEL_ENVIRONMENT
                        + " is set; set one of them to a bundle path or a registry reference (name@alias,"
                        + " name:version), or name the model in " + construct);
            }
        }
        text = text.strip();
        try {
            Optional<ModelReference> reference = ModelReference.find(text);
            if (reference.isPresent()) {
                return fromRegistry(reference.get(), source);
            }
        } catch (ModelNotFound e) {
            throw e;
        } catch (IOException e) {
            throw new ModelNotFound(source + ": " + e.getMessage(), e);
        }
        Path path = workingDirectory.resolve(text).normalize();
        if (!Files.exists(path)) {
            throw new ModelNotFound(source + ": no model bundle at " + path + " (\"" + text + "\"); give a bundle"
                    + " directory or .tar, or a registry reference such as " + exampleName(text) + "@production");
        }
        try {
            Bundle bundle = Bundle.open(path);
            Model model = Model.from(bundle);
            return new LocatedModel(bundle, model, path, null, 0, model.name() + " " + shortDigest(bundle.digest()));
        } catch (IOException e) {
            throw new ModelNotFound(source + ": " + path + " is not a usable model bundle: " + e.getMessage(), e);
        }
    }

    /** The registry these settings name. */
    public RegistryConfig registry() throws IOException {
        String location = properties.apply(REGISTRY_PROPERTY);
        if (location == null || location.isBlank()) {
            location = null;
        }
        return RegistryConfig.fromEnvironment(location, null, workingDirectory, environment);
    }

    private LocatedModel fromRegistry(ModelReference reference, String source) throws IOException {
        RegistryConfig config = registry();
        try (ModelRegistry registry = ModelRegistry.open(config)) {
            ModelVersion version = registry.resolve(reference);
            Bundle bundle = registry.bundle(version.model(), version.version());
            return new LocatedModel(bundle, Model.from(bundle), null, version.model(), version.version(),
                    version.model() + ":" + version.version() + (reference.isAlias() ? " (" + reference + ")" : "") + " "
                            + shortDigest(bundle.digest()));
        } catch (IOException e) {
            throw new ModelNotFound(source + ": " + reference + " could not be resolved in the registry "
                    + config.describe() + ": " + e.getMessage(), e);
        }
    }

    private static String exampleName(String text) {
        String name = Path.of(text).getFileName() == null ? "model" : Path.of(text).getFileName().toString();
        return name.replaceAll("[^A-Za-z0-9._-]", "").replaceAll("\\.tar$", "");
    }

    /** {@code sha256:9a1c4e2b…}: enough to tell versions apart in a message. */
    public static String shortDigest(String digest) {
        String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
        return "sha256:" + hex.substring(0, Math.min(12, hex.length())) + "…";
    }

    /**
     * A model found for a test.
     *
     * @param bundle the verified bundle
     * @param model the model it holds, ready to score
     * @param path the bundle's path when it was named by path, else null
     * @param registeredAs the registered model's name when it came from the registry, else null
     * @param version the registered version, or 0
     * @param description for messages: name, version and a short digest
     */
    public record LocatedModel(Bundle bundle, Model model, Path path, String registeredAs, int version, String description) {
    }

    /** The model could not be found or opened; the message says what to set. */
    public static final class ModelNotFound extends IOException {
        private static final long serialVersionUID = 1L;

        public ModelNotFound(String message) {
            super(message);
        }

        public ModelNotFound(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
