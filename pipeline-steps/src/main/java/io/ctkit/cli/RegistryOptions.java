package io.ctkit.cli;

import io.ctkit.registry.BlobIntegrityException;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.PolicyException;
import io.ctkit.registry.RegistryConfig;
import io.ctkit.registry.RegistryException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.ScopeType;

/**
 * The options every registry verb shares: where the registry is. Inherited, so that on a command
 * with subcommands ({@code models}, {@code runs}) they may come before or after the subcommand.
 */
final class RegistryOptions {

    /** The command the options are mixed into: {@code models}, {@code runs} or {@code register}. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--registry", scope = ScopeType.INHERIT, paramLabel = "DIR|JDBC-URL",
            description = "Registry: a directory (embedded SQLite) or a jdbc:postgresql: URL"
                    + " (default: $CTKIT_REGISTRY, else <project>/.ctkit/registry).")
    String location;

    @Option(names = "--registry-blobs", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Shared blob directory of a PostgreSQL registry (default: $CTKIT_REGISTRY_BLOBS).")
    Path blobs;

    @Option(names = "--project", scope = ScopeType.INHERIT, paramLabel = "DIR", defaultValue = ".",
            description = "Project directory holding the embedded default registry (default: the current directory).")
    Path project;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print JSON instead of text.")
    boolean json;

    ModelRegistry open() throws RegistryException {
        return ModelRegistry.open(RegistryConfig.fromEnvironment(location, blobs, project, System.getenv()));
    }

    /**
     * An option given both before and after the subcommand ({@code models --registry A list
     * --registry B}) lands in the same field, the later silently winning; refuse it instead.
     */
    private void requireGivenOnce() {
        ParseResult parent = mixee == null ? null : mixee.commandLine().getParseResult();
        if (parent == null || !parent.hasSubcommand()) {
            return;
        }
        ParseResult sub = parent.subcommand();
        for (OptionSpec option : mixee.options()) {
            if (option.scopeType() == ScopeType.INHERIT && parent.hasMatchedOption(option.longestName())
                    && sub.hasMatchedOption(option.longestName())) {
                throw new ParameterException(sub.commandSpec().commandLine(), option.longestName()
                        + " is given both before and after '" + sub.commandSpec().name() + "'; give it once");
            }
        }
    }

    /** A look-up in an embedded registry that is not there is a mistyped path: say so, create nothing. */
    private void requireExisting() throws RegistryException {
        String where = location != null ? location : System.getenv(RegistryConfig.ENVIRONMENT);
        RegistryConfig config = RegistryConfig.parse(where, blobs, project);
        if (config.backend() == RegistryConfig.Backend.SQLITE) {
            java.nio.file.Path db = java.nio.file.Path.of(config.jdbcUrl().substring("jdbc:sqlite:".length()));
            if (!java.nio.file.Files.isRegularFile(db)) {
                throw new UserException("no registry at " + db.getParent() + " (no registry.db); give --registry DIR or"
                        + " --project DIR of a project that has registered a model, or register one first");
            }
        }
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
        return run(work, false);
    }

    /** As {@link #run(Work)}, creating an embedded registry that does not exist yet (register does). */
    int runCreating(Work work) throws Exception {
        return run(work, true);
    }

    private int run(Work work, boolean create) throws Exception {
        requireGivenOnce();
        if (!create) {
            requireExisting();
        }
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
