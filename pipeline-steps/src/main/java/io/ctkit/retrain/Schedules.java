package io.ctkit.retrain;

import io.ctkit.project.PipelineFile;
import io.ctkit.provenance.CodeVersion;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * Scheduled retraining for a CI system, as text or objects: for Tekton, a Kubernetes CronJob whose
 * container (the {@code ctkit/cli} image) runs {@code ctkit retrain MODEL --trigger schedule --via
 * tekton}, which creates the PipelineRun (cooldown and deduplication included), with the
 * project's ctkit.yaml in a ConfigMap beside it; for Jenkins, a declarative pipeline with its
 * {@code triggers { cron(..) }} block that runs the retraining on the agent.
 *
 * <p>The CronJob reads the registry that the pipeline writes: the URL from the Secret
 * {@value #REGISTRY_SECRET} (key {@code url}, a {@code jdbc:postgresql:} URL) and the blobs from
 * the PersistentVolumeClaim {@value #REGISTRY_BLOBS}.
 */
public final class Schedules {
    /** The Secret holding the shared registry's JDBC URL (key {@code url}). */
    public static final String REGISTRY_SECRET = "ctkit-registry";
    /** The PersistentVolumeClaim holding the shared registry's blobs. */
    public static final String REGISTRY_BLOBS = "ctkit-registry-blobs";

    private Schedules() {
    }

    /** The CLI image a schedule runs: {@code retrain.tekton.image}, else {@code ctkit/cli:<this ctkit>}. */
    public static String image(RetrainSettings.Tekton tekton) {
        return tekton.image() != null ? tekton.image() : "ctkit/cli:" + CodeVersion.ctkitVersion();
    }

    /** The ConfigMap with the project's ctkit.yaml, then the CronJob; in the Tekton settings' namespace. */
    public static List<HasMetadata> kubernetes(PipelineFile project, RetrainSettings.Tekton tekton, String cron)
            throws IOException {
        String base = TektonTrigger.label(project.name());
        if (base.length() > 40) {
            base = base.substring(0, 40).replaceAll("-+$", "");
        }
        Map<String, String> labels = Map.of("app.kubernetes.io/managed-by", "ctkit", TektonTrigger.PREFIX + "model",
                TektonTrigger.label(project.name()));
        ConfigMap config = new ConfigMapBuilder()
                .withNewMetadata().withName(base + "-ctkit-project").withNamespace(tekton.namespace())
                    .withLabels(labels).endMetadata()
                .withData(Map.of("ctkit.yaml", Files.readString(project.file())))
                .build();
        CronJob job = new CronJobBuilder()
                .withNewMetadata().withName(base + "-retrain").withNamespace(tekton.namespace()).withLabels(labels)
                    .endMetadata()
                .withNewSpec()
                    .withSchedule(cron)
                    // A slow run must not overlap the next: the registry would deduplicate it, but the pod is waste.
                    .withConcurrencyPolicy("Forbid")
                    .withStartingDeadlineSeconds(600L)
                    .withSuccessfulJobsHistoryLimit(3)
                    .withFailedJobsHistoryLimit(3)
                    .withNewJobTemplate().withNewSpec().withBackoffLimit(1)
                        .withNewTemplate()
                            .withNewMetadata().withLabels(labels).endMetadata()
                            .withNewSpec()
                                .withRestartPolicy("Never")
                                .withServiceAccountName(tekton.serviceAccount())
                                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(10001L)
                                    .endSecurityContext()
                                .addNewContainer()
                                    .withName("retrain")
                                    .withImage(image(tekton))
                                    .withArgs("retrain", project.name(), "--project", "/project", "--trigger",
                                            "schedule", "--via", "tekton")
                                    .addNewEnv().withName("CTKIT_REGISTRY").withNewValueFrom().withNewSecretKeyRef()
                                        .withName(REGISTRY_SECRET).withKey("url").endSecretKeyRef().endValueFrom()
                                        .endEnv()
                                    .addNewEnv().withName("CTKIT_REGISTRY_BLOBS").withValue("/registry/blobs").endEnv()
                                    .addNewEnv().withName("CTKIT_ACTOR").withValue("cronjob/" + base + "-retrain")
                                        .endEnv()
                                    .withNewSecurityContext().withReadOnlyRootFilesystem(true)
                                        .withAllowPrivilegeEscalation(false).withNewCapabilities().withDrop("ALL")
                                        .endCapabilities().endSecurityContext()
                                    .addNewVolumeMount().withName("project").withMountPath("/project")
                                        .withReadOnly(true).endVolumeMount()
                                    .addNewVolumeMount().withName("registry").withMountPath("/registry/blobs")
                                        .endVolumeMount()
                                .endContainer()
                                .addNewVolume().withName("project").withNewConfigMap()
                                    .withName(config.getMetadata().getName()).endConfigMap().endVolume()
                                .addNewVolume().withName("registry").withNewPersistentVolumeClaim()
                                    .withClaimName(REGISTRY_BLOBS).endPersistentVolumeClaim().endVolume()
                            .endSpec()
                        .endTemplate()
                    .endSpec().endJobTemplate()
                .endSpec()
                .build();
        return List.of(config, job);
    }

    /** The objects as one multi-document YAML text, to apply elsewhere ({@code kubectl apply -f}). */
    public static String yaml(List<HasMetadata> objects) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        StringBuilder out = new StringBuilder();
        for (HasMetadata o : objects) {
            String doc = serialization.asYaml(o);
            out.append(doc.startsWith("---") ? doc : "---\n" + doc);
        }
        return out.toString();
    }

    /**
     * A Jenkins declarative pipeline for the retraining job, its {@code triggers { cron(..) }}
     * block scheduling {@code ctkit retrain} on an agent running the ctkit CLI image.
     */
    public static String jenkinsfile(PipelineFile project, String cron, String image) {
        return """
                // The retraining job of %1$s, generated by `ctkit schedule %1$s --ci jenkins`.
                // Jenkins spreads jobs over the hour when the minute field is H (e.g. "H 3 * * *").
                pipeline {
                    agent { docker { image '%2$s' } }
                    triggers {
                        cron('%3$s')
                    }
                    options { disableConcurrentBuilds() }
                    stages {
                        stage('retrain') {
                            steps {
                                sh 'ctkit retrain %1$s --project . --trigger schedule --via local'
                            }
                        }
                    }
                }
                """.formatted(project.name(), image, cron);
    }
}
