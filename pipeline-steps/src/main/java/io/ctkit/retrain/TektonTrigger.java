package io.ctkit.retrain;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.tekton.client.TektonClient;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineRunBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code tekton}: creates a {@code tekton.dev/v1} PipelineRun that references the project's
 * Pipeline by name, with the order's parameters ({@link RetrainOrder#parameters()}: model,
 * trigger, request id, data location, pipeline and code version, reason). Its name is derived from
 * the retrain request id, so the same request can never create two runs. The client is fabric8's,
 * configured from kubeconfig or the pod's service account.
 */
public final class TektonTrigger implements Trigger {
    /** Labels and annotations ctkit puts on what it creates. */
    static final String PREFIX = "ctkit.io/";

    private final RetrainSettings.Tekton settings;
    private final KubernetesClient client;

    public TektonTrigger(RetrainSettings.Tekton settings, KubernetesClient client) {
        this.settings = settings;
        this.client = client;
    }

    @Override
    public String kind() {
        return "tekton";
    }

    @Override
    public Started start(RetrainOrder order) throws IOException {
        PipelineRun run = pipelineRun(order);
        try {
            PipelineRun created = client.adapt(TektonClient.class).v1().pipelineRuns()
                    .inNamespace(settings.namespace()).resource(run).create();
            String name = created.getMetadata().getNamespace() + "/" + created.getMetadata().getName();
            return new Started("submitted", "pipelinerun/" + name, "created PipelineRun " + name + " of pipeline "
                    + settings.pipeline());
        } catch (KubernetesClientException e) {
            throw new IOException("cannot create a PipelineRun of pipeline " + settings.pipeline() + " in namespace "
                    + settings.namespace() + " on " + client.getMasterUrl() + ": " + (e.getStatus() != null
                    && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage())
                    + "; the retraining was not started", e);
        }
    }

    /** The PipelineRun for an order, as it is created. */
    PipelineRun pipelineRun(RetrainOrder order) {
        List<Param> params = new ArrayList<>();
        order.parameters().forEach((k, v) -> params.add(new Param(k, new ParamValue(v))));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/managed-by", "ctkit");
        labels.put(PREFIX + "model", label(order.model()));
        labels.put(PREFIX + "trigger", order.trigger());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(PREFIX + "request-id", order.requestId());
        if (order.reason() != null) {
            annotations.put(PREFIX + "reason", order.reason());
        }
        PipelineRunBuilder b = new PipelineRunBuilder()
                .withNewMetadata()
                    .withName(name(order))
                    .withNamespace(settings.namespace())
                    .withLabels(labels)
                    .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                    .withNewPipelineRef().withName(settings.pipeline()).endPipelineRef()
                    .withParams(params)
                .endSpec();
        if (settings.serviceAccount() != null) {
            b.editSpec().withNewTaskRunTemplate().withServiceAccountName(settings.serviceAccount())
                    .endTaskRunTemplate().endSpec();
        }
        return b.build();
    }

    /** {@code <model>-retrain-<request id prefix>}, a valid Kubernetes name whatever the model's name. */
    static String name(RetrainOrder order) {
        String model = label(order.model());
        if (model.length() > 40) {
            model = model.substring(0, 40).replaceAll("-+$", "");
        }
        String id = order.requestId().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return model + "-retrain-" + id.substring(0, Math.min(12, id.length()));
    }

    /** A model name as a label value: lower case, {@code [a-z0-9-]}, at most 63. */
    static String label(String model) {
        String s = model.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        s = s.isEmpty() ? "model" : s;
        return s.length() > 63 ? s.substring(0, 63).replaceAll("-+$", "") : s;
    }
}
