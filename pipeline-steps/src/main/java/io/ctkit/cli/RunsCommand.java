package io.ctkit.cli;

import io.ctkit.registry.Artifact;
import io.ctkit.registry.ModelVersion;
import io.ctkit.registry.Run;
import io.ctkit.registry.Step;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ctkit runs ...}: the pipeline runs in the metadata store. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        header = "Inspect pipeline runs: their inputs, settings, steps and the versions they produced.")
final class RunsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** Inherited by every subcommand: {@code runs --registry X list} and {@code runs list --registry X} both work. */
    @Mixin
    RegistryOptions options;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "runs needs a subcommand: list, show");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, header = "List the most recent runs, newest first.")
    int list(@Option(names = "--limit", defaultValue = "20", description = "How many (default: ${DEFAULT-VALUE}).") int limit)
            throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return options.run(registry -> {
            List<Run> runs = registry.runs(limit);
            if (options.json) {
                RegistryJson.print(out, runs);
                return;
            }
            if (runs.isEmpty()) {
                out.println("no runs in " + registry.config().describe());
            }
            for (Run r : runs) {
                out.printf("%-38s %-10s %-11s %s  %s  code %s%n", r.id(), r.status(), r.trigger(), r.startedAt(),
                        r.pipeline() == null ? "-" : r.pipeline(), r.codeVersion() == null ? "-" : r.codeVersion());
            }
        });
    }

    @Command(name = "show", mixinStandardHelpOptions = true, header = "Show one run.")
    int show(@Parameters(paramLabel = "ID") String id) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return options.run(registry -> {
            Run r = registry.run(id);
            List<ModelVersion> produced = registry.versionsOfRun(id);
            if (options.json) {
                Map<String, Object> all = new LinkedHashMap<>();
                all.put("run", r);
                all.put("versions", produced.stream().map(ModelVersion::reference).toList());
                RegistryJson.print(out, all);
                return;
            }
            out.printf("run %s  %s  trigger %s%n", r.id(), r.status(), r.trigger());
            out.printf("  pipeline %s, pipeline version %s, code version %s%n", orDash(r.pipeline()),
                    orDash(r.pipelineVersion()), orDash(r.codeVersion()));
            out.printf("  started %s, ended %s, by %s%n", r.startedAt(), r.endedAt() == null ? "-" : r.endedAt(),
                    orDash(r.actor()));
            for (Artifact a : r.inputs()) {
                out.printf("  input %s %s: %s %s%n", a.kind(), a.role(), orDash(a.location()), orDash(a.digest()));
            }
            r.parameters().forEach((k, v) -> out.printf("  parameter %s = %s%n", k, v));
            r.hyperparameters().forEach((k, v) -> out.printf("  hyperparameter %s = %s%n", k, v));
            for (Step s : r.steps()) {
                out.printf("  step %s: %s%s%n", s.name(), s.status(), s.details() == null ? "" : " (" + s.details() + ")");
            }
            for (ModelVersion v : produced) {
                out.printf("  produced %s  %s%n", v.reference(), v.bundleDigest());
            }
        });
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
