package io.ctkit.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.train.TrainStep;
import io.ctkit.train.TrainingProgress;
import java.util.Map;

/** The {@code train} stage: {@link TrainStep} into {@code <run>/train/}; outputs {@code model} and {@code report}. */
public final class TrainStage implements Stage {

    @Override
    public String name() {
        return "train";
    }

    @Override
    public StageResult run(RunContext context) throws Exception {
        TrainStep.Result r = TrainStep.of(context.project())
                .withForce(context.force())
                .withProgress(TrainingProgress.to(context.out(), context.terminal()))
                .run(context.runDir().resolve(name()));
        ObjectNode details = PipelineRun.JSON.createObjectNode();
        details.put("digest", r.digest());
        details.put("cached", r.cached());
        details.put("cache_key", r.cacheKey());
        String summary = (r.cached() ? "reused cached training " + r.cacheKey().substring(0, 12) : "trained")
                + ", bundle " + r.digest();
        return StageResult.passed(summary, Map.of("model", r.bundle(), "report", r.report()), details);
    }
}
