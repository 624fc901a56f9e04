package io.ctkit.tekton;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.ParamSpecBuilder;
import io.fabric8.tekton.v1.PropertySpec;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.StepBuilder;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskBuilder;
import io.fabric8.tekton.v1.TaskResult;
import io.fabric8.tekton.v1.TaskResultBuilder;
import io.fabric8.tekton.v1.WorkspaceDeclaration;
import io.fabric8.tekton.v1.WorkspaceDeclarationBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The catalog Tasks, one per pipeline step, in the Tekton catalog's conventions. They do not depend
 * on a project: only the CLI image varies. Each Task's script is the resource
 * {@code io/ctkit/tekton/scripts/<step>.sh} beside this class, its one place; params reach it only
 * through {@code env}.
 */
final class CatalogTasks {
    /** The catalog version of the Tasks, the Pipeline and the Triggers (a directory and a label). */
    static final String VERSION = "0.1";
    static final String MIN_PIPELINES_VERSION = "0.56.0";
    /** The uid of the CLI image's user; the runs' pods need it as fsGroup to write the workspaces. */
    static final long UID = 10001L;

    static final String SOURCE_WORKSPACE = "The project's source: ctkit.yaml, its data and code; outputs go to"
            + " .ctkit/tekton/ in the project.";
    static final String REGISTRY_WORKSPACE = "The model registry's directory (an embedded registry in registry/).";

    /** A param: its env variable is the name in upper case with _ unless given. Null default: required. */
    record Param(String name, String description, String defaultValue, String env) {
        Param(String name, String description, String defaultValue) {
            this(name, description, defaultValue, name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** A result; an artifact result is Tekton Chains' object type hint with uri, digest and isBuildArtifact. */
    record Result(String name, String description, boolean artifact) {
        Result(String name, String description) {
            this(name, description, false);
        }
    }

    /**
     * A workspace a TaskRun may leave out; the step gets {@code <env>_BOUND} ({@code true} or
     * {@code false}) and {@code <env>_PATH}.
     */
    record OptionalWorkspace(String name, String description, String env) {
    }

    record Definition(String step, String tag, String description, List<Param> params, List<Result> results,
            List<OptionalWorkspace> optionalWorkspaces) {
        Definition(String step, String tag, String description, List<Param> params, List<Result> results) {
            this(step, tag, description, params, results, List.of());
        }

        String name() {
            return "ctkit-" + step;
        }
    }

    /** The package Task's registry credentials, as Tekton's catalog image builders take them. */
    static final OptionalWorkspace DOCKERCONFIG = new OptionalWorkspace("dockerconfig", "Optional: the image"
            + " registry's credentials, a config.json or .dockerconfigjson at its root (e.g. a"
            + " kubernetes.io/dockerconfigjson Secret); ctkit package reads it through DOCKER_CONFIG. Without it:"
            + " the credential helpers, or a registry that needs none.", "DOCKERCONFIG");

    static final Param PROJECT_DIR = new Param("project-dir",
            "The project's directory (holding ctkit.yaml) inside the source workspace.", ".");

    static final List<Definition> DEFINITIONS = List.of(
            new Definition("validate-data", "data-validation", "Validates the training data against the schema, the"
                    + " holdout (leakage) and the reference (drift) with ctkit validate-data; fails the run when a"
                    + " check fails.", List.of(
                            new Param("data", "The training data (CSV), relative to the project.", "data/train.csv"),
                            new Param("schema", "The schema file (YAML or JSON), relative to the project.",
                                    "schema.yaml")), List.of()),
            new Definition("train", "training", "Trains the project's model with ctkit train into a verified bundle"
                    + " and reports the bundle's digest, as a Tekton Chains build artifact.", List.of(), List.of(
                            new Result("bundle-digest",
                                    "sha256 of the bundle's MANIFEST.json (which holds every file's sha256)."),
                            new Result("MODEL_ARTIFACT_OUTPUTS", "The model bundle, for Tekton Chains' provenance.",
                                    true))),
            new Definition("evaluate", "evaluation", "Evaluates the trained bundle on the holdout data with ctkit"
                    + " evaluate (metrics with bootstrap confidence intervals).", List.of(
                            new Param("holdout", "The evaluation data (CSV), relative to the project.",
                                    "data/holdout.csv"),
                            new Param("label", "The label column.", "label")), List.of()),
            new Definition("test", "testing", "Runs the project's own model tests (the test: command of ctkit.yaml)"
                    + " against the trained bundle, with CTKIT_MODEL set. The command needs its own tools (e.g."
                    + " Maven), which the CLI image lacks: set the image param to one that has them, e.g."
                    + " maven:3.9-eclipse-temurin-17 for the default command.", List.of(
                            new Param("command", "The test command, run by /bin/sh in the project.", "mvn -B -q test",
                                    "TEST_COMMAND"),
                            new Param("junit-dir", "Where the command writes JUnit XML, relative to the project.",
                                    "target/surefire-reports")), List.of()),
            new Definition("gate", "gate", "Judges the trained bundle against the gate policy (and the champion,"
                    + " when one is given) with ctkit gate; reports pass or fail as a result instead of failing, so"
                    + " the Pipeline decides with when.", List.of(
                            new Param("holdout", "The data both models are scored on, relative to the project.",
                                    "data/holdout.csv"),
                            new Param("label", "The label column.", "label"),
                            new Param("policy", "The gate policy file, relative to the project.", "gate.yaml")),
                    List.of(new Result("decision", "pass or fail: the gate's verdict."))),
            new Definition("register", "model-registry", "Registers the gated bundle in the registry with its"
                    + " evidence and lineage (ctkit register) and reports the new version.", List.of(
                            new Param("model", "The model's name in the registry (empty: the name in model.json).",
                                    ""),
                            new Param("alias", "The alias to move to the new version (empty: none).", ""),
                            new Param("code-version", "The code version recorded in the lineage.", "",
                                    "CTKIT_CODE_VERSION"),
                            new Param("holdout", "The holdout data, relative to the project, from which the version's"
                                    + " golden rows are chosen: deploy's smoke test needs them (empty: none).",
                                    "data/holdout.csv")),
                    List.of(new Result("version", "The registered version's number."))),
            new Definition("package", "image-build", "Builds the scoring image of the registered bundle with ctkit"
                    + " package (Jib, no Docker daemon) and pushes it; reports the image digest.", List.of(
                            new Param("image", "The image to push to, e.g. registry.example/forecast; without a"
                                    + " tag it is tagged with the version (empty: a docker load tar in"
                                    + " .ctkit/tekton/image.tar, nothing pushed).", ""),
                            new Param("model-version", "The registered version (the register Task's result).", ""),
                            new Param("base-image", "The scoring image's base JRE image: a registry reference, or"
                                    + " tar:///PATH of a docker save tar (e.g. in a workspace) where no registry is"
                                    + " reachable.", "eclipse-temurin:17-jre")),
                    List.of(new Result("image-digest", "The pushed image's digest (sha256:...)."),
                            new Result("IMAGE_URL", "The pushed image, for Tekton Chains."),
                            new Result("IMAGE_DIGEST", "The pushed image's digest, for Tekton Chains.")),
                    List.of(DOCKERCONFIG)),
            new Definition("deploy", "deploy", "Deploys a registered version (name@alias or name:version) with ctkit"
                    + " deploy and its smoke test.", List.of(
                            new Param("model-ref", "The version to deploy, e.g. marketing-forecast:3.", null),
                            new Param("target", "local, docker or kubernetes.", "kubernetes"),
                            new Param("image", "With target kubernetes: the pushed scoring image the cluster pulls"
                                    + " (the Pipeline passes the package Task's IMAGE_URL@IMAGE_DIGEST; empty: the"
                                    + " newest image the registry recorded for the version). The other targets"
                                    + " build their own from the bundle.", "")), List.of()),
            new Definition("monitor", "monitoring", "Checks a deployed model's logs for drift and decay with ctkit"
                    + " monitor; its report says whether to retrain, and its decision result (ok, degraded or"
                    + " retrain) lets a Pipeline act on it.", List.of(
                            new Param("log-dir", "The serving logs' directory, relative to the project.", null),
                            new Param("model-ref", "The deployed model (name@alias, name:version or a bundle).",
                                    null)),
                    List.of(new Result("decision", "ok, degraded or retrain: the monitor's verdict."))));

    private CatalogTasks() {
    }

    /** The steps whose image is a param (default: the CLI image): they run the user's own tools. */
    static final Set<String> OWN_IMAGE = Set.of("test");

    /** The image param of an {@link #OWN_IMAGE} step. */
    static Param imageParam(String image) {
        return new Param("image", "The image the command runs in: one with its tools, e.g."
                + " maven:3.9-eclipse-temurin-17 for a Maven project (default: the ctkit CLI image, which has no"
                + " build tool). The step runs as uid 10001; HOME is /tmp when the image's is not writable.", image);
    }

    /** The Task of {@code definition}, its step running {@code image}. */
    static Task task(Definition definition, String image) {
        List<Param> params = new ArrayList<>();
        params.add(PROJECT_DIR);
        params.addAll(definition.params());
        boolean ownImage = OWN_IMAGE.contains(definition.step());
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar("SOURCE", "$(workspaces.source.path)", null));
        env.add(new EnvVar("REGISTRY_DIR", "$(workspaces.registry.path)", null));
        params.forEach(p -> env.add(new EnvVar(p.env(), "$(params." + p.name() + ")", null)));
        if (ownImage) {
            params.add(imageParam(image)); // the step's image, not its environment
        }
        for (OptionalWorkspace w : definition.optionalWorkspaces()) {
            env.add(new EnvVar(w.env() + "_BOUND", "$(workspaces." + w.name() + ".bound)", null));
            env.add(new EnvVar(w.env() + "_PATH", "$(workspaces." + w.name() + ".path)", null));
        }
        List<WorkspaceDeclaration> workspaces = new ArrayList<>(List.of(
                new WorkspaceDeclarationBuilder().withName("source").withDescription(SOURCE_WORKSPACE).build(),
                new WorkspaceDeclarationBuilder().withName("registry").withDescription(REGISTRY_WORKSPACE).build()));
        definition.optionalWorkspaces().forEach(w -> workspaces.add(new WorkspaceDeclarationBuilder()
                .withName(w.name()).withDescription(w.description()).withOptional(true).build()));
        return new TaskBuilder()
                .withNewMetadata()
                    .withName(definition.name())
                    .addToLabels("app.kubernetes.io/version", VERSION)
                    .withAnnotations(annotations(definition))
                .endMetadata()
                .withNewSpec()
                    .withDescription(definition.description())
                    .withParams(params.stream().map(CatalogTasks::paramSpec).toList())
                    .withResults(definition.results().stream().map(CatalogTasks::result).toList())
                    .withWorkspaces(workspaces)
                    .withSteps(step(definition.step(), ownImage ? "$(params.image)" : image, env,
                            script(definition.step()), "500m", "1Gi"))
                .endSpec()
                .build();
    }

    /** A step of the CLI image as every ctkit step runs: non-root, no privilege escalation, with requests. */
    static Step step(String name, String image, List<EnvVar> env, String script, String cpu, String memory) {
        return new StepBuilder()
                .withName(name)
                .withImage(image)
                .withEnv(env)
                .withNewComputeResources()
                    .addToRequests("cpu", new Quantity(cpu))
                    .addToRequests("memory", new Quantity(memory))
                .endComputeResources()
                .withSecurityContext(new SecurityContextBuilder()
                    .withRunAsNonRoot(true)
                    .withRunAsUser(UID)
                    .withAllowPrivilegeEscalation(false)
                    .build())
                .withScript(script)
                .build();
    }

    /** The text of {@code scripts/<name>.sh}. */
    static String script(String name) {
        try (InputStream in = CatalogTasks.class.getResourceAsStream("scripts/" + name + ".sh")) {
            if (in == null) {
                throw new IllegalStateException("the script io/ctkit/tekton/scripts/" + name + ".sh is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Task's README.md, from the same definition. */
    static String readme(Definition definition, String image) {
        StringBuilder md = new StringBuilder();
        String path = "tekton/task/" + definition.name() + "/" + VERSION + "/" + definition.name() + ".yaml";
        md.append("# ").append(definition.name()).append("\n\n").append(definition.description()).append("\n\n")
                .append("## Install\n\n```sh\nkubectl apply -f https://raw.githubusercontent.com/ctkit/ctkit/main/")
                .append(path).append("\n```\n\n## Usage\n\n[samples/run.yaml](samples/run.yaml) is a TaskRun of it with the"
                        + " rendered project's values: `kubectl create -f samples/run.yaml`.\n\n## Parameters\n\n");
        List<Param> params = new ArrayList<>();
        params.add(PROJECT_DIR);
        params.addAll(definition.params());
        if (OWN_IMAGE.contains(definition.step())) {
            params.add(imageParam(image));
        }
        for (Param p : params) {
            md.append("- **").append(p.name()).append("**: ").append(p.description())
                    .append(p.defaultValue() == null ? " (required)" : p.defaultValue().isEmpty() ? " (default: empty)"
                            : " (default: `" + p.defaultValue() + "`)")
                    .append('\n');
        }
        md.append("\n## Workspaces\n\n- **source**: ").append(SOURCE_WORKSPACE).append("\n- **registry**: ")
                .append(REGISTRY_WORKSPACE).append('\n');
        definition.optionalWorkspaces().forEach(w -> md.append("- **").append(w.name()).append("**: ")
                .append(w.description()).append('\n'));
        if (!definition.results().isEmpty()) {
            md.append("\n## Results\n\n");
            definition.results().forEach(r -> md.append("- **").append(r.name()).append("**: ")
                    .append(r.description()).append('\n'));
        }
        return md.append("""

                ## Outputs

                Reports go to `.ctkit/tekton/` in the project's directory of the `source` workspace.
                The step runs `ctkit/cli` as uid 10001: give the TaskRun's pod `fsGroup: 10001` so it can write the workspaces.

                See [docs/tekton.md](../../../../docs/tekton.md).
                """).toString();
    }

    private static Map<String, String> annotations(Definition definition) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("tekton.dev/pipelines.minVersion", MIN_PIPELINES_VERSION);
        annotations.put("tekton.dev/categories", "Machine Learning");
        annotations.put("tekton.dev/tags", "ml, mlops, " + definition.tag());
        annotations.put("tekton.dev/displayName", "ctkit " + definition.step());
        annotations.put("tekton.dev/platforms", "linux/amd64");
        return annotations;
    }

    private static ParamSpec paramSpec(Param p) {
        ParamSpecBuilder b = new ParamSpecBuilder().withName(p.name()).withType("string")
                .withDescription(p.description());
        if (p.defaultValue() != null) {
            b.withNewDefault().withStringVal(p.defaultValue()).endDefault();
        }
        return b.build();
    }

    private static TaskResult result(Result r) {
        TaskResultBuilder b = new TaskResultBuilder().withName(r.name()).withDescription(r.description());
        if (r.artifact()) {
            PropertySpec string = new PropertySpec("string");
            b.withType("object").addToProperties("uri", string).addToProperties("digest", string)
                    .addToProperties("isBuildArtifact", string);
        }
        return b.build();
    }
}
