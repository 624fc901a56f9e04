package io.ctkit.cli;

import io.ctkit.registry.AliasMove;
import io.ctkit.registry.Lineage;
import io.ctkit.registry.MetricEstimate;
import io.ctkit.registry.ModelInfo;
import io.ctkit.registry.ModelVersion;
import io.ctkit.registry.Promotion;
import io.ctkit.registry.RecordedVerdict;
import io.ctkit.registry.Report;
import io.ctkit.registry.Verification;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ctkit models ...}: the model registry. */
@Command(
        name = "models",
        header = "Inspect the model registry, compare versions, promote and roll back aliases.",
        mixinStandardHelpOptions = true,
        description = "Versions are given as numbers (3) or aliases (production, staging, any alias).")
final class ModelsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** Inherited by every subcommand: {@code models --registry X list} and {@code models list --registry X} both work. */
    @Mixin
    RegistryOptions options;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "models needs a subcommand: list, show, versions, compare, promote, rollback, lineage, history, gate, tag,"
                        + " export, verify");
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, header = "List the registered models.")
    int list() throws Exception {
        return options.run(registry -> {
            List<ModelInfo> models = registry.models();
            if (options.json) {
                RegistryJson.print(out(), models);
                return;
            }
            if (models.isEmpty()) {
                out().println("no models in " + registry.config().describe());
            }
            for (ModelInfo m : models) {
                out().printf("%-32s %4d version(s)  %s%n", m.name(), m.lastVersion(), aliases(m.aliases()));
            }
        });
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            header = "Show a model, or one version with its metrics, gate verdicts and evidence.")
    int show(@Parameters(index = "0", paramLabel = "MODEL") String model,
            @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION|ALIAS") String version) throws Exception {
        return options.run(registry -> {
            if (version == null) {
                ModelInfo m = registry.model(model);
                if (options.json) {
                    RegistryJson.print(out(), m);
                    return;
                }
                out().printf("%s: %d version(s), created %s%n  aliases: %s%n", m.name(), m.lastVersion(), m.createdAt(),
                        m.aliases().isEmpty() ? "none" : aliases(m.aliases()));
                if (m.description() != null) {
                    out().println("  description: " + m.description());
                }
                if (!m.tags().isEmpty()) {
                    out().println("  tags: " + m.tags());
                }
                return;
            }
            ModelVersion v = registry.resolve(model, version);
            Map<String, MetricEstimate> metrics = registry.metrics(model, v.version());
            List<RecordedVerdict> verdicts = registry.gateVerdicts(model, v.version());
            List<Report> reports = registry.reports(model, v.version());
            if (options.json) {
                Map<String, Object> all = new LinkedHashMap<>();
                all.put("version", v);
                all.put("metrics", metrics);
                all.put("gate_verdicts", verdicts);
                all.put("reports", reports);
                RegistryJson.print(out(), all);
                return;
            }
            PrintWriter o = out();
            o.printf("%s  %s%n", v.reference(), v.bundleDigest());
            o.printf("  registered %s by %s%s%n", v.createdAt(), v.createdBy(), v.runId() == null ? ""
                    : ", run " + v.runId() + " (trigger " + registry.run(v.runId()).trigger() + ")");
            if (v.description() != null) {
                o.println("  description: " + v.description());
            }
            o.println("  aliases: " + (v.aliases().isEmpty() ? "none" : String.join(", ", v.aliases())));
            if (!v.tags().isEmpty()) {
                o.println("  tags: " + v.tags());
            }
            metrics.forEach((k, m) -> o.printf("  %-20s %s%n", k, m.display()));
            for (RecordedVerdict g : verdicts) {
                o.printf("  gate: %s%s (%s)%n", g.passed() ? "passed" : "failed", g.firstRun() ? ", first run" : "",
                        g.recordedAt());
            }
            for (Report r : reports) {
                o.printf("  report %s (%s) sha256:%s%n", r.name(), r.kind(), r.sha256());
            }
        });
    }

    @Command(name = "versions", mixinStandardHelpOptions = true, header = "List the versions of a model.")
    int versions(@Parameters(paramLabel = "MODEL") String model) throws Exception {
        return options.run(registry -> {
            List<ModelVersion> versions = registry.versions(model);
            if (options.json) {
                RegistryJson.print(out(), versions);
                return;
            }
            for (ModelVersion v : versions) {
                out().printf("%5d  %s  %s  %s%s%n", v.version(), v.createdAt(), v.bundleDigest(), v.createdBy(),
                        v.aliases().isEmpty() ? "" : "  [" + String.join(", ", v.aliases()) + "]");
            }
        });
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            header = "Show the metrics of two versions side by side, with the differences (second - first).")
    int compare(@Parameters(index = "0", paramLabel = "MODEL") String model,
            @Parameters(index = "1", paramLabel = "A") String a, @Parameters(index = "2", paramLabel = "B") String b)
            throws Exception {
        return options.run(registry -> {
            ModelVersion va = registry.resolve(model, a);
            ModelVersion vb = registry.resolve(model, b);
            VersionComparison c = VersionComparison.of(va, registry.metrics(model, va.version()), vb,
                    registry.metrics(model, vb.version()));
            if (options.json) {
                RegistryJson.print(out(), c);
            } else {
                c.print(out());
            }
        });
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            header = "Point an alias (default production) at a version; production needs a passing gate verdict.",
            description = "Refused (exit 1) when the alias is production and no passing gate verdict is recorded for"
                    + " the version, unless --force is given with --reason. Every move is recorded with who, when and why.")
    int promote(@Parameters(index = "0", paramLabel = "MODEL") String model,
            @Parameters(index = "1", paramLabel = "VERSION") String version,
            @Option(names = "--alias", defaultValue = Promotion.PRODUCTION, description = "Alias to move (default: ${DEFAULT-VALUE}).") String alias,
            @Option(names = "--reason", paramLabel = "TEXT", description = "Why (recorded; required with --force).") String reason,
            @Option(names = "--force", description = "Override the gate-verdict policy (needs --reason).") boolean force,
            @Option(names = "--actor", paramLabel = "WHO", description = "Who (default: $USER).") String actor) throws Exception {
        return options.run(registry -> {
            int n = RegistryOptions.versionNumber(registry, model, version);
            Promotion p = new Promotion(alias, who(actor), reason, force);
            AliasMove move = registry.promote(model, n, p);
            print(options, move);
        });
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            header = "Move an alias (default production) back to the version it held before its latest promotion.",
            description = "Each rollback undoes one more promotion: rolling back twice goes two promotions back. The"
                    + " move is recorded with who, when and --reason (required).")
    int rollback(@Parameters(paramLabel = "MODEL") String model,
            @Option(names = "--alias", defaultValue = Promotion.PRODUCTION, description = "Alias to move back (default: ${DEFAULT-VALUE}).") String alias,
            @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (recorded).") String reason,
            @Option(names = "--actor", paramLabel = "WHO", description = "Who (default: $USER).") String actor) throws Exception {
        return options.run(registry -> {
            AliasMove move = registry.rollback(model, alias, who(actor), reason);
            if (options.json) {
                RegistryJson.print(out(), move);
            } else {
                out().printf("%s@%s: %d -> %d (rollback by %s: %s)%n", move.model(), move.alias(), move.fromVersion(),
                        move.toVersion(), move.actor(), move.reason());
            }
        });
    }

    @Command(name = "lineage", mixinStandardHelpOptions = true,
            header = "Print the tree from a version back to its data fingerprints, config and code version.")
    int lineage(@Parameters(index = "0", paramLabel = "MODEL") String model,
            @Parameters(index = "1", paramLabel = "VERSION|ALIAS") String version) throws Exception {
        return options.run(registry -> {
            Lineage l = registry.lineage(model, RegistryOptions.versionNumber(registry, model, version));
            if (options.json) {
                RegistryJson.print(out(), l);
            } else {
                out().print(l.render());
                out().flush();
            }
        });
    }

    @Command(name = "history", mixinStandardHelpOptions = true, header = "Show the recorded moves of a model's aliases.")
    int history(@Parameters(paramLabel = "MODEL") String model,
            @Option(names = "--alias", paramLabel = "ALIAS", description = "Only this alias.") String alias) throws Exception {
        return options.run(registry -> {
            List<AliasMove> moves = registry.aliasHistory(model, alias);
            if (options.json) {
                RegistryJson.print(out(), moves);
                return;
            }
            for (AliasMove m : moves) {
                // The trigger of the run that made the version moved to: why the chain has this link.
                String runId = registry.version(model, m.toVersion()).runId();
                String trigger = runId == null ? "-" : registry.run(runId).trigger();
                out().printf("%s  %-12s #%d %-8s %s -> %d  by %s  trigger %s%s%s%n", m.movedAt(), m.alias(), m.seq(),
                        m.kind(), m.fromVersion() == null ? "(new)" : m.fromVersion(), m.toVersion(), m.actor(), trigger,
                        m.forced() ? "  FORCED" : "", m.reason() == null ? "" : "  \"" + m.reason() + "\"");
            }
        });
    }

    @Command(name = "gate", mixinStandardHelpOptions = true, header = "Record a gate verdict (ctkit-gate/1) for a version.")
    int gate(@Parameters(index = "0", paramLabel = "MODEL") String model,
            @Parameters(index = "1", paramLabel = "VERSION") String version,
            @Option(names = "--verdict", required = true, paramLabel = "FILE", description = "The verdict file.") Path verdict,
            @Option(names = "--run-id", paramLabel = "ID", description = "The run whose gate wrote it.") String runId)
            throws Exception {
        return options.run(registry -> {
            RecordedVerdict g = registry.recordGateVerdict(model, RegistryOptions.versionNumber(registry, model, version),
                    verdict, runId);
            if (options.json) {
                RegistryJson.print(out(), g);
            } else {
                out().printf("recorded gate verdict for %s:%s: %s%n", model, version, g.passed() ? "passed" : "failed");
            }
        });
    }

    @Command(name = "tag", mixinStandardHelpOptions = true,
            header = "Set tags of a model, or of one version with --on; and the model's description.")
    int tag(@Parameters(index = "0", paramLabel = "MODEL") String model,
            @Parameters(index = "1..*", arity = "0..*", paramLabel = "KEY=VALUE") List<String> tags,
            @Option(names = "--on", paramLabel = "VERSION|ALIAS", description = "Tag this version instead of the model.") String version,
            @Option(names = "--description", paramLabel = "TEXT", description = "Set the model's description.") String description)
            throws Exception {
        return options.run(registry -> {
            Map<String, String> pairs = new LinkedHashMap<>();
            for (String t : tags == null ? List.<String>of() : tags) {
                int eq = t.indexOf('=');
                if (eq <= 0) {
                    throw new UserException("tag \"" + t + "\" must be KEY=VALUE");
                }
                pairs.put(t.substring(0, eq), t.substring(eq + 1));
            }
            if (pairs.isEmpty() && description == null) {
                throw new UserException("give KEY=VALUE tags, --description, or both");
            }
            if (version != null) {
                if (description != null) {
                    throw new UserException("--description describes the model; a version's description is set when"
                            + " it is registered and cannot change");
                }
                int n = RegistryOptions.versionNumber(registry, model, version);
                ModelVersion v = null;
                for (Map.Entry<String, String> e : pairs.entrySet()) {
                    v = registry.tagVersion(model, n, e.getKey(), e.getValue());
                }
                out().printf("%s tags: %s%n", v.reference(), v.tags());
                return;
            }
            ModelInfo m = description == null ? registry.model(model) : registry.describeModel(model, description);
            for (Map.Entry<String, String> e : pairs.entrySet()) {
                m = registry.tagModel(model, e.getKey(), e.getValue());
            }
            out().printf("%s tags: %s%s%n", m.name(), m.tags(), m.description() == null ? "" : "; " + m.description());
        });
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            header = "Write a version's bundle (e.g. production's) to a new directory, verified.",
            description = "Every file is re-hashed as it is read from the blob store, and the written bundle is opened"
                    + " and checked against MANIFEST.json and the registered digest. --out must not exist or be empty.")
    int export(@Parameters(index = "0", paramLabel = "MODEL") String model,
            @Parameters(index = "1", paramLabel = "VERSION|ALIAS") String version,
            @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to create.") Path dir)
            throws Exception {
        return options.run(registry -> {
            ModelVersion v = registry.resolve(model, version);
            io.ctkit.bundle.Bundle b = registry.exportBundle(model, v.version(), dir);
            if (options.json) {
                Map<String, Object> all = new LinkedHashMap<>();
                all.put("version", v);
                all.put("directory", dir.toAbsolutePath().toString());
                RegistryJson.print(out(), all);
            } else {
                out().printf("exported %s (%s) to %s%n", v.reference(), b.digest(), dir);
            }
        });
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            header = "Re-hash every blob every version refers to; exit 1 if any is missing or corrupt.")
    int verify() throws Exception {
        return options.run(registry -> {
            Verification v = registry.verify();
            if (options.json) {
                RegistryJson.print(out(), v);
            } else {
                out().printf("%d version(s), %d blob reference(s) checked, %d problem(s)%n", v.versions(), v.blobs(),
                        v.problems().size());
                v.problems().forEach(p -> out().println("  " + p));
            }
            if (!v.ok()) {
                throw new CheckFailedException("the registry " + registry.config().describe() + " has "
                        + v.problems().size() + " missing or corrupt blob(s)");
            }
        });
    }

    void print(RegistryOptions options, AliasMove move) throws Exception {
        if (options.json) {
            RegistryJson.print(out(), move);
        } else {
            out().printf("%s@%s: %s -> %d (%s by %s%s)%n", move.model(), move.alias(),
                    move.fromVersion() == null ? "(new)" : move.fromVersion(), move.toVersion(), move.kind(), move.actor(),
                    move.forced() ? ", forced: " + move.reason() : "");
        }
    }

    static String who(String actor) {
        if (actor != null) {
            return actor;
        }
        String user = System.getenv("USER");
        return user != null && !user.isBlank() ? user : System.getProperty("user.name", "unknown");
    }

    private static String aliases(Map<String, Integer> aliases) {
        StringBuilder s = new StringBuilder();
        aliases.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return s.toString();
    }
}
