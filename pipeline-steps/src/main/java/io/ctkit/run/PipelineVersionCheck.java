package io.ctkit.run;

import io.ctkit.project.PipelineFile;
import io.ctkit.provenance.CodeVersion;
import io.ctkit.provenance.Provenance;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.ModelVersion;
import io.ctkit.registry.RegistryConfig;
import io.ctkit.registry.NotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * Retraining uses the pipeline that made the production model: a run whose trigger is not
 * {@code code} refuses to start when the code (the project's git commit, a dirty tree, or ctkit's
 * own version) differs from the one recorded in the production version's provenance. A project
 * without a registry or a production version has nothing to compare with, and starts.
 */
final class PipelineVersionCheck {
    private PipelineVersionCheck() {
    }

    /** @throws IllegalArgumentException saying what moved, from what to what, and the two ways on */
    static void check(PipelineFile project, String trigger) throws IOException {
        if (trigger.equals("code")) {
            return;
        }
        RegistryConfig config = RegistryConfig.fromEnvironment(project.projectDir());
        // Opening would create an embedded registry; one that does not exist has no production version.
        if (config.backend() == RegistryConfig.Backend.SQLITE
                && !Files.exists(config.blobDir().resolveSibling("registry.db"))) {
            return;
        }
        Optional<ModelVersion> production;
        Optional<Provenance> provenance;
        try (ModelRegistry registry = ModelRegistry.open(config)) {
            production = productionOf(registry, project.name());
            provenance = production.isEmpty() ? Optional.empty()
                    : registry.provenance(project.name(), production.get().version());
        }
        if (provenance.isEmpty() || provenance.get().code() == null) {
            return;
        }
        CodeVersion recorded = provenance.get().code();
        CodeVersion now = CodeVersion.of(project.projectDir());
        if (recorded.key().equals(now.key())) {
            return;
        }
        throw new IllegalArgumentException("the code has moved since " + production.get().reference()
                + " (production) was trained: it was made by " + describe(recorded) + ", the project is now at "
                + describe(now) + ". A " + trigger + " run retrains with the pipeline that made the production model: "
                + (recorded.gitCommit() != null ? "check out " + recorded.gitCommit() + " (git checkout "
                        + recorded.gitCommit().substring(0, 12) + ")" : "go back to that code")
                + (recorded.ctkit().equals(now.ctkit()) ? "" : " with ctkit " + recorded.ctkit())
                + " and run again; or, to train with the new code, run with --trigger code");
    }

    private static Optional<ModelVersion> productionOf(ModelRegistry registry, String model) throws IOException {
        try {
            return registry.production(model);
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private static String describe(CodeVersion v) {
        return (v.gitCommit() == null ? "no git commit" : "git " + v.gitCommit() + (v.dirty() ? " with uncommitted"
                + " changes" : "")) + ", ctkit " + v.ctkit();
    }
}
