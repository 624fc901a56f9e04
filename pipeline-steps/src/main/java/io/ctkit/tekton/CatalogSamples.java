package io.ctkit.tekton;

import io.ctkit.project.PipelineFile;
import io.ctkit.register.RegisterSettings;
import io.ctkit.testrun.TestSettings;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineRunBuilder;
import io.fabric8.tekton.v1.TaskRun;
import io.fabric8.tekton.v1.TaskRunBuilder;
import io.fabric8.tekton.v1.WorkspaceBinding;
import io.fabric8.tekton.v1.WorkspaceBindingBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalog's {@code samples/}: a TaskRun per Task and a PipelineRun of the Pipeline, with the
 * project's values, that a user can create as written ({@code kubectl create -f}: they have a
 * {@code generateName}). Rendered from the same definitions as the Tasks, so they cannot drift apart.
 */
final class CatalogSamples {
    /** The first lines of every sample. */
    static final String HEADER = TektonResources.HEADER
            + "# A sample run: kubectl create -f <this file> (generateName: kubectl apply cannot create it).\n";

    /** Steps that neither read nor write the registry: their sample binds an emptyDir to the registry workspace. */
    private static final Set<String> WITHOUT_REGISTRY = Set.of("validate-data", "train", "evaluate");
    /** An emptyDir with a size limit, as {@code emptyDir: {}} is what the YAML writer leaves out. */
    private static final String UNUSED_REGISTRY_SIZE = "100Mi";
    /** The version a sample deploys or packages when the project moves no alias. */
    private static final String FIRST_VERSION = "1";

    private CatalogSamples() {
    }

    /** A TaskRun of the Task of {@code definition} on {@code project}. */
    static TaskRun taskRun(CatalogTasks.Definition definition, PipelineFile project, TektonOptions options) {
        Map<String, String> values = values(definition.step(), project, options);
        List<Param> params = new ArrayList<>();
        params.add(param(CatalogTasks.PROJECT_DIR.name(), options.projectDir()));
        for (CatalogTasks.Param p : definition.params()) {
            if (values.containsKey(p.name())) {
                params.add(param(p.name(), values.get(p.name())));
            }
        }
        WorkspaceBinding registry = WITHOUT_REGISTRY.contains(definition.step())
                ? new WorkspaceBindingBuilder().withName("registry").withEmptyDir(new EmptyDirVolumeSource(null,
                        new Quantity(UNUSED_REGISTRY_SIZE))).build()
                : claim("registry", CtTriggers.REGISTRY_CLAIM);
        return new TaskRunBuilder()
                .withNewMetadata()
                    .withGenerateName(definition.name() + "-")
                    .addToLabels("app.kubernetes.io/part-of", "ctkit")
                .endMetadata()
                .withNewSpec()
                    .withNewTaskRef().withName(definition.name()).endTaskRef()
                    .withServiceAccountName(CtTriggers.runnerAccount(project))
                    .withParams(params)
                    .withWorkspaces(claim("source", CtTriggers.SOURCE_CLAIM), registry)
                    .withPodTemplate(CtTriggers.podTemplate())
                .endSpec()
                .build();
    }

    /** A manual PipelineRun of the project's Pipeline, as {@code docs/tekton.md}'s first run. */
    static PipelineRun pipelineRun(PipelineFile project, TektonOptions options) {
        return new PipelineRunBuilder()
                .withNewMetadata()
                    .withGenerateName(options.pipeline() + "-run-")
                    .addToLabels("app.kubernetes.io/part-of", "ctkit")
                    .addToLabels("ctkit.io/trigger", "manual")
                .endMetadata()
                .withNewSpec()
                    .withNewPipelineRef().withName(options.pipeline()).endPipelineRef()
                    .withParams(param("model", project.name()), param("trigger", "manual"),
                            param("reason", "first run of " + project.name()))
                    .withNewTaskRunTemplate()
                        .withServiceAccountName(CtTriggers.runnerAccount(project))
                        .withPodTemplate(CtTriggers.podTemplate())
                    .endTaskRunTemplate()
                    .withWorkspaces(claim("source", CtTriggers.SOURCE_CLAIM),
                            claim("registry", CtTriggers.REGISTRY_CLAIM))
                .endSpec()
                .build();
    }

    /** The values a step's sample sets, by param name: the project's where it has them. */
    private static Map<String, String> values(String step, PipelineFile project, TektonOptions options) {
        RegisterSettings register = project.section(RegisterSettings.SECTION);
        String deployed = register.alias() != null ? project.name() + "@" + register.alias()
                : project.name() + ":" + FIRST_VERSION;
        String holdout = CtPipeline.relative(project, project.data().holdout());
        Map<String, String> v = new LinkedHashMap<>();
        switch (step) {
            case "validate-data" -> v.put("data", CtPipeline.relative(project, project.data().train()));
            case "evaluate", "gate" -> {
                v.put("holdout", holdout);
                v.put("label", project.data().label());
            }
            case "test" -> project.section(TestSettings.SECTION).ifPresent(t -> v.put("command", shell(t.command())));
            case "register" -> {
                v.put("model", project.name());
                if (register.alias() != null) {
                    v.put("alias", register.alias());
                }
            }
            case "package" -> {
                v.put("image", CtPipeline.scoringImage(project, options));
                v.put("model-version", FIRST_VERSION);
            }
            case "deploy" -> {
                v.put("model-ref", deployed);
                v.put("target", "kubernetes");
            }
            case "monitor" -> {
                v.put("log-dir", "logs");
                v.put("model-ref", deployed);
            }
            default -> {
                // train: the project's directory is all it needs
            }
        }
        return v;
    }

    /** A command line as /bin/sh reads it: a {@code sh -c} line as it is, other words quoted where needed. */
    static String shell(List<String> command) {
        if (command.size() == 3 && command.get(0).equals("sh") && command.get(1).equals("-c")) {
            return command.get(2);
        }
        return String.join(" ", command.stream().map(w -> w.matches("[A-Za-z0-9_./:=@%+,-]+") ? w
                : "'" + w.replace("'", "'\\''") + "'").toList());
    }

    private static Param param(String name, String value) {
        return new Param(name, new ParamValue(value));
    }

    private static WorkspaceBinding claim(String workspace, String claim) {
        return new WorkspaceBindingBuilder().withName(workspace)
                .withPersistentVolumeClaim(new PersistentVolumeClaimVolumeSource(claim, null)).build();
    }
}
