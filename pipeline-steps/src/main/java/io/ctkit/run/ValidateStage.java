package io.ctkit.run;

import io.ctkit.project.PipelineFile;
import io.ctkit.project.ProjectData;
import io.ctkit.validate.ValidateDataStep;
import io.ctkit.validate.ValidationCheck;
import io.ctkit.validate.ValidationPolicy;
import io.ctkit.validate.ValidationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code validate-data} stage, first in the run: {@link ValidateDataStep} on the training data
 * (with the holdout for leakage and the reference for drift), then on the holdout alone (it judges
 * the model, so it must conform too), with the project's {@code validation:} policy. Writes
 * {@code <run>/validate-data/validation.json} and {@code holdout-validation.json}; a failed check
 * stops the run before training.
 */
public final class ValidateStage implements Stage<ValidateStage.Reports> {

    /** The two validations: the training data's and the holdout's. */
    public record Reports(ValidateDataStep.Result data, ValidateDataStep.Result holdout) {
    }

    @Override
    public String name() {
        return "validate-data";
    }

    @Override
    public StageResult<Reports> run(RunContext context) throws Exception {
        PipelineFile project = context.project();
        ProjectData.ensure(project);
        ValidationPolicy policy = project.section(ValidationSection.SECTION);
        ValidateDataStep.Request base = ValidateDataStep.Request.of(project.data().schema(), project.data().train())
                .withPolicy(policy);
        ValidateDataStep.Result data = ValidateDataStep.run(base.withHoldout(project.data().holdout())
                .withReference(project.data().referencePath().orElse(null))
                .withReport(context.stageDir().resolve("validation.json")));
        print(context, data.report());
        ValidateDataStep.Result holdout = ValidateDataStep.run(ValidateDataStep.Request
                .of(project.data().schema(), project.data().holdout()).withPolicy(policy)
                .withReport(context.stageDir().resolve("holdout-validation.json")));
        print(context, holdout.report());
        Reports reports = new Reports(data, holdout);
        Map<String, java.nio.file.Path> files = Map.of("report", data.file(), "holdout_report", holdout.file());
        int checks = data.report().checks().size() + holdout.report().checks().size();
        List<ValidationCheck> failures = new ArrayList<>(data.report().failures());
        failures.addAll(holdout.report().failures());
        if (!failures.isEmpty()) {
            String where = data.passed() ? project.data().holdout().getFileName().toString()
                    : project.data().train().getFileName().toString();
            return StageResult.failed(failures.size() + " of " + checks + " checks failed, first (" + where + "): "
                    + failures.get(0).message(), reports, files, (data.passed() ? holdout : data).report().toJson());
        }
        return StageResult.passed(checks + " checks passed (training data and holdout)", reports, files, null);
    }

    private static void print(RunContext context, ValidationReport report) {
        for (String line : report.summary().split("\n")) {
            context.out().println(line);
        }
    }
}
