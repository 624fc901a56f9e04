package io.ctkit.deploy.kubernetes;

import io.ctkit.deploy.DeployException;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/** The API calls of a {@link KubernetesTarget}, in one namespace, each failing as a {@link DeployException}. */
final class Rollouts {
    private final KubernetesClient client;
    private final String namespace;
    private final ApiFailures api;

    Rollouts(KubernetesClient client, String namespace, ApiFailures api) {
        this.client = client;
        this.namespace = namespace;
        this.api = api;
    }

    Deployment get(String step, String name) throws DeployException {
        return api.call(step, "read Deployment " + namespace + "/" + name,
                () -> client.apps().deployments().inNamespace(namespace).withName(name).get());
    }

    /** Creates the object, or replaces it when it exists (server-side apply is not used: see deploy-kubernetes.md). */
    <T extends HasMetadata> void apply(String step, T object) throws DeployException {
        api.runWrite(step, "write " + object.getKind() + " " + namespace + "/" + object.getMetadata().getName(),
                () -> client.resource(object).inNamespace(namespace).createOr(NonDeletingOperation::update));
    }

    /**
     * Writes {@code desired.apply(current)} over Deployment {@code name} (or creates it when
     * {@code current} is null), locked on the resourceVersion of the {@code current} it was made from,
     * so that what {@code desired} derives from {@code current} (the template it records for a roll
     * back) is what it replaces. On a conflict it reads again and derives again.
     *
     * @return the Deployment replaced, as last read; null when there was none
     */
    Deployment replace(String step, String name, UnaryOperator<Deployment> desired) throws DeployException {
        AtomicReference<Deployment> replaced = new AtomicReference<>();
        api.runWrite(step, "write Deployment " + namespace + "/" + name, () -> {
            Deployment current = client.apps().deployments().inNamespace(namespace).withName(name).get();
            replaced.set(current);
            Deployment next = desired.apply(current);
            if (current == null) {
                client.resource(next).inNamespace(namespace).create();
            } else {
                // A plain PUT right after the read: the shorter the time between them, the fewer conflicts.
                next.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
                client.resource(next).inNamespace(namespace).update();
            }
        });
        return replaced.get();
    }

    /** Creates the Service, or brings an existing one's type, selector, ports and labels up to date (its cluster IP stays). */
    void ensureService(Service service) throws DeployException {
        String name = service.getMetadata().getName();
        api.runWrite("switch", "write Service " + namespace + "/" + name, () -> {
            var resource = client.services().inNamespace(namespace).withName(name);
            if (resource.get() == null) {
                client.resource(service).inNamespace(namespace).create();
                return;
            }
            resource.edit(s -> {
                s.getMetadata().setLabels(service.getMetadata().getLabels());
                s.getSpec().setType(service.getSpec().getType());
                s.getSpec().setSelector(service.getSpec().getSelector());
                s.getSpec().setPorts(service.getSpec().getPorts());
                return s;
            });
        });
    }

    /**
     * Waits at most {@code timeout} until the Deployment's rollout is done or has failed (kubectl's
     * rule, {@link RolloutStatus}); on timeout, the last status seen, still waiting.
     */
    RolloutStatus await(String name, Duration timeout) throws DeployException {
        AtomicReference<RolloutStatus> last = new AtomicReference<>(
                new RolloutStatus(RolloutStatus.State.WAITING, "no status seen"));
        try {
            client.apps().deployments().inNamespace(namespace).withName(name).waitUntilCondition(d -> {
                RolloutStatus status = RolloutStatus.of(d);
                last.set(status);
                return status.settled();
            }, Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (KubernetesClientTimeoutException e) {
            return last.get();
        } catch (KubernetesClientException e) {
            throw new DeployException("ready", api.explain("watch Deployment " + namespace + "/" + name, e), e);
        }
        return last.get();
    }

    /** A ready, not terminating pod of the Deployment's template for {@code version}, or null. */
    Pod readyPod(String deployment, int version) throws DeployException {
        Deployment d = get("ready", deployment);
        if (d == null) {
            return null;
        }
        Map<String, String> selector = new LinkedHashMap<>(d.getSpec().getSelector().getMatchLabels());
        selector.put(KubernetesManifests.VERSION, Integer.toString(version));
        List<Pod> pods = api.call("ready", "list the pods of " + namespace + "/" + deployment,
                () -> client.pods().inNamespace(namespace).withLabels(selector).list().getItems());
        return pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).filter(Rollouts::ready)
                .findFirst().orElse(null);
    }

    private static boolean ready(Pod pod) {
        if (pod.getStatus() == null) {
            return false;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if ("Ready".equals(c.getType()) && "True".equals(c.getStatus())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why the Deployment's pods do not start, for messages: the waiting reasons of their
     * containers (e.g. {@code ImagePullBackOff}, {@code CrashLoopBackOff}); empty when none or unknown.
     */
    String podProblems(String deployment) {
        try {
            Deployment d = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
            if (d == null) {
                return "";
            }
            TreeSet<String> reasons = new TreeSet<>();
            for (Pod pod : client.pods().inNamespace(namespace).withLabels(d.getSpec().getSelector().getMatchLabels())
                    .list().getItems()) {
                if (pod.getStatus() == null) {
                    continue;
                }
                for (ContainerStatus s : pod.getStatus().getContainerStatuses()) {
                    if (s.getState() != null && s.getState().getWaiting() != null) {
                        var waiting = s.getState().getWaiting();
                        reasons.add(waiting.getReason() + (waiting.getMessage() == null ? "" : " (" + waiting.getMessage() + ")"));
                    }
                }
            }
            return reasons.isEmpty() ? "" : "; pods are waiting: " + String.join(", ", reasons);
        } catch (KubernetesClientException e) {
            return ""; // a message detail: the failure itself is reported by the caller
        }
    }

    /**
     * Puts back the template recorded in {@link KubernetesManifests#PREVIOUS_TEMPLATE} (and the
     * release annotations and labels it carries), then drops the record.
     */
    PodTemplateSpec restore(String step, String name) throws DeployException {
        Deployment now = get(step, name);
        String recorded = now == null || now.getMetadata().getAnnotations() == null ? null
                : now.getMetadata().getAnnotations().get(KubernetesManifests.PREVIOUS_TEMPLATE);
        if (recorded == null) {
            throw new DeployException(step, "Deployment " + namespace + "/" + name + " has no "
                    + KubernetesManifests.PREVIOUS_TEMPLATE + " annotation to roll back to");
        }
        PodTemplateSpec previous = Serialization.unmarshal(recorded, PodTemplateSpec.class);
        api.runWrite(step, "roll back Deployment " + namespace + "/" + name, () -> client.apps().deployments()
                .inNamespace(namespace).withName(name).edit(d -> {
                    d.getSpec().setTemplate(previous);
                    d.getMetadata().setLabels(previous.getMetadata().getLabels());
                    Map<String, String> annotations = new LinkedHashMap<>(d.getMetadata().getAnnotations());
                    annotations.remove(KubernetesManifests.PREVIOUS_TEMPLATE);
                    annotations.putAll(previous.getMetadata().getAnnotations());
                    d.getMetadata().setAnnotations(annotations);
                    return d;
                }));
        return previous;
    }

    void delete(String step, String deployment) throws DeployException {
        api.run(step, "delete Deployment " + namespace + "/" + deployment,
                () -> client.apps().deployments().inNamespace(namespace).withName(deployment).delete());
    }

    void deleteAutoscaler(String name) throws DeployException {
        api.run("switch", "delete HorizontalPodAutoscaler " + namespace + "/" + name, () -> client.autoscaling().v2()
                .horizontalPodAutoscalers().inNamespace(namespace).withName(name).delete());
    }
}
