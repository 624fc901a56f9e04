package io.ctkit.tekton;

import com.fasterxml.jackson.databind.node.TextNode;
import io.ctkit.project.PipelineFile;
import io.ctkit.retrain.RetrainSettings;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineRunBuilder;
import io.fabric8.tekton.triggers.v1beta1.EventListener;
import io.fabric8.tekton.triggers.v1beta1.EventListenerBuilder;
import io.fabric8.tekton.triggers.v1beta1.EventListenerTrigger;
import io.fabric8.tekton.triggers.v1beta1.EventListenerTriggerBuilder;
import io.fabric8.tekton.triggers.v1beta1.InterceptorParams;
import io.fabric8.tekton.triggers.v1beta1.Param;
import io.fabric8.tekton.triggers.v1beta1.ParamSpec;
import io.fabric8.tekton.triggers.v1beta1.TriggerBinding;
import io.fabric8.tekton.triggers.v1beta1.TriggerBindingBuilder;
import io.fabric8.tekton.triggers.v1beta1.TriggerResourceTemplate;
import io.fabric8.tekton.triggers.v1beta1.TriggerTemplate;
import io.fabric8.tekton.triggers.v1beta1.TriggerTemplateBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Triggers of a project's Pipeline: an EventListener with three routes (a code push, new data,
 * ctkit's retrain call), a TriggerBinding per route, the TriggerTemplate that creates the
 * PipelineRun, and the CronJob that calls the EventListener on a schedule (Triggers has no cron).
 */
final class CtTriggers {
    /** The image the CronJob POSTs with: the CLI image has no curl. */
    static final String CURL_IMAGE = "curlimages/curl:8.11.1";
    static final String RUNNER_ACCOUNT = "ctkit-runner";
    static final String TRIGGERS_ACCOUNT = "ctkit-triggers";

    private CtTriggers() {
    }

    /** The binding of each route, in the EventListener's order. */
    static List<TriggerBinding> bindings() {
        return List.of(
                binding("ctkit-code-push", "trigger", "code", "code-version", "git:$(body.after)", "reason",
                        "push to $(body.ref)"),
                binding("ctkit-new-data", "trigger", "data", "model", "$(body.model)", "data", "$(body.data)",
                        "reason", "new data: $(body.data)"),
                binding("ctkit-retrain", CtPipeline.ORDER_PARAMS.stream()
                        .flatMap(p -> Stream.of(p, "$(body.data." + p + ")")).toArray(String[]::new)));
    }

    static EventListener eventListener(TektonOptions options) {
        return new EventListenerBuilder()
                .withMetadata(metadata(options.pipeline()))
                .withNewSpec()
                    .withServiceAccountName(TRIGGERS_ACCOUNT)
                    .withTriggers(route("code-push", "header.match('X-GitHub-Event', 'push')", "ctkit-code-push",
                                    options),
                            route("new-data", "body.event == 'new-data'", "ctkit-new-data", options),
                            route("retrain", "body.entity == 'model' && body.action == 'retrain'", "ctkit-retrain",
                                    options))
                .endSpec()
                .build();
    }

    static TriggerTemplate triggerTemplate(PipelineFile project, TektonOptions options) {
        RetrainSettings.Tekton tekton = project.section(RetrainSettings.SECTION).tekton();
        String account = tekton != null && tekton.serviceAccount() != null ? tekton.serviceAccount() : RUNNER_ACCOUNT;
        List<ParamSpec> params = new ArrayList<>();
        List<io.fabric8.tekton.v1.Param> runParams = new ArrayList<>(); // the PipelineRun's, not the Triggers' Param
        for (String p : CtPipeline.ORDER_PARAMS) {
            params.add(new ParamSpec(p.equals("trigger") ? "manual" : "", "The PipelineRun's " + p + " param.", p));
            runParams.add(new io.fabric8.tekton.v1.Param(p, new io.fabric8.tekton.v1.ParamValue("$(tt.params." + p
                    + ")")));
        }
        PipelineRun run = new PipelineRunBuilder()
                .withNewMetadata()
                    .withGenerateName(options.pipeline() + "-run-")
                    .addToLabels("app.kubernetes.io/managed-by", "ctkit")
                    .addToLabels("ctkit.io/trigger", "$(tt.params.trigger)")
                .endMetadata()
                .withNewSpec()
                    .withNewPipelineRef().withName(options.pipeline()).endPipelineRef()
                    .withParams(runParams)
                    .withNewTaskRunTemplate()
                        .withServiceAccountName(account)
                        // the steps run as the CLI image's uid, which must be able to write the workspaces
                        .withNewPodTemplate().withSecurityContext(new PodSecurityContextBuilder()
                            .withFsGroup(CatalogTasks.UID).build()).endPodTemplate()
                    .endTaskRunTemplate()
                    .addNewWorkspace().withName("source").withNewPersistentVolumeClaim("ctkit-source", null)
                        .endWorkspace()
                    .addNewWorkspace().withName("registry").withNewPersistentVolumeClaim("ctkit-registry", null)
                        .endWorkspace()
                .endSpec()
                .build();
        run.setApiVersion("tekton.dev/v1");
        run.setKind("PipelineRun");
        TriggerResourceTemplate resource = new TriggerResourceTemplate();
        resource.setAdditionalProperties(TektonYaml.asMap(run));
        return new TriggerTemplateBuilder()
                .withMetadata(metadata(options.pipeline()))
                .withNewSpec().withParams(params).withResourcetemplates(resource).endSpec()
                .build();
    }

    /** The CronJob that POSTs ctkit's retrain body with trigger schedule to the EventListener's service. */
    static CronJob schedule(PipelineFile project, TektonOptions options) {
        return new CronJobBuilder()
                .withMetadata(metadata(options.pipeline() + "-schedule"))
                .withNewSpec()
                    .withSchedule(options.schedule())
                    .withConcurrencyPolicy("Forbid")
                    .withNewJobTemplate().withNewSpec().withBackoffLimit(2)
                        .withNewTemplate().withNewSpec()
                            .withRestartPolicy("Never")
                            .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(CatalogTasks.UID)
                                .endSecurityContext()
                            .addNewContainer()
                                .withName("trigger")
                                .withImage(CURL_IMAGE)
                                .withEnv(new EnvVar("MODEL", project.name(), null),
                                        new EnvVar("LISTENER", "http://el-" + options.pipeline() + ":8080", null))
                                .withNewResources()
                                    .addToRequests("cpu", new Quantity("50m"))
                                    .addToRequests("memory", new Quantity("64Mi"))
                                .endResources()
                                .withCommand("/bin/sh", "-c", CatalogTasks.script("schedule"))
                            .endContainer()
                        .endSpec().endTemplate()
                    .endSpec().endJobTemplate()
                .endSpec()
                .build();
    }

    private static EventListenerTrigger route(String name, String filter, String binding, TektonOptions options) {
        return new EventListenerTriggerBuilder()
                .withName(name)
                .addNewInterceptor().withNewRef().withName("cel").endRef()
                    .withParams(new InterceptorParams("filter", TextNode.valueOf(filter))).endInterceptor()
                .addNewBinding().withRef(binding).endBinding()
                .withNewTemplate().withRef(options.pipeline()).endTemplate()
                .build();
    }

    private static TriggerBinding binding(String name, String... params) {
        List<Param> list = new ArrayList<>();
        for (int i = 0; i < params.length; i += 2) {
            list.add(new Param(params[i], params[i + 1]));
        }
        return new TriggerBindingBuilder().withMetadata(metadata(name)).withNewSpec().withParams(list).endSpec()
                .build();
    }

    private static ObjectMeta metadata(String name) {
        return new ObjectMetaBuilder().withName(name).addToLabels("app.kubernetes.io/version", CatalogTasks.VERSION)
                .addToLabels("app.kubernetes.io/part-of", "ctkit").build();
    }
}
