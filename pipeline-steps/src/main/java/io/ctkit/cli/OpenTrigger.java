package io.ctkit.cli;

import io.ctkit.project.PipelineFile;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.RegistryConfig;
import io.ctkit.retrain.JenkinsTrigger;
import io.ctkit.retrain.LocalTrigger;
import io.ctkit.retrain.RetrainSettings;
import io.ctkit.retrain.TektonTrigger;
import io.ctkit.retrain.Trigger;
import io.ctkit.retrain.WebhookTrigger;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;

/**
 * The trigger {@code --via} names, built from the project's {@code retrain:} settings, with the
 * Kubernetes client it may hold (closed with it). Secrets come from the environment.
 */
record OpenTrigger(Trigger trigger, KubernetesClient kubernetes) implements AutoCloseable {

    static OpenTrigger of(String kind, PipelineFile project, RetrainSettings settings, PrintWriter out) {
        if (!RetrainSettings.VIAS.contains(kind)) {
            throw new UserException("--via: unknown way \"" + kind + "\"; expected one of "
                    + String.join(", ", RetrainSettings.VIAS));
        }
        return switch (kind) {
            case "tekton" -> {
                RetrainSettings.Tekton tekton = settings.require(kind, project).tekton();
                KubernetesClient client = new KubernetesClientBuilder().build();
                yield new OpenTrigger(new TektonTrigger(tekton, client), client);
            }
            case "jenkins" -> new OpenTrigger(new JenkinsTrigger(settings.require(kind, project).jenkins(),
                    System::getenv), null);
            case "webhook" -> new OpenTrigger(new WebhookTrigger(settings.require(kind, project).webhook(),
                    System::getenv), null);
            default -> new OpenTrigger(new LocalTrigger(project, out), null);
        };
    }

    /**
     * The project's registry, which must exist: retraining needs a production version, and opening
     * a registry that is not there would create an empty one.
     */
    static ModelRegistry registry(PipelineFile project) throws IOException {
        RegistryConfig config = RegistryConfig.fromEnvironment(project.projectDir());
        if (config.backend() == RegistryConfig.Backend.SQLITE
                && !Files.exists(config.blobDir().resolveSibling("registry.db"))) {
            throw new UserException("there is no registry at " + config.blobDir().getParent() + ", so " + project.name()
                    + " has no production version to retrain; run ctkit run "
                    + project.projectDir().toAbsolutePath().normalize() + " first (or set CTKIT_REGISTRY to the"
                    + " registry the pipeline uses)");
        }
        return ModelRegistry.open(config);
    }

    @Override
    public void close() {
        if (kubernetes != null) {
            kubernetes.close();
        }
    }
}
