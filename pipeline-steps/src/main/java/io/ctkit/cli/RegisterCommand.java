package io.ctkit.cli;

import io.ctkit.bundle.Bundle;
import io.ctkit.provenance.Provenance;
import io.ctkit.register.RegisterStep;
import io.ctkit.registry.Artifact;
import io.ctkit.registry.ModelVersion;
import io.ctkit.registry.Run;
import io.ctkit.registry.Step;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ctkit register}: a bundle and its evidence become a new version in the registry. */
@Command(
        name = "register",
        header = "Register a model bundle as a new version, with its metrics, gate verdict, tests and lineage.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Verifies the bundle, stores its files and the given reports in the registry's content-addressed"
                    + " blob store, and records a new version (numbered 1, 2, ... per model, never reused) with the run"
                    + " that produced it: data fingerprints, config, code and pipeline versions, parameters and"
                    + " hyperparameters. The version's bundle cannot change afterwards.",
            "",
            "--data ROLE=CSV records a dataset with its fingerprint (sha256 of the file's bytes, the same as"
                    + " io.ctkit.data's Dataset.fingerprint())."
        })
final class RegisterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RegistryOptions registry;

    @Option(names = "--bundle", required = true, paramLabel = "DIR|TAR", description = "The model bundle.")
    Path bundle;

    @Option(names = "--name", paramLabel = "MODEL", description = "Model name (default: the name in model.json).")
    String name;

    @Option(names = "--metrics", paramLabel = "FILE", description = "Metrics report (ctkit evaluate --out).")
    Path metrics;

    @Option(names = "--gate", paramLabel = "FILE", description = "Gate verdict (format ctkit-gate/1).")
    Path gate;

    @Option(names = "--tests", paramLabel = "FILE", description = "JUnit XML report, a directory of TEST-*.xml reports, or an Allure summary.json; repeatable.")
    List<Path> tests = new ArrayList<>();

    @Option(names = "--report", paramLabel = "NAME=FILE", description = "Any other file to keep with the version; repeatable.")
    Map<String, Path> reports = new LinkedHashMap<>();

    @Option(names = "--description", paramLabel = "TEXT", description = "Description of the version.")
    String description;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Tag of the version; repeatable.")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--run-id", paramLabel = "ID", description = "Id of the producing run (recorded or merged); default: a new id.")
    String runId;

    @Option(names = "--data", paramLabel = "ROLE=CSV", description = "Dataset the model was made from, e.g. train=data/train.csv; repeatable.")
    Map<String, Path> data = new LinkedHashMap<>();

    @Option(names = "--config", paramLabel = "FILE", description = "The pipeline/training config file (recorded with its sha256).")
    Path config;

    @Option(names = "--code-version", paramLabel = "VERSION", description = "Version of the model code, e.g. git:<commit> (default: $CTKIT_CODE_VERSION, else $GIT_COMMIT).")
    String codeVersion;

    @Option(names = "--pipeline-version", paramLabel = "VERSION", description = "Version of the pipeline definition (default: this ctkit's version).")
    String pipelineVersion;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Run parameter; repeatable.")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--hyper", paramLabel = "KEY=VALUE", description = "Hyperparameter; repeatable.")
    Map<String, String> hyperparameters = new LinkedHashMap<>();

    @Option(names = "--actor", paramLabel = "WHO", description = "Who registers (default: $USER).")
    String actor;

    @Option(names = "--training-report", paramLabel = "FILE", description = "The training.json of `ctkit train`: its provenance (data fingerprints, config hash, code version, seed, runtime) is stored with the version and shown by `models lineage`.")
    Path trainingReport;

    @Option(names = "--alias", paramLabel = "ALIAS", description = "Also move this alias (e.g. production) to the new version.")
    String alias;

    @Option(names = "--golden-data", paramLabel = "CSV", description = "Holdout CSV (a column per model input) to choose the version's golden rows from: stored with the engine's answers, for deploy smoke tests and parity checks.")
    Path goldenData;

    @Option(names = "--golden-rows", paramLabel = "N", defaultValue = "8", description = "How many golden rows to store with --golden-data (default: ${DEFAULT-VALUE}).")
    int goldenRows;

    @Option(names = "--golden-seed", paramLabel = "SEED", defaultValue = "42", description = "Seed of the golden rows' choice (default: ${DEFAULT-VALUE}).")
    long goldenSeed;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the registration record (model, version, bundle digest, run, alias) as JSON, as the register stage of `ctkit run` does.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Bundle opened = Bundle.open(bundle);
        String model = name != null ? name : modelName(opened);
        String who = ModelsCommand.who(actor);
        Run run = Run.start("ctkit").withActor(who)
                .withVersions(pipelineVersion != null ? pipelineVersion : ctkitVersion(), codeVersion())
                .withParameters(parameters).withHyperparameters(hyperparameters);
        if (runId != null) {
            run = run.withId(runId);
        }
        for (Map.Entry<String, Path> d : data.entrySet()) {
            run = run.withInput(Artifact.dataset(d.getKey(), d.getValue().toString(), sha256(d.getValue(), "--data")));
        }
        if (config != null) {
            run = run.withInput(Artifact.config(config.toString(), sha256(config, "--config")));
        }
        run = run.withStep(Step.of("register", "running").withTimes(Instant.now(), null));
        if (runId == null) {
            // A run made just for this registration ends with it; a pipeline's run (--run-id) goes on.
            run = run.finished("succeeded");
        }
        RegisterStep.Request r = RegisterStep.Request.of(model, bundle).withActor(who).withDescription(description)
                .withRun(run).withRecord(out);
        if (metrics != null) {
            r = r.withMetrics(metrics);
        }
        if (gate != null) {
            r = r.withGateVerdict(gate);
        }
        for (Map.Entry<String, String> t : tags.entrySet()) {
            r = r.withTag(t.getKey(), t.getValue());
        }
        for (Path t : tests) {
            r = r.withTestReport(t);
        }
        for (Map.Entry<String, Path> e : reports.entrySet()) {
            r = r.withReport(e.getKey(), e.getValue());
        }
        if (trainingReport != null) {
            r = r.withProvenance(provenance(trainingReport));
        }
        if (goldenData != null) {
            r = r.withGoldenRows(goldenData, goldenRows, goldenSeed);
        }
        if (alias != null) {
            r = r.withAlias(alias, description != null ? description : "registered by " + who);
        }
        RegisterStep.Request request = r;
        PrintWriter stdout = spec.commandLine().getOut();
        return registry.runCreating(reg -> {
            RegisterStep.Result result = RegisterStep.run(reg, request);
            ModelVersion v = result.version();
            if (registry.json) {
                RegistryJson.print(stdout, v);
            } else {
                stdout.printf("registered %s  %s%n  run %s  registry %s%n", v.reference(), v.bundleDigest(), v.runId(),
                        reg.config().describe());
                if (result.aliasMove() != null) {
                    stdout.printf("%s -> version %d%s%n", alias, v.version(), result.aliasMove().fromVersion() == null
                            ? " (first)" : " (was " + result.aliasMove().fromVersion() + ")");
                }
            }
        });
    }

    private static Provenance provenance(Path file) throws IOException {
        try {
            return Provenance.read(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new UserException("--training-report " + file + ": no such file");
        }
    }

    private String codeVersion() {
        if (codeVersion != null) {
            return codeVersion;
        }
        String env = System.getenv("CTKIT_CODE_VERSION");
        if (env == null || env.isBlank()) {
            env = System.getenv("GIT_COMMIT");
        }
        return env == null || env.isBlank() ? null : env;
    }

    static String ctkitVersion() {
        String v = Ctkit.class.getPackage().getImplementationVersion();
        return "ctkit " + (v == null ? "development" : v);
    }

    private static String modelName(Bundle bundle) throws IOException {
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(bundle.bytes("model.json")).get("name");
        if (node == null || !node.isTextual()) {
            throw new UserException(bundle.source() + ": model.json has no \"name\"; give --name");
        }
        return node.asText();
    }

    private static String sha256(Path file, String option) throws IOException {
        try {
            return io.ctkit.files.FileDigests.sha256(file);
        } catch (NoSuchFileException e) {
            throw new UserException(option + " " + file + ": no such file");
        }
    }
}
