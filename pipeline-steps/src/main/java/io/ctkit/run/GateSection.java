package io.ctkit.run;

import io.ctkit.config.ConfigNode;
import io.ctkit.gate.GatePolicy;
import io.ctkit.project.PipelineFile;
import io.ctkit.project.Section;

/**
 * {@code gate:} of ctkit.yaml: the gate step's {@link GatePolicy}; a rule on a metric the
 * project's task does not have is refused when the file is read.
 */
public final class GateSection implements Section<GatePolicy> {

    public static final GateSection SECTION = new GateSection();

    @Override
    public String key() {
        return "gate";
    }

    @Override
    public GatePolicy read(ConfigNode node, PipelineFile project) {
        GatePolicy policy = GatePolicy.read(node);
        policy.checkTask(project.model().task(), node);
        return policy;
    }

    @Override
    public GatePolicy absent(PipelineFile project) {
        return GatePolicy.defaults();
    }
}
