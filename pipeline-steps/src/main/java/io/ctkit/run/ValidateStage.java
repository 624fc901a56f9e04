package io.ctkit.run;

import io.ctkit.project.PipelineFile;
import io.ctkit.project.ProjectData;
import io.ctkit.project.RawSection;
import io.ctkit.validate.DataValidator;
import io.ctkit.validate.ValidationCheck;
import io.ctkit.validate.ValidationPolicy;
import io.ctkit.validate.ValidationReport;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code validate-data} stage, first in the run: the training data against the schema (types,
 * ranges, categories, missing fractions, duplicates, label), the holdout against leakage, and the
 * training data against the reference for drift, with the project's {@code validation:} policy.
 * Writes {@code <run>/validate-data/validation.json}; a failed check stops the run before training.
 */
public final class ValidateStage implements Stage {

    @Override
    public String name() {
        return "validate-data";
    }

    @Override
    public void check(PipelineFile project) {
        project.validationSection().map(ValidateStage::policy);
    }

    @Override
    public StageResult run(RunContext context) throws Exception {
        PipelineFile project = context.project();
        ProjectData.ensure(project);
        ValidationPolicy policy = project.validationSection().map(ValidateStage::policy).orElse(ValidationPolicy.defaults());
        ValidationReport report = new DataValidator(project.data().schema(), policy)
                .validate(project.data().train(), project.data().holdout(), project.data().referencePath().orElse(null));
        Path file = context.stageDir().resolve("validation.json");
        StageFiles.writeJson(file, report.toJson());
        for (String line : report.summary().split("\n")) {
            context.out().println(line);
        }
        long failed = report.failures().size();
        if (failed > 0) {
            ValidationCheck first = report.failures().get(0);
            return StageResult.failed(failed + " of " + report.checks().size() + " checks failed, first: "
                    + first.message(), Map.of("report", file), report.toJson());
        }
        return StageResult.passed(report.checks().size() + " checks passed", Map.of("report", file), null);
    }

    static ValidationPolicy policy(RawSection section) {
        return ValidationPolicy.fromMap(section.values(), section.file() + ": " + section.path());
    }
}
