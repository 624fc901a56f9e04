package io.ctkit.deploy.kubernetes;

import io.ctkit.deploy.DeployException;
import io.ctkit.deploy.DeployTarget;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.Closeable;
import java.io.IOException;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code kubernetes} deploy target: a model version serves as a Deployment behind a Service,
 * written with the fabric8 client.
 *
 * <p>{@link #start} runs the release as a one-replica {@code <name>-candidate} Deployment that the
 * Service does not select, and waits for it by the rule of {@code kubectl rollout status}; its
 * {@link Candidate#post} reaches the candidate pod through the API server's pod proxy.
 * {@link #promote} records the serving template in the annotation {@code ctkit.io/previous-template},
 * replaces the template (a rolling update with {@code maxUnavailable: 0}) and waits for the rollout;
 * when it does not finish in time, it re-applies the recorded template and fails with step
 * {@code switch}. Then the candidate is deleted. {@link #discard} deletes the candidate only, so a
 * failed smoke test leaves the serving Deployment untouched. {@link #manifests} gives the objects as
 * YAML without a cluster ({@code --dry-run}). docs/deploy-kubernetes.md describes all of it.
 */
public final class KubernetesTarget implements DeployTarget, Closeable {
    private final KubernetesClient client;
    private final boolean ownsClient;
    private final KubernetesSettings settings;
    private final String model;
    private final String name;
    private final String namespace;
    private final ApiFailures api;
    private final Rollouts rollouts;

    /**
     * A target for {@code model} on the cluster {@code client} talks to; the caller keeps and closes
     * the client. The Deployment is named {@code settings.name()}, else the model's name.
     *
     * @throws IllegalArgumentException when the model's name cannot name a Deployment and settings name none
     */
    public KubernetesTarget(KubernetesClient client, KubernetesSettings settings, String model) {
        this(client, false, settings, model);
    }

    private KubernetesTarget(KubernetesClient client, boolean ownsClient, KubernetesSettings settings, String model) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.settings = settings;
        this.model = model;
        this.name = deploymentName(settings, model);
        this.namespace = settings.namespace().orElseGet(() -> Optional.ofNullable(client.getNamespace()).orElse("default"));
        this.api = new ApiFailures(client.getMasterUrl(), namespace);
        this.rollouts = new Rollouts(client, namespace, api);
    }

    /**
     * A target on the cluster of the current kubeconfig context ({@code KUBECONFIG},
     * {@code ~/.kube/config}) or, inside a pod, of its service account. {@link #close()} closes the client.
     */
    public static KubernetesTarget connect(KubernetesSettings settings, String model) {
        return connect(Config.autoConfigure(null), settings, model);
    }

    /**
     * A target on the cluster of the current context of the kubeconfig file {@code kubeconfig}
     * ({@code ctkit deploy --kubeconfig}). {@link #close()} closes the client.
     */
    public static KubernetesTarget connect(KubernetesSettings settings, String model, java.nio.file.Path kubeconfig) {
        return connect(Config.fromKubeconfig(kubeconfig.toFile()), settings, model);
    }

    private static KubernetesTarget connect(Config base, KubernetesSettings settings, String model) {
        // A few retries, not the client's ten: an unreachable cluster should say so in seconds.
        Config config = new ConfigBuilder(base).withRequestRetryBackoffLimit(2).build();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        return new KubernetesTarget(client, true, settings, model);
    }

    /**
     * The objects a first deployment of {@code release} creates, as multi-document YAML, for
     * {@code --dry-run}: the Service, the Deployment and, for a replica range, the
     * HorizontalPodAutoscaler. Needs no cluster; without {@code namespace} in the settings the
     * objects name none, so {@code kubectl apply -n} chooses.
     */
    public static String manifests(Release release, KubernetesSettings settings) {
        String name = deploymentName(settings, release.model());
        String namespace = settings.namespace().orElse(null);
        checkLabelValue(release.model());
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(KubernetesManifests.service(name, namespace, release.model(), settings));
        objects.add(KubernetesManifests.deployment(name, namespace, release, settings, settings.replicas().min()));
        if (settings.replicas().autoscaled()) {
            objects.add(KubernetesManifests.autoscaler(name, namespace, release.model(), settings));
        }
        return objects.stream().map(Serialization::asYaml).map(y -> y.startsWith("---") ? y : "---\n" + y)
                .collect(Collectors.joining());
    }

    @Override
    public String kind() {
        return "kubernetes";
    }

    @Override
    public String describe() {
        return "k8s:" + namespace + "/" + name;
    }

    @Override
    public Candidate start(Release release, Duration timeout) throws IOException {
        if (!release.model().equals(model)) {
            throw new DeployException("start", "this target deploys model " + model + ", not " + release.model());
        }
        try {
            checkLabelValue(release.model());
        } catch (IllegalArgumentException e) {
            throw new DeployException("start", e.getMessage());
        }
        Deployment serving = rollouts.get("start", name);
        if (serving != null && !"ctkit".equals(label(serving, "app.kubernetes.io/managed-by"))) {
            throw new DeployException("start", "Deployment " + namespace + "/" + name + " exists and was not made"
                    + " by ctkit (no label app.kubernetes.io/managed-by=ctkit); set deploy.kubernetes.name to"
                    + " another name or delete that Deployment");
        }
        String candidate = KubernetesManifests.candidateName(name);
        rollouts.apply("start", KubernetesManifests.candidate(name, namespace, release, settings));
        RolloutStatus status = rollouts.await(candidate, timeout);
        if (status.state() != RolloutStatus.State.DONE) {
            String pods = rollouts.podProblems(candidate);
            rollouts.delete("ready", candidate);
            throw new DeployException("ready", "the candidate " + namespace + "/" + candidate + " (" + release.model()
                    + " version " + release.version() + ") did not become ready within " + timeout + ": "
                    + status.message() + pods + "; the candidate was deleted and Deployment " + name
                    + " was not touched");
        }
        Pod pod = rollouts.readyPod(candidate, release.version());
        if (pod == null) {
            rollouts.delete("ready", candidate);
            throw new DeployException("ready", "the candidate " + namespace + "/" + candidate + " rolled out but"
                    + " no ready pod of version " + release.version() + " was found; the candidate was deleted");
        }
        try {
            return new KubernetesCandidate(release, candidate, KubernetesCandidate.proxy(
                    client.getMasterUrl().toURI(), namespace, pod.getMetadata().getName()), client.getHttpClient());
        } catch (URISyntaxException e) {
            throw new DeployException("start", "the API server's address is not a URI: " + client.getMasterUrl(), e);
        }
    }

    @Override
    public void promote(Candidate candidate, Duration timeout) throws IOException {
        KubernetesCandidate started = own(candidate);
        Release release = started.release();
        rollouts.ensureService(KubernetesManifests.service(name, namespace, model, settings));
        Deployment serving = rollouts.replace("switch", name, current -> {
            if (current == null) {
                return KubernetesManifests.deployment(name, namespace, release, settings, settings.replicas().min());
            }
            // An autoscaler owns the replica count; a fixed count comes from the settings.
            int replicas = settings.replicas().autoscaled() && current.getSpec().getReplicas() != null
                    ? current.getSpec().getReplicas() : settings.replicas().min();
            Deployment desired = KubernetesManifests.deployment(name, namespace, release, settings, replicas);
            desired.getMetadata().getAnnotations().put(KubernetesManifests.PREVIOUS_TEMPLATE,
                    Serialization.asJson(current.getSpec().getTemplate()));
            return desired;
        });
        RolloutStatus status = rollouts.await(name, timeout);
        if (status.state() != RolloutStatus.State.DONE) {
            throw rollBack(serving, release, timeout, status);
        }
        if (settings.replicas().autoscaled()) {
            rollouts.apply("switch", KubernetesManifests.autoscaler(name, namespace, model, settings));
        } else {
            rollouts.deleteAutoscaler(name);
        }
        try {
            rollouts.delete("switch", started.deployment());
        } catch (DeployException e) {
            throw new DeployException("switch", "version " + release.version() + " serves, but the candidate"
                    + " Deployment could not be deleted; delete it with `kubectl delete deployment -n " + namespace
                    + " " + started.deployment() + "`: " + e.getMessage(), e);
        }
    }

    private DeployException rollBack(Deployment previous, Release release, Duration timeout, RolloutStatus status) {
        String what = "version " + release.version() + " did not roll out within " + timeout + " (" + status.message()
                + rollouts.podProblems(name) + ")";
        try {
            if (previous == null) {
                rollouts.delete("switch", name);
                rollouts.delete("switch", KubernetesManifests.candidateName(name));
                return new DeployException("switch", what + "; nothing served before, so Deployment " + namespace
                        + "/" + name + " and the candidate were deleted");
            }
            PodTemplateSpec template = rollouts.restore("switch", name);
            rollouts.delete("switch", KubernetesManifests.candidateName(name));
            return new DeployException("switch", what + "; rolled back to the previous template ("
                    + template.getMetadata().getAnnotations().get(KubernetesManifests.VERSION) + "'s), which serves");
        } catch (DeployException e) {
            return new DeployException("switch", what + "; the rollback failed too, so Deployment " + namespace + "/"
                    + name + " may serve neither version: " + e.getMessage(), e);
        }
    }

    @Override
    public void discard(Candidate candidate) throws IOException {
        rollouts.delete("smoke-test", own(candidate).deployment());
    }

    /**
     * The release of the serving Deployment, from its annotations and image. Its {@code bundle} is
     * null: a cluster holds images, not bundle directories.
     */
    @Override
    public Optional<Release> current() throws IOException {
        Deployment serving = rollouts.get("start", name);
        if (serving == null) {
            return Optional.empty();
        }
        Map<String, String> annotations = Optional.ofNullable(serving.getMetadata().getAnnotations()).orElse(Map.of());
        String version = annotations.get(KubernetesManifests.VERSION);
        if (version == null || !version.matches("[0-9]{1,9}")) {
            throw new IOException("Deployment " + namespace + "/" + name + " has no ctkit.io/version annotation"
                    + " with a version number, so it was not deployed by ctkit; set deploy.kubernetes.name to"
                    + " another name or delete that Deployment");
        }
        String image = serving.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        return Optional.of(new Release(annotations.getOrDefault(KubernetesManifests.MODEL, model),
                Integer.parseInt(version), annotations.get(KubernetesManifests.DIGEST), null, image));
    }

    /** Closes the client when {@link #connect} made it. */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    private KubernetesCandidate own(Candidate candidate) {
        if (!(candidate instanceof KubernetesCandidate k)) {
            throw new IllegalArgumentException("not a candidate of this target: " + candidate);
        }
        return k;
    }

    private static String deploymentName(KubernetesSettings settings, String model) {
        String name = settings.name().orElse(model);
        if (!KubernetesSettings.validName(name)) {
            throw new IllegalArgumentException("deploy.kubernetes.name: the model name \"" + model + "\" cannot name"
                    + " a Deployment (a DNS label of at most " + KubernetesSettings.MAX_NAME + " characters:"
                    + " lower-case letters, digits and '-'); set deploy.kubernetes.name");
        }
        return name;
    }

    private static void checkLabelValue(String model) {
        if (model.length() > 63 || !model.matches("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?")) {
            throw new IllegalArgumentException("model name \"" + model + "\" is not a Kubernetes label value (at most"
                    + " 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit)");
        }
    }

    private static String label(HasMetadata object, String key) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }
}
