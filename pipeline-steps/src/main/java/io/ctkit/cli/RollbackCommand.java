package io.ctkit.cli;

import io.ctkit.registry.AliasMove;
import io.ctkit.registry.Promotion;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ctkit models rollback}: undo the latest promotion of an alias. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        header = "Move an alias (default production) back to the version it held before its latest promotion.",
        description = "Each rollback undoes one more promotion: rolling back twice goes two promotions back. The move"
                + " is recorded with who, when and --reason (required).")
final class RollbackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RegistryOptions options;

    @Parameters(paramLabel = "MODEL")
    String model;

    @Option(names = "--alias", defaultValue = Promotion.PRODUCTION, description = "Alias to move back (default: ${DEFAULT-VALUE}).")
    String alias;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (recorded).")
    String reason;

    @Option(names = "--actor", paramLabel = "WHO", description = "Who (default: $USER).")
    String actor;

    @Override
    public Integer call() throws Exception {
        return options.run(registry -> {
            AliasMove move = registry.rollback(model, alias, ModelsCommand.who(actor), reason);
            if (options.json) {
                RegistryJson.print(spec.commandLine().getOut(), move);
            } else {
                spec.commandLine().getOut().printf("%s@%s: %d -> %d (rollback by %s: %s)%n", move.model(), move.alias(),
                        move.fromVersion(), move.toVersion(), move.actor(), move.reason());
            }
        });
    }
}
