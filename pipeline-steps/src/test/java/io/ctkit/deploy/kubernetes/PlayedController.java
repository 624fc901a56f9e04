package io.ctkit.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The Deployment controller and kubelet that the CRUD mock server does not run: every 20 ms it
 * writes the status of each Deployment of a namespace whose spec it has not observed yet, as a
 * rollout that finished, one stuck with no available pod, or one past its progress deadline (as
 * the function says), and gives a ready Deployment one ready pod named {@code <deployment>-v<version>}
 * with its template's labels. Public for the CLI's end-to-end test ({@code DeployKubernetesTest}).
 */
public final class PlayedController implements AutoCloseable {
    private final KubernetesClient client;
    private final String namespace;
    private final Function<Deployment, Outcome> outcome;

    enum Outcome { READY, STUCK, PAST_DEADLINE }
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();

    PlayedController(KubernetesClient client, String namespace, Function<Deployment, Outcome> outcome) {
        this.client = client;
        this.namespace = namespace;
        this.outcome = outcome;
        loop.scheduleWithFixedDelay(this::observe, 0, 20, TimeUnit.MILLISECONDS);
    }

    /** Every Deployment becomes ready. */
    public static PlayedController allReady(KubernetesClient client, String namespace) {
        return new PlayedController(client, namespace, d -> Outcome.READY);
    }

    static String version(Deployment d) {
        return d.getSpec().getTemplate().getMetadata().getLabels().get(KubernetesManifests.VERSION);
    }

    static String podName(Deployment d) {
        return d.getMetadata().getName() + "-v" + version(d);
    }

    private void observe() {
        try {
            for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
                long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
                DeploymentStatus seen = d.getStatus();
                if (seen != null && Objects.equals(seen.getObservedGeneration(), generation)) {
                    continue;
                }
                int replicas = d.getSpec().getReplicas();
                Outcome result = outcome.apply(d);
                boolean ready = result == Outcome.READY;
                DeploymentStatusBuilder status = new DeploymentStatusBuilder().withObservedGeneration(generation)
                        .withReplicas(replicas).withUpdatedReplicas(replicas)
                        .withReadyReplicas(ready ? replicas : 0).withAvailableReplicas(ready ? replicas : 0);
                if (result == Outcome.PAST_DEADLINE) {
                    status.addNewCondition().withType("Progressing").withStatus("False")
                            .withReason("ProgressDeadlineExceeded")
                            .withMessage("ReplicaSet has timed out progressing.").endCondition();
                }
                if (ready) { // as in a cluster, the pod is there before the Deployment counts it available
                    client.pods().inNamespace(namespace).resource(readyPod(d)).createOr(op -> op.update());
                }
                d.setStatus(status.build());
                client.apps().deployments().inNamespace(namespace).resource(d).updateStatus();
            }
        } catch (KubernetesClientException e) {
            // a conflict with a concurrent write: the next round sees the new object
        }
    }

    private static Pod readyPod(Deployment d) {
        return new PodBuilder().withNewMetadata().withName(podName(d))
                .withLabels(d.getSpec().getTemplate().getMetadata().getLabels()).endMetadata()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True")
                .endCondition().endStatus().build();
    }

    @Override
    public void close() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
