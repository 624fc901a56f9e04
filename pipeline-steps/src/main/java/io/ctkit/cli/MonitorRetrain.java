package io.ctkit.cli;

import io.ctkit.project.PipelineFile;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.retrain.RetrainSettings;
import io.ctkit.retrain.RetrainStep;
import java.io.PrintWriter;

/**
 * {@code ctkit monitor --retrain}: a {@code retrain} decision handed to the retrain step, as
 * {@code ctkit retrain MODEL --trigger model-decay} would hand it, so that the cooldown and
 * deduplication kept in the registry decide whether anything starts.
 */
final class MonitorRetrain {
    private MonitorRetrain() {
    }

    /** Requests the retraining in {@code registry} (the monitor's) through the project's {@code retrain.via}. */
    static RetrainStep.Result request(PipelineFile project, ModelRegistry registry, String reason, PrintWriter out)
            throws Exception {
        RetrainSettings settings = project.section(RetrainSettings.SECTION);
        RetrainStep.Request request = RetrainStep.Request.of(project, "model-decay").withReason(reason);
        try (OpenTrigger trigger = OpenTrigger.of(settings.via(), project, settings, out)) {
            return RetrainStep.run(registry, request, trigger.trigger(), settings);
        }
    }
}
