package io.ctkit.run;

import io.ctkit.project.PipelineFile;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.RegistryConfig;
import io.ctkit.registry.RegistryException;

/**
 * The registry a run uses: {@code $CTKIT_REGISTRY} (a directory or a {@code jdbc:postgresql:} URL,
 * with {@code $CTKIT_REGISTRY_BLOBS}) when set, else the project's embedded one under
 * {@code <project>/.ctkit/registry}, the same default as {@code ctkit models}.
 */
final class ProjectRegistry {
    private ProjectRegistry() {
    }

    static ModelRegistry open(PipelineFile project) throws RegistryException {
        return ModelRegistry.open(RegistryConfig.fromEnvironment(project.projectDir()));
    }
}
