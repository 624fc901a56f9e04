package io.ctkit.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctkit.deploy.DeployException;
import io.ctkit.deploy.DeployTarget.Release;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KubernetesWithoutAClusterTest {
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    @Test
    void dryRunYamlParsesBackToTheObjectsAFirstDeploymentCreates() {
        Release release = KubernetesTargetTest.release(4);
        KubernetesSettings settings = KubernetesTargetTest.settings("prod");

        String yaml = KubernetesTarget.manifests(release, settings);

        assertThat(yaml).startsWith("---\n");
        List<HasMetadata> parsed = YAML.unmarshal(yaml);
        assertThat(parsed).containsExactly(
                KubernetesManifests.service("forecast", "prod", "forecast", settings),
                KubernetesManifests.deployment("forecast", "prod", release, settings, 2),
                KubernetesManifests.autoscaler("forecast", "prod", "forecast", settings));
    }

    @Test
    void dryRunWithAFixedReplicaCountAndNoNamespaceHasNoAutoscalerAndNamesNoNamespace() {
        KubernetesSettings settings = KubernetesSettings.defaults();

        List<HasMetadata> parsed = YAML.unmarshal(KubernetesTarget.manifests(KubernetesTargetTest.release(1),
                settings));

        assertThat(parsed).extracting(HasMetadata::getKind).containsExactly("Service", "Deployment");
        assertThat(parsed).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isNull());
        Deployment deployment = (Deployment) parsed.get(1);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes()).isEmpty();
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()).isEmpty();
    }

    @Test
    void aClusterThatCannotBeReachedGivesAClearErrorAtStart() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        String url = "http://127.0.0.1:" + port;
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl(url).withRequestRetryBackoffLimit(0).withConnectionTimeout(2000).build()).build()) {
            KubernetesTarget target = new KubernetesTarget(client, KubernetesSettings.defaults(), "forecast");

            assertThatThrownBy(() -> target.start(KubernetesTargetTest.release(1), Duration.ofSeconds(5)))
                    .isInstanceOfSatisfying(DeployException.class, e -> assertThat(e.step()).isEqualTo("start"))
                    .hasMessageStartingWith("start: cannot reach the Kubernetes API server at " + url + "/"
                            + " to read Deployment default/forecast (")
                    .hasMessageContaining("`kubectl cluster-info` must work from here");
            assertThatThrownBy(target::current).hasMessageContaining("cannot reach the Kubernetes API server at " + url);
        }
    }

    @Test
    void aModelNameThatCannotNameADeploymentNeedsAName() {
        KubernetesSettings settings = KubernetesSettings.defaults();
        Release release = new Release("Forecast_Model", 1, "sha256:" + "0".repeat(64), null, "ctkit/forecast:1");

        assertThatThrownBy(() -> KubernetesTarget.manifests(release, settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deploy.kubernetes.name: the model name \"Forecast_Model\" cannot name a Deployment (a DNS"
                        + " label of at most 53 characters: lower-case letters, digits and '-'); set"
                        + " deploy.kubernetes.name");
        KubernetesSettings named = new KubernetesSettings(Optional.empty(), Optional.of("forecast"),
                settings.replicas(), settings.resources(), settings.targetCpuUtilization(), Optional.empty(),
                settings.imagePullPolicy(), settings.serviceType(), settings.servicePort(), settings.rolloutTimeout());
        List<HasMetadata> parsed = YAML.unmarshal(KubernetesTarget.manifests(release, named));
        assertThat(parsed.get(1).getMetadata().getName()).isEqualTo("forecast");
        assertThat(parsed.get(1).getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "Forecast_Model");
    }
}
