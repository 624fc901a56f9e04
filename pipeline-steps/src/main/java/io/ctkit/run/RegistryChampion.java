package io.ctkit.run;

import io.ctkit.project.PipelineFile;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.ModelVersion;
import io.ctkit.registry.Promotion;
import io.ctkit.registry.RegistryConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The champion for the gate of {@code ctkit run}: the bundle the {@code production} alias of the
 * project's model points at, exported (verified) into a directory. Empty on a first run, when no
 * version is in production yet (the gate's {@code first_run} rule then decides).
 */
public final class RegistryChampion {

    private RegistryChampion() {
    }

    /**
     * Exports the champion of {@code project} into {@code dir} (which must not exist or be empty)
     * from the registry the environment names, else the project's embedded one.
     */
    public static Optional<ModelVersion> export(PipelineFile project, Path dir) throws IOException {
        return export(RegistryConfig.fromEnvironment(project.projectDir()), project.name(), dir);
    }

    public static Optional<ModelVersion> export(RegistryConfig config, String model, Path dir) throws IOException {
        try (ModelRegistry registry = ModelRegistry.open(config)) {
            if (registry.models().stream().noneMatch(m -> m.name().equals(model))) {
                return Optional.empty();
            }
            Optional<ModelVersion> champion = registry.alias(model, Promotion.PRODUCTION);
            if (champion.isPresent()) {
                registry.exportBundle(model, champion.get().version(), dir);
            }
            return champion;
        }
    }
}
