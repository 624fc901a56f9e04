package io.ctkit.tekton;

import io.ctkit.project.PipelineFile;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.ParamSpecBuilder;
import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineBuilder;
import io.fabric8.tekton.v1.PipelineResult;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.PipelineTaskBuilder;
import io.fabric8.tekton.v1.WhenExpression;
import io.fabric8.tekton.v1.WorkspacePipelineTaskBinding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Pipeline of a project: validate-data, train, evaluate, test and gate, then register, package
 * and deploy only when the gate passed; a {@code finally} task tags the model in the registry when
 * the run failed. Its params are the seven that {@code ctkit retrain --via tekton} sends, plus the
 * project's, defaulting to what its ctkit.yaml says.
 */
final class CtPipeline {
    /** The params every retraining order carries ({@code io.ctkit.retrain.TektonTrigger}). */
    static final List<String> ORDER_PARAMS = List.of("model", "trigger", "request-id", "data", "pipeline-version",
            "code-version", "reason");

    private static final List<WorkspacePipelineTaskBinding> BOTH_WORKSPACES = List.of(
            new WorkspacePipelineTaskBinding("source", null, "source"),
            new WorkspacePipelineTaskBinding("registry", null, "registry"));

    private CtPipeline() {
    }

    static Pipeline pipeline(PipelineFile project, TektonOptions options) {
        String scoringImage = scoringImage(project, options);
        List<ParamSpec> params = List.of(
                param("model", "The model to train and register.", project.name()),
                param("trigger", "What started the run: manual, code, data, model-decay or schedule.", "manual"),
                param("request-id", "The retraining request's id (ctkit retrain).", ""),
                param("data", "Where the training data is (informative; the project names its files).", ""),
                param("pipeline-version", "The pipeline version that made the production model.", ""),
                param("code-version", "The code version (git commit) to record.", ""),
                param("reason", "Why the run started.", ""),
                param("project-dir", "The project's directory inside the source workspace.", options.projectDir()),
                param("image", "The scoring image to push, without a tag: the package Task tags it with the version"
                        + " (empty: packaged as a tar in the workspace, not pushed).", scoringImage),
                param("test-image", "The image the project's tests run in: one with their build tool, e.g."
                        + " maven:3.9-eclipse-temurin-17 (default: the ctkit CLI image, which has none).",
                        options.image()),
                param("deploy-target", "ctkit deploy's target.", "kubernetes"),
                param("label", "The label column of the project's data (evaluate and gate).", project.data().label()));
        String train = relative(project, project.data().train());
        String holdout = relative(project, project.data().holdout());
        List<PipelineTask> tasks = List.of(
                task("validate-data", null, "project-dir", "$(params.project-dir)", "data", train),
                task("train", "validate-data", "project-dir", "$(params.project-dir)"),
                task("evaluate", "train", "project-dir", "$(params.project-dir)", "label", "$(params.label)",
                        "holdout", holdout),
                task("test", "evaluate", "project-dir", "$(params.project-dir)", "image", "$(params.test-image)"),
                task("gate", "test", "project-dir", "$(params.project-dir)", "label", "$(params.label)",
                        "holdout", holdout),
                gated(task("register", "gate", "project-dir", "$(params.project-dir)", "model", "$(params.model)",
                        "code-version", "$(params.code-version)")),
                gated(withDockerConfig(task("package", "register", "project-dir", "$(params.project-dir)", "image",
                        "$(params.image)", "model-version", "$(tasks.register.results.version)"))),
                gated(task("deploy", "package", "project-dir", "$(params.project-dir)", "model-ref",
                        "$(params.model):$(tasks.register.results.version)", "target", "$(params.deploy-target)",
                        "image", "$(tasks.package.results.IMAGE_URL)@$(tasks.package.results.IMAGE_DIGEST)")));
        return new PipelineBuilder()
                .withNewMetadata()
                    .withName(options.pipeline())
                    .addToLabels("app.kubernetes.io/version", CatalogTasks.VERSION)
                    .addToAnnotations("tekton.dev/pipelines.minVersion", CatalogTasks.MIN_PIPELINES_VERSION)
                    .addToAnnotations("tekton.dev/tags", "ml, mlops")
                    .addToAnnotations("tekton.dev/displayName", "ctkit continuous training of " + project.name())
                .endMetadata()
                .withNewSpec()
                    .withDescription("Validates the data, trains, evaluates, tests and gates a model; registers,"
                            + " packages and deploys it only when the gate passed. The params are the seven ctkit"
                            + " retrain --via tekton sends, plus the project's.")
                    .withParams(params)
                    .addNewWorkspace().withName("source").withDescription("The project's source.").endWorkspace()
                    .addNewWorkspace().withName("registry").withDescription("The model registry's directory.")
                        .endWorkspace()
                    .addNewWorkspace().withName(CatalogTasks.DOCKERCONFIG.name())
                        .withDescription(CatalogTasks.DOCKERCONFIG.description()).withOptional(true).endWorkspace()
                    .withResults(new PipelineResult(null, "bundle-digest", null,
                                    new ParamValue("$(tasks.train.results.bundle-digest)")),
                            new PipelineResult(null, "gate-decision", null,
                                    new ParamValue("$(tasks.gate.results.decision)")))
                    .withTasks(tasks)
                    .withFinally(recordFailure(options.image()))
                .endSpec()
                .build();
    }

    /** The finally task: when the run failed, tag the model with the run's name, trigger and request id. */
    private static PipelineTask recordFailure(String image) {
        List<String> names = List.of("model", "request-id", "trigger");
        List<EnvVar> env = new ArrayList<>();
        names.forEach(n -> env.add(new EnvVar(n.toUpperCase(Locale.ROOT).replace('-', '_'),
                "$(params." + n + ")", null)));
        env.add(new EnvVar("CTKIT_REGISTRY", "$(workspaces.registry.path)/registry", null));
        return new PipelineTaskBuilder()
                .withName("record-failure")
                .withWhen(new WhenExpression(null, "$(tasks.status)", "in", List.of("Failed")))
                .withParams(names.stream().map(n -> new Param(n, new ParamValue("$(params." + n + ")"))).toList())
                .addNewWorkspace().withName("registry").withWorkspace("registry").endWorkspace()
                .withNewTaskSpec()
                    .withParams(names.stream().map(n -> new ParamSpecBuilder().withName(n).withType("string").build())
                            .toList())
                    .addNewWorkspace().withName("registry").endWorkspace()
                    .withSteps(CatalogTasks.step("record", image, env, CatalogTasks.script("record-failure"), "100m",
                            "512Mi"))
                .endTaskSpec()
                .build();
    }

    private static PipelineTask task(String step, String after, String... params) {
        PipelineTaskBuilder b = new PipelineTaskBuilder().withName(step).withNewTaskRef().withName("ctkit-" + step)
                .endTaskRef().withWorkspaces(BOTH_WORKSPACES);
        for (int i = 0; i < params.length; i += 2) {
            b.addToParams(new Param(params[i], new ParamValue(params[i + 1])));
        }
        if (after != null) {
            b.withRunAfter(after);
        }
        return b.build();
    }

    /** The package task with the Pipeline's optional registry credentials, when the PipelineRun binds them. */
    private static PipelineTask withDockerConfig(PipelineTask task) {
        List<WorkspacePipelineTaskBinding> workspaces = new ArrayList<>(task.getWorkspaces());
        workspaces.add(new WorkspacePipelineTaskBinding(CatalogTasks.DOCKERCONFIG.name(), null,
                CatalogTasks.DOCKERCONFIG.name()));
        task.setWorkspaces(workspaces);
        return task;
    }

    private static PipelineTask gated(PipelineTask task) {
        task.setWhen(List.of(new WhenExpression(null, "$(tasks.gate.results.decision)", "in", List.of("pass"))));
        return task;
    }

    private static ParamSpec param(String name, String description, String defaultValue) {
        return new ParamSpecBuilder().withName(name).withType("string").withDescription(description)
                .withNewDefault().withStringVal(defaultValue).endDefault().build();
    }

    /** The scoring image to push, {@code <registry>/<model>}, or empty when there is no registry to push to. */
    static String scoringImage(PipelineFile project, TektonOptions options) {
        return options.imageRegistry() == null ? "" : options.imageRegistry() + "/" + project.name();
    }

    /** A data file as the Task scripts name it: relative to the project's directory, with forward slashes. */
    static String relative(PipelineFile project, Path file) {
        Path rel = file.isAbsolute() ? project.projectDir().relativize(file) : file;
        return rel.toString().replace('\\', '/');
    }
}
