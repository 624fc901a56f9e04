package io.ctkit.deploy.kubernetes;

import io.ctkit.deploy.DeployTarget.Release;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The objects a {@link KubernetesTarget} writes, built from a release and the settings alone (no
 * cluster), so that {@code --dry-run} prints exactly what a deployment would create.
 */
final class KubernetesManifests {

    /** The port the scoring image's server listens on (ScoringImageSpec.DEFAULT_PORT). */
    static final int CONTAINER_PORT = 8080;
    static final String PORT_NAME = "http";
    static final String CONTAINER = "scoring-server";
    static final String LOG_DIR = "/var/log/ctkit";

    static final String MODEL = "ctkit.io/model";
    static final String VERSION = "ctkit.io/version";
    static final String DIGEST = "ctkit.io/digest";
    /** The pod template that served before the last promotion: what a failed rollout returns to. */
    static final String PREVIOUS_TEMPLATE = "ctkit.io/previous-template";
    /** {@code serving} (selected by the Service) or {@code candidate} (smoke-tested through the API server). */
    static final String ROLE = "ctkit.io/role";
    static final String INSTANCE = "app.kubernetes.io/instance";

    /**
     * The server's drain on SIGTERM (scoring-server.md, "Overload and shutdown"): readiness turns
     * 503 and it keeps serving for the drain delay (5 s), then waits at most the shutdown timeout
     * (20 s) for requests in flight. The preStop sleep covers the time endpoints take to drop the
     * pod before SIGTERM arrives; the grace period covers all three with a margin.
     */
    static final long PRE_STOP_SECONDS = 5;
    static final long GRACE_SECONDS = PRE_STOP_SECONDS + 5 + 20 + 5;
    static final long USER = 10001;

    private KubernetesManifests() {
    }

    static String candidateName(String name) {
        return name + "-candidate";
    }

    /** The serving Deployment; {@code replicas} is the count to write (an autoscaler changes it later). */
    static Deployment deployment(String name, String namespace, Release release, KubernetesSettings settings,
                                 int replicas) {
        return deployment(name, name, namespace, release, settings, replicas, "serving");
    }

    /**
     * A one-replica Deployment beside the serving one, which the Service does not select. It has no
     * prediction-log volume: the smoke test's rows are not traffic to monitor, and a ReadWriteOnce
     * claim mounted by the serving pods on another node would keep the candidate from starting.
     */
    static Deployment candidate(String name, String namespace, Release release, KubernetesSettings settings) {
        KubernetesSettings s = settings;
        KubernetesSettings withoutLog = new KubernetesSettings(s.namespace(), s.name(), s.replicas(), s.resources(),
                s.targetCpuUtilization(), Optional.empty(), s.imagePullPolicy(), s.serviceType(), s.servicePort(),
                s.rolloutTimeout());
        return deployment(candidateName(name), name, namespace, release, withoutLog, 1, "candidate");
    }

    private static Deployment deployment(String objectName, String name, String namespace, Release release,
                                         KubernetesSettings settings, int replicas, String role) {
        Map<String, String> selector = new LinkedHashMap<>();
        selector.put(INSTANCE, name);
        selector.put(ROLE, role);
        Map<String, String> labels = versionLabels(name, release);
        labels.put(ROLE, role);
        return new DeploymentBuilder()
                .withNewMetadata().withName(objectName).withNamespace(namespace).withLabels(labels)
                .withAnnotations(releaseAnnotations(release)).endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector().withMatchLabels(selector).endSelector()
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxUnavailable(new IntOrString(0)).withMaxSurge(new IntOrString("25%"))
                .endRollingUpdate().endStrategy()
                .withProgressDeadlineSeconds((int) Math.max(1, Math.min(Integer.MAX_VALUE,
                        settings.rolloutTimeout().toSeconds())))
                .withRevisionHistoryLimit(3)
                .withTemplate(template(name, release, settings, labels))
                .endSpec()
                .build();
    }

    private static PodTemplateSpec template(String name, Release release, KubernetesSettings settings,
                                            Map<String, String> labels) {
        PodTemplateSpecBuilder template = new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(labels).withAnnotations(releaseAnnotations(release)).endMetadata()
                .withNewSpec()
                // The scoring server never calls the API server: no token in its file system.
                .withAutomountServiceAccountToken(false)
                .withTerminationGracePeriodSeconds(GRACE_SECONDS)
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(USER).withRunAsGroup(USER)
                .withFsGroup(USER).withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .withContainers(container(release, settings))
                .endSpec();
        settings.logVolumeClaim().ifPresent(claim -> template.editSpec().addNewVolume().withName("prediction-log")
                .withNewPersistentVolumeClaim().withClaimName(claim).endPersistentVolumeClaim().endVolume().endSpec());
        return template.build();
    }

    private static Container container(Release release, KubernetesSettings settings) {
        KubernetesSettings.Resources r = settings.resources();
        Map<String, Quantity> requests = new LinkedHashMap<>();
        requests.put("cpu", new Quantity(r.cpuRequest()));
        requests.put("memory", new Quantity(r.memoryRequest()));
        Map<String, Quantity> limits = new LinkedHashMap<>();
        r.cpuLimit().ifPresent(v -> limits.put("cpu", new Quantity(v)));
        r.memoryLimit().ifPresent(v -> limits.put("memory", new Quantity(v)));
        ContainerBuilder container = new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(release.image())
                .withImagePullPolicy(settings.imagePullPolicy())
                .addNewPort().withName(PORT_NAME).withContainerPort(CONTAINER_PORT).withProtocol("TCP").endPort()
                .withEnv(env(settings))
                .withResources(new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build())
                .withReadinessProbe(probe("/v2/health/ready", 5, 2))
                .withLivenessProbe(probe("/v2/health/live", 10, 3))
                // A JVM on a busy node may take a while to start; liveness must not kill it meanwhile.
                .withStartupProbe(probe("/v2/health/live", 2, 60))
                .withNewLifecycle().withNewPreStop().withNewSleep(PRE_STOP_SECONDS).endPreStop().endLifecycle()
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(USER).withRunAsGroup(USER)
                .withReadOnlyRootFilesystem(true).withAllowPrivilegeEscalation(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext();
        if (settings.logVolumeClaim().isPresent()) {
            // One directory per pod: replicas sharing the claim never write the same file.
            container.addNewVolumeMount().withName("prediction-log").withMountPath(LOG_DIR)
                    .withSubPathExpr("$(POD_NAME)").endVolumeMount();
        }
        return container.build();
    }

    private static List<EnvVar> env(KubernetesSettings settings) {
        List<EnvVar> env = new ArrayList<>();
        if (settings.logVolumeClaim().isPresent()) {
            env.add(new EnvVarBuilder().withName("POD_NAME").withNewValueFrom().withNewFieldRef()
                    .withFieldPath("metadata.name").endFieldRef().endValueFrom().build());
            env.add(new EnvVar("CTKIT_LOG_DIR", LOG_DIR, null));
        }
        return env;
    }

    private static Probe probe(String path, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString(PORT_NAME)).endHttpGet()
                .withPeriodSeconds(periodSeconds).withTimeoutSeconds(2).withFailureThreshold(failureThreshold)
                .build();
    }

    /** The Service in front of the serving Deployment's pods (never the candidate's). */
    static Service service(String name, String namespace, String model, KubernetesSettings settings) {
        return new ServiceBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(stableLabels(name, model))
                .endMetadata()
                .withNewSpec()
                .withType(settings.serviceType())
                .withSelector(Map.of(INSTANCE, name, ROLE, "serving"))
                .addNewPort().withName(PORT_NAME).withPort(settings.servicePort())
                .withTargetPort(new IntOrString(PORT_NAME)).withProtocol("TCP").endPort()
                .endSpec()
                .build();
    }

    /** The autoscaler of an autoscaled deployment: CPU utilisation of the requests. */
    static HorizontalPodAutoscaler autoscaler(String name, String namespace, String model,
                                              KubernetesSettings settings) {
        return new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(stableLabels(name, model))
                .endMetadata()
                .withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(name)
                .endScaleTargetRef()
                .withMinReplicas(settings.replicas().min())
                .withMaxReplicas(settings.replicas().max())
                .addNewMetric().withType("Resource").withNewResource().withName("cpu").withNewTarget()
                .withType("Utilization").withAverageUtilization(settings.targetCpuUtilization()).endTarget()
                .endResource().endMetric()
                .endSpec()
                .build();
    }

    /** Labels that stay the same from version to version (Service, autoscaler). */
    static Map<String, String> stableLabels(String name, String model) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", model);
        labels.put(INSTANCE, name);
        labels.put("app.kubernetes.io/component", "scoring-server");
        labels.put("app.kubernetes.io/managed-by", "ctkit");
        labels.put(MODEL, model);
        return labels;
    }

    /**
     * The stable labels plus the version. The digest ({@code sha256:} and 64 hex digits) is too
     * long for a label value and has a colon, so it is an annotation only.
     */
    private static Map<String, String> versionLabels(String name, Release release) {
        Map<String, String> labels = stableLabels(name, release.model());
        labels.put("app.kubernetes.io/version", Integer.toString(release.version()));
        labels.put(VERSION, Integer.toString(release.version()));
        return labels;
    }

    private static Map<String, String> releaseAnnotations(Release release) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(MODEL, release.model());
        annotations.put(VERSION, Integer.toString(release.version()));
        annotations.put(DIGEST, release.digest());
        return annotations;
    }
}
