package io.ctkit.deploy;

import io.ctkit.config.ConfigNode;
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
 *   timeout_seconds: 120     # for starting (until ready) and for switching, each
 *   local: {dir: .ctkit/deploy/local, port: 8080}
 * }</pre>
 *
 * @param target   the target used when {@code --target} is not given
 * @param timeout  how long start and switch may each take
 * @param localDir the local target's directory for all models (absolute); a model deploys into
 *                 its own subdirectory
 * @param port     the port the local target's {@code ctkit serve} listens on
 */
public record DeploySettings(String target, Duration timeout, Path localDir, int port) {

    /** The section as {@link PipelineFile#section} takes it. */
    public static final Section<DeploySettings> SECTION = new DeploySection();

    /** The targets {@code ctkit deploy} knows. */
    public static final Set<String> TARGETS = Set.of("local");

    /** The defaults for a project in {@code projectDir}. */
    public static DeploySettings defaults(Path projectDir) {
        return new DeploySettings("local", DeployStep.DEFAULT_TIMEOUT,
                projectDir.resolve(".ctkit").resolve("deploy").resolve("local").toAbsolutePath().normalize(), 8080);
    }

    /** The local target for {@code model}. */
    public LocalTarget localTarget(String model) {
        return LocalTarget.of(localDir.resolve(model), port);
    }

    /** Reads {@code deploy:}: {@code target}, {@code timeout_seconds} and {@code local: {dir, port}}. */
    public static final class DeploySection implements Section<DeploySettings> {
        @Override
        public String key() {
            return "deploy";
        }

        @Override
        public DeploySettings read(ConfigNode node, PipelineFile project) {
            DeploySettings d = defaults(project.projectDir());
            node.requireObject(Set.of("target", "timeout_seconds", "local"));
            String target = node.optional("target").map(t -> t.choice(TARGETS)).orElse(d.target());
            Duration timeout = node.optional("timeout_seconds").map(t -> Duration.ofSeconds(t.positiveInt()))
                    .orElse(d.timeout());
            Path dir = d.localDir();
            int port = d.port();
            if (node.has("local")) {
                ConfigNode local = node.get("local").requireObject(Set.of("dir", "port"));
                dir = local.optional("dir").map(p -> project.projectDir().resolve(p.string()).toAbsolutePath()
                        .normalize()).orElse(dir);
                if (local.has("port")) {
                    port = local.get("port").positiveInt();
                    if (port > 65535) {
                        throw local.get("port").error("must be a TCP port, 1 to 65535, got " + port);
                    }
                }
            }
            return new DeploySettings(target, timeout, dir, port);
        }

        @Override
        public DeploySettings absent(PipelineFile project) {
            return defaults(project.projectDir());
        }
    }
}
