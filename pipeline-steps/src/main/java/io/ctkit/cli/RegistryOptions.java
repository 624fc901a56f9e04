package io.ctkit.cli;

import io.ctkit.registry.BlobIntegrityException;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.PolicyException;
import io.ctkit.registry.RegistryConfig;
import io.ctkit.registry.RegistryException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every registry verb shares: where the registry is. */
final class RegistryOptions {

    @Option(names = "--registry", paramLabel = "DIR|JDBC-URL",
            description = "Registry: a directory (embedded SQLite) or a jdbc:postgresql: URL"
                    + " (default: $CTKIT_REGISTRY, else <project>/.ctkit/registry).")
    String location;

    @Option(names = "--registry-blobs", paramLabel = "DIR",
            description = "Shared blob directory of a PostgreSQL registry (default: $CTKIT_REGISTRY_BLOBS).")
    Path blobs;

    @Option(names = "--project", paramLabel = "DIR", defaultValue = ".",
            description = "Project directory holding the embedded default registry (default: the current directory).")
    Path project;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    ModelRegistry open() throws RegistryException {
        return ModelRegistry.open(RegistryConfig.fromEnvironment(location, blobs, project, System.getenv()));
    }

    /** Work done against an open registry. */
    interface Work {
        void run(ModelRegistry registry) throws Exception;
    }

    /**
     * Opens the registry, runs the work and maps the registry's refusals to exit codes: a policy
     * refusal or a corrupt blob is a failed check (1); anything else it reports is an input error (2).
     */
    int run(Work work) throws Exception {
        try (ModelRegistry registry = open()) {
            work.run(registry);
            return 0;
        } catch (PolicyException | BlobIntegrityException e) {
            throw new CheckFailedException(e.getMessage());
        }
    }

    /** A version given as a number or an alias. */
    static int versionNumber(ModelRegistry registry, String model, String versionOrAlias) throws Exception {
        return registry.resolve(model, versionOrAlias).version();
    }
}
