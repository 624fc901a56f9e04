package io.ctkit.run;

import io.ctkit.config.ConfigNode;
import io.ctkit.evaluate.EvaluationSettings;
import io.ctkit.project.PipelineFile;
import io.ctkit.project.Section;

/**
 * {@code evaluate:} of ctkit.yaml: the evaluate step's {@link EvaluationSettings}; the bootstrap
 * seed defaults to the project's seed, and slice columns must be columns of {@code data.schema}.
 */
public final class EvaluateSection implements Section<EvaluationSettings> {

    public static final EvaluateSection SECTION = new EvaluateSection();

    @Override
    public String key() {
        return "evaluate";
    }

    @Override
    public EvaluationSettings read(ConfigNode node, PipelineFile project) {
        EvaluationSettings settings = EvaluationSettings.read(node, project.seed());
        if (node.has("slices")) {
            var items = node.get("slices").list();
            for (int i = 0; i < items.size(); i++) {
                String column = settings.slices().get(i);
                if (project.data().schema().column(column).isEmpty()) {
                    throw items.get(i).error("no column \"" + column + "\" in data.schema to slice by");
                }
            }
        }
        return settings;
    }

    @Override
    public EvaluationSettings absent(PipelineFile project) {
        EvaluationSettings d = EvaluationSettings.defaults();
        return d.withBootstrap(d.bootstrap(), d.confidence(), project.seed());
    }
}
