package io.ctkit.run;

import io.ctkit.project.PipelineFile;
import io.ctkit.project.ProjectData;
import io.ctkit.project.RawSection;
import io.ctkit.validate.DataValidator;
import io.ctkit.validate.ValidationCheck;
import io.ctkit.validate.ValidationPolicy;
import io.ctkit.validate.ValidationReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        DataValidator validator = new DataValidator(project.data().schema(), policy);
        ValidationReport report = validator.validate(project.data().train(), project.data().holdout(),
                project.data().referencePath().orElse(null));
        Path file = context.stageDir().resolve("validation.json");
        StageFiles.writeJson(file, report.toJson());
        print(context, report);
        // The holdout judges the model: it must conform to the schema too, before anything is trained.
        ValidationReport holdout = validator.validate(project.data().holdout(), null, null);
        Path holdoutFile = context.stageDir().resolve("holdout-validation.json");
        StageFiles.writeJson(holdoutFile, holdout.toJson());
        print(context, holdout);
        Map<String, Path> outputs = Map.of("report", file, "holdout_report", holdoutFile);
        int checks = report.checks().size() + holdout.checks().size();
        List<ValidationCheck> failures = new ArrayList<>(report.failures());
        failures.addAll(holdout.failures());
        if (!failures.isEmpty()) {
            ValidationCheck first = failures.get(0);
            String where = report.failures().isEmpty() ? project.data().holdout().getFileName().toString()
                    : project.data().train().getFileName().toString();
            return StageResult.failed(failures.size() + " of " + checks + " checks failed, first (" + where + "): "
                    + first.message(), outputs, (report.passed() ? holdout : report).toJson());
        }
        return StageResult.passed(checks + " checks passed (training data and holdout)", outputs, null);
    }

    private static void print(RunContext context, ValidationReport report) {
        for (String line : report.summary().split("\n")) {
            context.out().println(line);
        }
    }

    static ValidationPolicy policy(RawSection section) {
        return ValidationPolicy.fromMap(section.values(), section.file() + ": " + section.path());
    }
}
