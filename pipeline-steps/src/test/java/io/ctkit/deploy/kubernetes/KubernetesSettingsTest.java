package io.ctkit.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ctkit.config.ConfigException;
import io.ctkit.config.ConfigNode;
import io.ctkit.deploy.kubernetes.KubernetesSettings.Replicas;
import io.ctkit.deploy.kubernetes.KubernetesSettings.Resources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KubernetesSettingsTest {

    /** The {@code deploy.kubernetes} node of a ctkit.yaml, with lines, as the deploy section hands it over. */
    static ConfigNode kubernetes(String yaml) throws Exception {
        YAMLFactory factory = new YAMLFactory();
        byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
        ConfigNode root = ConfigNode.root("ctkit.yaml", new ObjectMapper(factory).readTree(bytes),
                ConfigNode.lines(bytes, factory));
        return root.get("deploy").get("kubernetes");
    }

    @Test
    void readsEverySetting() throws Exception {
        KubernetesSettings s = KubernetesSettings.read(kubernetes("""
                deploy:
                  kubernetes:
                    namespace: prod
                    name: forecast-eu
                    replicas: {min: 2, max: 10}
                    resources:
                      requests: {cpu: 500m, memory: 1Gi}
                      limits: {cpu: 2, memory: 1Gi}
                    target_cpu_utilization: 65
                    log_volume_claim: forecast-log
                    image_pull_policy: Always
                    service: {type: LoadBalancer, port: 8000}
                    rollout_timeout: 90s
                """));

        assertThat(s).isEqualTo(new KubernetesSettings(Optional.of("prod"), Optional.of("forecast-eu"),
                new Replicas(2, 10, true), new Resources("500m", "1Gi", Optional.of("2"), Optional.of("1Gi")), 65,
                Optional.of("forecast-log"), "Always", "LoadBalancer", 8000, Duration.ofSeconds(90)));
    }

    @Test
    void anAbsentMapGivesTheDefaultsAndANumberOfReplicasIsAFixedCount() throws Exception {
        assertThat(KubernetesSettings.read(kubernetes("deploy: {}\n"))).isEqualTo(KubernetesSettings.defaults());
        KubernetesSettings s = KubernetesSettings.read(kubernetes("""
                deploy:
                  kubernetes:
                    replicas: 3
                    resources: {requests: {memory: 2Gi}}
                """));
        assertThat(s.replicas()).isEqualTo(Replicas.fixed(3));
        // A larger request lifts the default memory limit with it rather than making an invalid pod.
        assertThat(s.resources()).isEqualTo(new Resources("250m", "2Gi", Optional.empty(), Optional.of("2Gi")));
    }

    @Test
    void anUnknownKeyIsRefusedWithItsLineAndADidYouMean() {
        assertThatThrownBy(() -> KubernetesSettings.read(kubernetes("""
                deploy:
                  kubernetes:
                    namespace: prod
                    replica: 3
                """)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ctkit.yaml: line 4: deploy.kubernetes.replica: unknown field; expected one of")
                .hasMessageEndingWith("(did you mean \"replicas\"?)");
    }

    @Test
    void badValuesAreRefusedWithTheFieldAndTheFix() {
        assertThatThrownBy(() -> KubernetesSettings.read(kubernetes("""
                deploy:
                  kubernetes:
                    resources: {requests: {cpu: 2}, limits: {cpu: 500m}}
                """)))
                .hasMessage("ctkit.yaml: line 3: deploy.kubernetes.resources.limits.cpu: the limit 500m is below the"
                        + " request 2; Kubernetes refuses such a pod: raise the limit or lower resources.requests.cpu");
        assertThatThrownBy(() -> KubernetesSettings.read(kubernetes("""
                deploy:
                  kubernetes:
                    resources: {requests: {memory: 512MB}}
                """)))
                .hasMessageContaining("deploy.kubernetes.resources.requests.memory: must be a Kubernetes quantity such"
                        + " as 250m, 1, 512Mi or 2Gi, got \"512MB\"");
        assertThatThrownBy(() -> KubernetesSettings.read(kubernetes("""
                deploy:
                  kubernetes:
                    replicas: {min: 4, max: 2}
                """)))
                .hasMessageContaining("deploy.kubernetes.replicas.max: must be at least min (4), got 2");
        assertThatThrownBy(() -> KubernetesSettings.read(kubernetes("""
                deploy:
                  kubernetes:
                    replicas: 2
                    target_cpu_utilization: 80
                """)))
                .hasMessageContaining("deploy.kubernetes.target_cpu_utilization: only applies to an autoscaled"
                        + " deployment; write replicas as {min: 2, max: 10} or remove target_cpu_utilization");
        assertThatThrownBy(() -> KubernetesSettings.read(kubernetes("""
                deploy:
                  kubernetes:
                    name: Forecast
                """)))
                .hasMessageContaining("deploy.kubernetes.name: must be a DNS label of at most 53 characters");
        assertThatThrownBy(() -> KubernetesSettings.read(kubernetes("""
                deploy:
                  kubernetes:
                    rollout_timeout: 5 minutes
                """)))
                .hasMessageContaining("deploy.kubernetes.rollout_timeout: expected a duration such as 30s, 10m, 6h"
                        + " or 1d, got \"5 minutes\"");
        assertThatThrownBy(() -> KubernetesSettings.read(kubernetes("""
                deploy:
                  kubernetes:
                    service: {type: Ingress}
                """)))
                .hasMessageContaining("deploy.kubernetes.service.type: must be one of ClusterIP, NodePort,"
                        + " LoadBalancer, got \"Ingress\"");
    }
}
