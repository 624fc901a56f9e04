package io.ctkit.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.project.PipelineFile;
import io.ctkit.registry.Artifact;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.ModelVersion;
import io.ctkit.registry.Registration;
import io.ctkit.registry.RegistryConfig;
import io.ctkit.registry.Run;
import io.ctkit.registry.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code register} stage: the trained bundle becomes a new version in the model registry, in
 * one transaction with its evidence (training report, {@code evaluate.metrics}, {@code gate.verdict}
 * when a gate stage ran) and the run's lineage as {@code train}'s report records it: the training
 * data's fingerprint and location, the holdout's, the config hash, the code and ctkit versions, the
 * seed and the hyperparameters. Output {@code registration} ({@code registration.json}: model,
 * version, bundle digest, registry).
 *
 * <p>The registry is {@code $CTKIT_REGISTRY} / {@code $CTKIT_REGISTRY_BLOBS}, else the project's
 * embedded one ({@code <project>/.ctkit/registry}), unless given to the constructor. The registry
 * run's id is the run directory's name (the {@code ctkit run} id).
 */
public final class RegisterStage implements Stage {

    private final RegistryConfig config;

    /** Registers into the registry the environment names, else the project's embedded one. */
    public RegisterStage() {
        this(null);
    }

    public RegisterStage(RegistryConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "register";
    }

    @Override
    public StageResult run(RunContext context) throws Exception {
        PipelineFile project = context.project();
        Path bundle = context.requireOutput("train.model");
        Path trainingReport = context.requireOutput("train.report");
        JsonNode training = PipelineRun.JSON.readTree(trainingReport.toFile());
        Run run = lineage(context, project, training);
        Registration registration = Registration.of(project.name(), bundle).withRun(run)
                .withActor(actor()).withReport("training.json", trainingReport);
        if (context.output("evaluate.metrics").isPresent()) {
            registration = registration.withMetrics(context.output("evaluate.metrics").get());
        }
        if (context.output("gate.verdict").isPresent()) {
            registration = registration.withGateVerdict(context.output("gate.verdict").get());
        }
        RegistryConfig where = config != null ? config : RegistryConfig.fromEnvironment(project.projectDir());
        ModelVersion v;
        try (ModelRegistry registry = ModelRegistry.open(where)) {
            v = registry.register(registration);
        }
        ObjectNode record = PipelineRun.JSON.createObjectNode();
        record.put("model", v.model());
        record.put("version", v.version());
        record.put("bundle_digest", v.bundleDigest());
        record.put("run_id", v.runId());
        record.put("registry", where.describe());
        Path file = context.stageDir().resolve("registration.json");
        Path tmp = Files.createTempFile(file.getParent(), ".registration", ".tmp");
        try {
            Files.writeString(tmp, PipelineRun.JSON.writeValueAsString(record) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        context.out().printf("registered %s  %s in %s%n", v.reference(), v.bundleDigest(), where.describe());
        return StageResult.passed("registered " + v.reference(), Map.of("registration", file), record);
    }

    private static Run lineage(RunContext context, PipelineFile project, JsonNode training) throws IOException {
        JsonNode code = training.path("code_version");
        String commit = code.path("git_commit").isTextual() ? code.path("git_commit").asText() : null;
        String codeVersion = commit == null ? null : "git:" + commit + (code.path("dirty").asBoolean() ? "+dirty" : "");
        String runId = context.runDir().getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        Run run = Run.start("ctkit run").withId(runId)
                .withVersions("ctkit " + code.path("ctkit").asText("unknown"), codeVersion)
                .withParameters(Map.of("seed", training.path("seed").asText()))
                .withHyperparameters(flatten(training.path("hyperparameters")))
                .withInput(Artifact.dataset("train", project.data().train().toString(),
                        training.at("/data/train/sha256").asText(null)))
                .withInput(Artifact.config(project.file().toString(), training.path("config_hash").asText(null)));
        if (context.output("evaluate.metrics").isPresent()) {
            JsonNode data = PipelineRun.JSON.readTree(context.output("evaluate.metrics").get().toFile()).path("data");
            if (data.path("sha256").isTextual()) {
                run = run.withInput(Artifact.dataset("holdout", data.path("source").asText(null), data.path("sha256").asText()));
            }
        }
        for (String stage : List.of("train", "evaluate", "gate")) {
            Map<String, Path> outputs = new LinkedHashMap<>();
            context.outputs().forEach((k, p) -> {
                if (k.startsWith(stage + ".")) {
                    outputs.put(k.substring(stage.length() + 1), p);
                }
            });
            if (!outputs.isEmpty()) {
                run = run.withStep(Step.of(stage, "succeeded").withOutputs(outputs.entrySet().stream()
                        .map(e -> new Artifact(e.getKey(), e.getKey(), e.getValue().toString(), null, Map.of())).toList()));
            }
        }
        return run;
    }

    /** Hyperparameters as text: scalars as they are, arrays and objects as their JSON. */
    private static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
        }
        return out;
    }

    private static String actor() {
        String user = System.getenv("USER");
        return user != null && !user.isBlank() ? user : System.getProperty("user.name", "ctkit");
    }
}
