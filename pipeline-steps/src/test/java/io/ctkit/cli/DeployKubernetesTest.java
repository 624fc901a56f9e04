package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.ctkit.deploy.kubernetes.PlayedController;
import io.ctkit.registry.Deployment;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.RegistryConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ctkit deploy --target kubernetes} through the CLI against fabric8's mock API server in
 * CRUD mode, reached through a kubeconfig file ({@code --kubeconfig}). The test plays the
 * Deployment controller ({@link PlayedController}) and answers the golden-row smoke test at the
 * candidate pod's proxy route, as a scoring server would.
 */
@EnableKubernetesMockClient(crud = true)
@SuppressWarnings("try") // a PlayedController works for the test while its try block runs
class DeployKubernetesTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    private static final String NS = "cli-deploy";
    private static final String TARGET = "k8s:" + NS + "/fc";
    /** The mock server logs every request at INFO; the played controller makes fifty a second. */
    private static final Logger MOCK_LOG = quiet("io.fabric8.mockwebserver");

    @TempDir
    Path tmp;

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.WARNING);
        return logger;
    }

    /** A kubeconfig whose current context is the cluster at {@code url}. */
    private Path kubeconfig(String url) throws Exception {
        Path file = tmp.resolve("kubeconfig-" + Math.abs(url.hashCode()));
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster: {server: "%s", insecure-skip-tls-verify: true}
                users:
                - name: tester
                  user: {token: secret}
                contexts:
                - name: mock
                  context: {cluster: mock, user: tester, namespace: %s}
                current-context: mock
                """.formatted(url, NS));
        return file;
    }

    /** The smoke test's one infer call at version {@code version}'s candidate pod, answered with {@code data}. */
    private static void answerSmokeTest(int version, String data) {
        server.expect().post().withPath("/api/v1/namespaces/" + NS + "/pods/fc-candidate-v" + version
                + ":8080/proxy/v2/models/fc/infer").andReturn(200, "{\"model_name\":\"fc\",\"outputs\":[{\"name\":"
                        + "\"prediction\",\"datatype\":\"FP64\",\"shape\":[2],\"data\":" + data + "}]}").once();
    }

    @Test
    void deploysARecordedImageThenRefusesAFailedSmokeTestPrintsManifestsAndNeedsACluster() throws Exception {
        DeployFixture fx = DeployFixture.create(tmp, "deploy:\n  kubernetes: {replicas: 2}\n");
        // A registered version's image, built on the local Docker engine and recorded for deploy to find.
        String[] where = {"--project", fx.project.toString(), "--registry", fx.registry};
        CliRunner missing = CliRunner.run(concat(new String[] {"package", "--model", "fc:9", "--image", "x/fc:9"}, where));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("fc", "9");
        CliRunner twice = CliRunner.run(concat(new String[] {"package", "--model", "fc:1", "--model-version", "3",
            "--image", "x/fc:1"}, where));
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).contains("--model-version is for a bundle path; fc:1 is served as its registered version");
        CliRunner packaged = CliRunner.run(concat(new String[] {"package", "--model", "fc:1", "--image",
            "registry.example/ctkit/fc:1", "--base", "docker://ctkit/jre:17"}, where));
        assertThat(packaged.exitCode()).as(packaged.err()).isZero();
        assertThat(packaged.out()).contains("label  io.ctkit.model.version=1", "recorded as the image of fc:1");
        String digest = packaged.out().lines().filter(l -> l.startsWith("digest ")).findFirst().orElseThrow()
                .substring("digest ".length());
        try (ModelRegistry reg = ModelRegistry.open(RegistryConfig.embedded(Path.of(fx.registry)))) {
            assertThat(reg.lineage("fc", 1).images()).extracting(i -> i.reference(), i -> i.digest())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("registry.example/ctkit/fc:1", digest));
        }
        String config = kubeconfig(client.getMasterUrl().toString()).toString();

        CliRunner one;
        try (PlayedController controller = PlayedController.allReady(client, NS)) {
            answerSmokeTest(1, "[1.0, 4.0]");
            one = fx.deploy("fc:1", "--target", "kubernetes", "--kubeconfig", config, "--timeout", "20");
        }
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.out()).contains("deployed fc:1", "to " + TARGET, "2 golden rows agree");
        var serving = client.apps().deployments().inNamespace(NS).withName("fc").get();
        assertThat(serving.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry.example/ctkit/fc:1");
        assertThat(serving.getSpec().getReplicas()).isEqualTo(2);

        // Version 2 from --image; its candidate answers version 1's predictions, so the smoke test fails.
        CliRunner two;
        try (PlayedController controller = PlayedController.allReady(client, NS)) {
            answerSmokeTest(2, "[1.0, 4.0]");
            two = fx.deploy("fc:2", "--target", "kubernetes", "--kubeconfig", config, "--timeout", "20",
                    "--image", "registry.example/ctkit/fc:2");
        }
        var after = client.apps().deployments().inNamespace(NS).withName("fc").get();
        assertSoftly(softly -> {
            softly.assertThat(two.exitCode()).as(two.err()).isEqualTo(1);
            softly.assertThat(two.err()).contains("deploy failed at smoke-test:", "fc:1 still serves");
            softly.assertThat(after.getMetadata().getResourceVersion())
                    .isEqualTo(serving.getMetadata().getResourceVersion());
            softly.assertThat(after.getSpec().getTemplate()).isEqualTo(serving.getSpec().getTemplate());
            softly.assertThat(client.apps().deployments().inNamespace(NS).withName("fc-candidate").get()).isNull();
        });
        List<Deployment> records = fx.deployments(TARGET);
        assertThat(records).extracting(Deployment::version, Deployment::outcome, Deployment::target)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, Deployment.SUCCEEDED, TARGET),
                        org.assertj.core.groups.Tuple.tuple(2, Deployment.FAILED, TARGET));
        assertThat(records.get(0).imageDigest()).isEqualTo("registry.example/ctkit/fc:1");
        assertThat(records.get(1).failedStep()).isEqualTo("smoke-test");

        CliRunner dry = fx.deploy("fc:2", "--target", "kubernetes", "--dry-run", "--image",
                "registry.example/ctkit/fc:2");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        List<HasMetadata> manifests = new KubernetesSerialization().unmarshal(dry.out());
        assertThat(manifests).extracting(HasMetadata::getKind).containsExactly("Service", "Deployment");
        assertThat(((io.fabric8.kubernetes.api.model.apps.Deployment) manifests.get(1)).getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage()).isEqualTo("registry.example/ctkit/fc:2");
        CliRunner dryDocker = fx.deploy("fc:2", "--target", "docker", "--dry-run");
        assertThat(dryDocker.exitCode()).isEqualTo(2);
        assertThat(dryDocker.err()).contains("--dry-run is only for --target kubernetes");

        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort(); // closed again: nothing listens there
        }
        CliRunner none = fx.deploy("fc:2", "--target", "kubernetes", "--image", "registry.example/ctkit/fc:2",
                "--kubeconfig", kubeconfig("http://127.0.0.1:" + closed).toString());
        assertThat(none.exitCode()).as(none.err()).isEqualTo(2);
        assertThat(none.err()).contains("cannot reach the Kubernetes API server at http://127.0.0.1:" + closed,
                "nothing was deployed or recorded");
        assertThat(fx.deployments(TARGET)).hasSize(2);
        assertThat(client.apps().deployments().inNamespace(NS).withName("fc").get().getMetadata().getResourceVersion())
                .isEqualTo(serving.getMetadata().getResourceVersion());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void aMistakeInDeployKubernetesNamesFileLineAndFieldAndDeploysNothing() throws Exception {
        DeployFixture fx = DeployFixture.create(tmp, "deploy:\n  kubernetes:\n    replica: 2\n");
        int line = Files.readAllLines(fx.project.resolve("ctkit.yaml")).indexOf("    replica: 2") + 1;

        CliRunner run = fx.deploy("fc:1", "--target", "kubernetes", "--dry-run", "--image", "r/fc:1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("ctkit.yaml: line " + line + ": deploy.kubernetes.replica: unknown field",
                "did you mean \"replicas\"?");
        assertThat(run.out()).isEmpty();
    }
}
