package io.ctkit.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctkit.deploy.DeployException;
import io.ctkit.deploy.DeployTarget.Candidate;
import io.ctkit.deploy.DeployTarget.Release;
import io.ctkit.deploy.DeployTarget.Reply;
import io.ctkit.deploy.kubernetes.PlayedController.Outcome;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
@SuppressWarnings("try") // a PlayedController works for the test while its try block runs
class KubernetesTargetTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The mock server logs every request at INFO; the played controller makes fifty a second. */
    private static final Logger MOCK_LOG = quiet("io.fabric8.mockwebserver");

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.WARNING);
        return logger;
    }

    static Release release(int version) {
        return new Release("forecast", version, "sha256:" + Integer.toString(version).repeat(64),
                Path.of("bundle"), "ctkit/forecast:" + version);
    }

    static KubernetesSettings settings(String namespace) {
        KubernetesSettings d = KubernetesSettings.defaults();
        return new KubernetesSettings(Optional.of(namespace), Optional.empty(), new KubernetesSettings.Replicas(2, 5, true),
                new KubernetesSettings.Resources("500m", "256Mi", Optional.of("1"), Optional.of("384Mi")), 60,
                Optional.of("forecast-log"), "IfNotPresent", "ClusterIP", 80, d.rolloutTimeout());
    }

    /** Deploys {@code version} start to end, smoke-testing it through the pod proxy. */
    private static Candidate startAndSmokeTest(KubernetesTarget target, String namespace, int version) throws Exception {
        Candidate candidate = target.start(release(version), TIMEOUT);
        String path = "/api/v1/namespaces/" + namespace + "/pods/forecast-candidate-v" + version
                + ":8080/proxy/v2/models/forecast/infer";
        server.expect().post().withPath(path).andReturn(200, "{\"model_version\":\"" + version + "\"}").once();
        Reply reply = candidate.post("/v2/models/forecast/infer", "{\"inputs\":[]}");
        assertThat(reply).isEqualTo(new Reply(200, "{\"model_version\":\"" + version + "\"}"));
        return candidate;
    }

    @Test
    void aReadyRolloutServesBehindAServiceWithProbesSecurityResourcesLabelsAndAnAutoscaler() throws Exception {
        String ns = "first-deploy";
        KubernetesTarget target = new KubernetesTarget(client, settings(ns), "forecast");
        try (PlayedController controller = PlayedController.allReady(client, ns)) {
            Candidate candidate = startAndSmokeTest(target, ns, 1);
            assertThat(candidate.endpoint().toString()).endsWith("/api/v1/namespaces/" + ns
                    + "/pods/forecast-candidate-v1:8080/proxy/");
            Deployment beside = client.apps().deployments().inNamespace(ns).withName("forecast-candidate").get();
            assertThat(beside.getSpec().getReplicas()).isEqualTo(1);
            assertThat(beside.getSpec().getSelector().getMatchLabels()).containsEntry("ctkit.io/role", "candidate");
            assertThat(beside.getSpec().getTemplate().getSpec().getVolumes()).isEmpty();

            target.promote(candidate, TIMEOUT);
        }

        Deployment d = client.apps().deployments().inNamespace(ns).withName("forecast").get();
        assertThat(d.getSpec().getReplicas()).isEqualTo(2);
        assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        assertThat(d.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(d.getMetadata().getLabels()).contains(Map.entry("app.kubernetes.io/name", "forecast"),
                Map.entry("app.kubernetes.io/instance", "forecast"), Map.entry("app.kubernetes.io/version", "1"),
                Map.entry("app.kubernetes.io/managed-by", "ctkit"), Map.entry("ctkit.io/model", "forecast"),
                Map.entry("ctkit.io/version", "1"));
        PodTemplateSpec template = d.getSpec().getTemplate();
        assertThat(d.getMetadata().getAnnotations()).contains(Map.entry("ctkit.io/digest", release(1).digest()));
        assertThat(template.getMetadata().getAnnotations()).contains(Map.entry("ctkit.io/model", "forecast"),
                Map.entry("ctkit.io/version", "1"), Map.entry("ctkit.io/digest", release(1).digest()));

        PodSpec pod = template.getSpec();
        Container c = pod.getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("ctkit/forecast:1");
        assertThat(c.getPorts().get(0).getContainerPort()).isEqualTo(8080);
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/v2/health/ready");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/v2/health/live");
        assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(c.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getResources().getRequests()).containsEntry("cpu", new Quantity("500m"))
                .containsEntry("memory", new Quantity("256Mi"));
        assertThat(c.getResources().getLimits()).containsEntry("cpu", new Quantity("1"))
                .containsEntry("memory", new Quantity("384Mi"));
        assertThat(c.getLifecycle().getPreStop().getSleep().getSeconds()).isEqualTo(5L);
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(5L + 5 + 20);
        assertThat(c.getEnv()).anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue())
                .isEqualTo("CTKIT_LOG_DIR=/var/log/ctkit"));
        assertThat(c.getVolumeMounts().get(0).getMountPath()).isEqualTo("/var/log/ctkit");
        assertThat(pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName()).isEqualTo("forecast-log");

        Service service = client.services().inNamespace(ns).withName("forecast").get();
        assertThat(service.getSpec().getSelector()).isEqualTo(Map.of("app.kubernetes.io/instance", "forecast",
                "ctkit.io/role", "serving"));
        assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(80);
        assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");

        HorizontalPodAutoscaler hpa = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns)
                .withName("forecast").get();
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(5);
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("forecast");
        assertThat(hpa.getSpec().getMetrics().get(0).getResource().getName()).isEqualTo("cpu");
        assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization()).isEqualTo(60);

        assertThat(client.apps().deployments().inNamespace(ns).withName("forecast-candidate").get()).isNull();
        assertThat(target.current()).hasValueSatisfying(r -> {
            assertThat(r.version()).isEqualTo(1);
            assertThat(r.digest()).isEqualTo(release(1).digest());
            assertThat(r.image()).isEqualTo("ctkit/forecast:1");
        });
        assertThat(target.describe()).isEqualTo("k8s:first-deploy/forecast");
    }

    @Test
    void aRolloutThatNeverBecomesReadyIsRolledBackToThePreviousTemplateWithinTheTimeout() throws Exception {
        String ns = "stuck-rollout";
        KubernetesTarget target = new KubernetesTarget(client, settings(ns), "forecast");
        try (PlayedController controller = PlayedController.allReady(client, ns)) {
            target.promote(startAndSmokeTest(target, ns, 1), TIMEOUT);
        }
        PodTemplateSpec v1 = client.apps().deployments().inNamespace(ns).withName("forecast").get().getSpec().getTemplate();

        // Version 2's candidate becomes ready, but the serving Deployment's pods of version 2 never do.
        Duration timeout = Duration.ofMillis(1500);
        try (PlayedController controller = new PlayedController(client, ns,
                d -> d.getMetadata().getName().endsWith("-candidate") || "1".equals(PlayedController.version(d))
                        ? Outcome.READY : Outcome.STUCK)) {
            Candidate candidate = startAndSmokeTest(target, ns, 2);
            long began = System.nanoTime();
            assertThatThrownBy(() -> target.promote(candidate, timeout))
                    .isInstanceOfSatisfying(DeployException.class, e -> assertThat(e.step()).isEqualTo("switch"))
                    .hasMessageContaining("version 2 did not roll out within PT1.5S")
                    .hasMessageContaining("rolled back to the previous template (1's)");
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(timeout.plusSeconds(5));
        }

        Deployment after = client.apps().deployments().inNamespace(ns).withName("forecast").get();
        assertThat(after.getSpec().getTemplate()).isEqualTo(v1);
        assertThat(after.getMetadata().getAnnotations()).containsEntry("ctkit.io/version", "1")
                .doesNotContainKey("ctkit.io/previous-template");
        assertThat(client.apps().deployments().inNamespace(ns).withName("forecast-candidate").get()).isNull();
        assertThat(target.current()).hasValueSatisfying(r -> assertThat(r.version()).isEqualTo(1));
    }

    @Test
    void aFirstRolloutThatNeverBecomesReadyIsDeletedSinceNothingServedBefore() throws Exception {
        String ns = "stuck-first-rollout";
        KubernetesTarget target = new KubernetesTarget(client, settings(ns), "forecast");
        try (PlayedController controller = new PlayedController(client, ns,
                d -> d.getMetadata().getName().endsWith("-candidate") ? Outcome.READY : Outcome.STUCK)) {
            Candidate candidate = startAndSmokeTest(target, ns, 1);
            assertThatThrownBy(() -> target.promote(candidate, Duration.ofSeconds(1)))
                    .isInstanceOfSatisfying(DeployException.class, e -> assertThat(e.step()).isEqualTo("switch"))
                    .hasMessageContaining("version 1 did not roll out within PT1S (0 of 2 updated replicas are available)")
                    .hasMessageContaining("nothing served before, so Deployment stuck-first-rollout/forecast and the"
                            + " candidate were deleted");
        }
        assertThat(client.apps().deployments().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(target.current()).isEmpty();
    }

    @Test
    void startAndPromoteGoThroughWhileAnotherControllerKeepsWritingTheDeploymentsStatus() throws Exception {
        String ns = "busy-status";
        KubernetesTarget target = new KubernetesTarget(client, settings(ns), "forecast");
        try (PlayedController controller = PlayedController.allReady(client, ns);
                StatusWriter other = new StatusWriter(client, ns)) {
            target.promote(startAndSmokeTest(target, ns, 1), TIMEOUT);
            target.promote(startAndSmokeTest(target, ns, 2), TIMEOUT);
            assertThat(other.writes()).as("status writes made while ctkit wrote").isPositive();
        }
        Deployment serving = client.apps().deployments().inNamespace(ns).withName("forecast").get();
        assertThat(PlayedController.version(serving)).isEqualTo("2");
        assertThat(serving.getMetadata().getAnnotations().get(KubernetesManifests.PREVIOUS_TEMPLATE))
                .contains("\"" + KubernetesManifests.VERSION + "\":\"1\"");
        assertThat(client.apps().deployments().inNamespace(ns).withName("forecast-candidate").get()).isNull();
    }

    /**
     * Another controller: rewrites every Deployment's status every 100 ms (a busy one; a cluster's controllers
     * write status all the time), so that ctkit's read-then-write calls meet conflicts now and then.
     */
    private static final class StatusWriter implements AutoCloseable {
        private final Thread thread;
        private final java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
        private volatile boolean stop;

        StatusWriter(KubernetesClient client, String namespace) {
            thread = new Thread(() -> {
                while (!stop) {
                    for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
                        try {
                            if (d.getStatus() == null) {
                                d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatus());
                            }
                            d.getStatus().setCollisionCount(writes.get());
                            client.apps().deployments().inNamespace(namespace).resource(d).updateStatus();
                            writes.incrementAndGet();
                        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                            // it conflicts too; the next round reads again
                        }
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "other-controller");
            thread.setDaemon(true);
            thread.start();
        }

        int writes() {
            return writes.get();
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(10_000);
            assertThat(thread.isAlive()).as("the status writer stopped within 10 s").isFalse();
        }
    }

    @Test
    void aFailedSmokeTestLeavesTheServingDeploymentUntouched() throws Exception {
        String ns = "failed-smoke-test";
        KubernetesTarget target = new KubernetesTarget(client, settings(ns), "forecast");
        try (PlayedController controller = PlayedController.allReady(client, ns)) {
            target.promote(startAndSmokeTest(target, ns, 1), TIMEOUT);
            Deployment before = client.apps().deployments().inNamespace(ns).withName("forecast").get();
            // A candidate left behind by a deploy that crashed is replaced, not an error.
            client.resource(KubernetesManifests.candidate("forecast", ns, release(9), settings(ns))).create();

            Candidate candidate = target.start(release(2), TIMEOUT);
            assertThat(candidate.endpoint().toString()).endsWith("/pods/forecast-candidate-v2:8080/proxy/");
            target.discard(candidate);

            Deployment after = client.apps().deployments().inNamespace(ns).withName("forecast").get();
            assertThat(after.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
            assertThat(after.getSpec().getTemplate()).isEqualTo(before.getSpec().getTemplate());
            assertThat(client.apps().deployments().inNamespace(ns).withName("forecast-candidate").get()).isNull();
        }
    }

    @Test
    void aDeploymentOfTheSameNameThatCtkitDidNotMakeIsLeftAloneAndRefusedAtStart() {
        String ns = "foreign";
        Deployment foreign = KubernetesManifests.deployment("forecast", ns, release(1), settings(ns), 1);
        foreign.getMetadata().getLabels().remove("app.kubernetes.io/managed-by");
        client.resource(foreign).create();
        KubernetesTarget target = new KubernetesTarget(client, settings(ns), "forecast");

        assertThatThrownBy(() -> target.start(release(2), TIMEOUT))
                .isInstanceOfSatisfying(DeployException.class, e -> assertThat(e.step()).isEqualTo("start"))
                .hasMessage("start: Deployment foreign/forecast exists and was not made by ctkit (no label"
                        + " app.kubernetes.io/managed-by=ctkit); set deploy.kubernetes.name to another name or delete"
                        + " that Deployment");
        assertThat(client.apps().deployments().inNamespace(ns).list().getItems()).hasSize(1);
    }

    @Test
    void aCandidatePastItsProgressDeadlineFailsAtReadyAtOnceAndIsDeleted() throws Exception {
        String ns = "candidate-deadline";
        KubernetesTarget target = new KubernetesTarget(client, settings(ns), "forecast");
        long began = System.nanoTime();
        try (PlayedController controller = new PlayedController(client, ns, d -> Outcome.PAST_DEADLINE)) {
            assertThatThrownBy(() -> target.start(release(3), Duration.ofMinutes(2)))
                    .isInstanceOfSatisfying(DeployException.class, e -> assertThat(e.step()).isEqualTo("ready"))
                    .hasMessageContaining("exceeded its progress deadline")
                    .hasMessageContaining("the candidate was deleted and Deployment forecast was not touched");
        }
        // Failed on the condition, not at the timeout (generous: the build machine is shared).
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofMinutes(1));
        assertThat(client.apps().deployments().inNamespace(ns).withName("forecast-candidate").get()).isNull();
        assertThat(client.apps().deployments().inNamespace(ns).withName("forecast").get()).isNull();
    }
}
