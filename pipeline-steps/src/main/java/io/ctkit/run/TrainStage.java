package io.ctkit.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.quality.Reports;
import io.ctkit.train.TrainStep;
import io.ctkit.train.TrainingProgress;
import java.util.Map;

/** The {@code train} stage: {@link TrainStep} into {@code <run>/train/}; files {@code model} and {@code report}. */
public final class TrainStage implements Stage<TrainStep.Result> {

    @Override
    public String name() {
        return "train";
    }

    @Override
    public StageResult<TrainStep.Result> run(RunContext context) throws Exception {
        TrainStep.Result r = TrainStep.of(context.project())
                .withForce(context.force())
                .withProgress(TrainingProgress.to(context.out(), context.terminal()))
                .run(context.runDir().resolve(name()));
        ObjectNode details = Reports.object();
        details.put("digest", r.digest());
        details.put("cached", r.cached());
        details.put("cache_key", r.cacheKey());
        String summary = (r.cached() ? "reused cached training " + r.cacheKey().substring(0, 12) : "trained")
                + ", bundle " + r.digest();
        return StageResult.passed(summary, r, Map.of("model", r.bundle(), "report", r.report()), details);
    }
}
