package io.ctkit.deploy;

import io.ctkit.config.ConfigNode;
import io.ctkit.deploy.kubernetes.KubernetesSettings;
import io.ctkit.deploy.kubernetes.KubernetesTarget;
import io.ctkit.image.ScoringImageSpec;
import io.ctkit.project.PipelineFile;
import io.ctkit.project.Section;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * {@code deploy:} of ctkit.yaml: where {@code ctkit deploy} deploys the project's model.
 *
 * <pre>{@code
 * deploy:
 *   target: local            # the default --target
 *   timeout: 2m              # for starting (until ready) and for switching, each (or timeout_seconds: 120)
 *   local: {dir: .ctkit/deploy/local, port: 8080}
 *   docker: {dir: .ctkit/deploy/docker, port: 8080, base_image: eclipse-temurin:17-jre}
 *   kubernetes: {namespace: prod, replicas: {min: 2, max: 5}}   # see docs/deploy-kubernetes.md
 * }</pre>
 *
 * @param target   the target used when {@code --target} is not given
 * @param timeout  how long start and switch may each take
 * @param localDir the local target's directory for all models (absolute); a model deploys into
 *                 its own subdirectory
 * @param port     the port the local target's {@code ctkit serve} listens on
 * @param docker   the docker target's settings
 * @param kubernetes the kubernetes target's settings ({@code deploy.kubernetes}); its rollout timeout
 *                 is that target's default timeout instead of {@code timeout}
 */
public record DeploySettings(String target, Duration timeout, Path localDir, int port, Docker docker,
        KubernetesSettings kubernetes) {

    /**
     * {@code deploy.docker}.
     *
     * @param dir       the docker target's directory for all models (absolute); a model gets its own
     * @param port      the port of its front proxy, where clients call
     * @param baseImage the scoring image's base ({@code docker://ctkit/jre:17} where no registry is reachable)
     */
    public record Docker(Path dir, int port, String baseImage) {
    }

    /** The section as {@link PipelineFile#section} takes it. */
    public static final Section<DeploySettings> SECTION = new DeploySection();

    /** The targets {@code ctkit deploy} knows. */
    public static final Set<String> TARGETS = Set.of("local", "docker", "kubernetes");

    /** The defaults for a project in {@code projectDir}. */
    public static DeploySettings defaults(Path projectDir) {
        Path deploy = projectDir.resolve(".ctkit").resolve("deploy").toAbsolutePath().normalize();
        return new DeploySettings("local", DeployStep.DEFAULT_TIMEOUT, deploy.resolve("local"), 8080,
                new Docker(deploy.resolve("docker"), 8080, ScoringImageSpec.DEFAULT_BASE_IMAGE),
                KubernetesSettings.defaults());
    }

    /** How long a deployment's start and switch may each take on a target of that kind by default. */
    public Duration timeout(String kind) {
        return kind.equals("kubernetes") ? kubernetes.rolloutTimeout() : timeout;
    }

    /**
     * The target of that kind for {@code model}; a {@code kubernetes} target is a {@link KubernetesTarget}
     * on the cluster of the fabric8 client's usual configuration (KUBECONFIG, ~/.kube/config, or the
     * pod's service account), which the caller closes.
     *
     * @throws IllegalArgumentException for {@code docker} when no Docker engine answers
     */
    public DeployTarget target(String kind, String model) throws java.io.IOException {
        return switch (kind) {
            case "local" -> localTarget(model);
            case "docker" -> DockerTarget.of(docker.dir().resolve(model), docker.port(), docker.baseImage());
            case "kubernetes" -> KubernetesTarget.connect(kubernetes, model);
            default -> throw new IllegalArgumentException("unknown deploy target \"" + kind + "\"; expected one of "
                    + String.join(", ", TARGETS.stream().sorted().toList()));
        };
    }

    /** The local target for {@code model}. */
    public LocalTarget localTarget(String model) {
        return LocalTarget.of(localDir.resolve(model), port);
    }

    /**
     * Reads {@code deploy:}: {@code target}, {@code timeout} (or {@code timeout_seconds}), {@code local}, {@code docker}
     * and {@code kubernetes} (strictly, by {@link KubernetesSettings#read}).
     */
    public static final class DeploySection implements Section<DeploySettings> {
        @Override
        public String key() {
            return "deploy";
        }

        @Override
        public DeploySettings read(ConfigNode node, PipelineFile project) {
            DeploySettings d = defaults(project.projectDir());
            node.requireObject(Set.of("target", "timeout", "timeout_seconds", "local", "docker", "kubernetes"));
            String target = node.optional("target").map(t -> t.choice(TARGETS)).orElse(d.target());
            if (node.has("timeout") && node.has("timeout_seconds")) {
                throw node.get("timeout_seconds").error("give deploy.timeout (a duration such as 2m) or"
                        + " timeout_seconds (its older form, in seconds), not both");
            }
            Duration timeout = node.optional("timeout").map(ConfigNode::duration)
                    .or(() -> node.optional("timeout_seconds").map(t -> Duration.ofSeconds(t.positiveInt())))
                    .orElse(d.timeout());
            Path dir = d.localDir();
            int port = d.port();
            if (node.has("local")) {
                ConfigNode local = node.get("local").requireObject(Set.of("dir", "port"));
                dir = local.optional("dir").map(p -> dir(project, p)).orElse(dir);
                port = local.optional("port").map(DeploySection::port).orElse(port);
            }
            Docker docker = d.docker();
            if (node.has("docker")) {
                ConfigNode n = node.get("docker").requireObject(Set.of("dir", "port", "base_image"));
                docker = new Docker(n.optional("dir").map(p -> dir(project, p)).orElse(docker.dir()),
                        n.optional("port").map(DeploySection::port).orElse(docker.port()),
                        n.optional("base_image").map(ConfigNode::string).orElse(docker.baseImage()));
            }
            KubernetesSettings kubernetes = node.has("kubernetes") ? KubernetesSettings.read(node.get("kubernetes"))
                    : d.kubernetes();
            return new DeploySettings(target, timeout, dir, port, docker, kubernetes);
        }

        private static Path dir(PipelineFile project, ConfigNode node) {
            return project.projectDir().resolve(node.string()).toAbsolutePath().normalize();
        }

        private static int port(ConfigNode node) {
            int port = node.positiveInt();
            if (port > 65535) {
                throw node.error("must be a TCP port, 1 to 65535, got " + port);
            }
            return port;
        }

        @Override
        public DeploySettings absent(PipelineFile project) {
            return defaults(project.projectDir());
        }
    }
}
