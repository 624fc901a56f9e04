package io.ctkit.cli;

import io.ctkit.data.Schema;
import io.ctkit.quality.SettingsFiles;
import io.ctkit.validate.ValidateDataStep;
import io.ctkit.validate.ValidationPolicy;
import io.ctkit.validate.ValidationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ctkit validate-data}: schema conformance, leakage and drift; exit 1 when a check fails. */
@Command(
        name = "validate-data",
        header = "Validate a CSV file: schema conformance, duplicates, holdout leakage, drift against a reference.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Checks every declared column of --data against the schema (types, ranges, allowed categories, "
                    + "missing fractions, label presence), duplicate rows, rows shared with --holdout (leakage) and, "
                    + "per feature, drift from --reference (PSI, KS, chi-square, Jensen-Shannon, Wasserstein; all "
                    + "values recorded). Limits come from --policy (YAML or JSON, see docs/validation.md).",
            "",
            "Writes the report (--out) and prints a summary. Exit 0 when every check passes, 1 when one fails, "
                    + "2 when a file cannot be read or interpreted (malformed CSV or settings, absent column, no rows)."
        })
final class ValidateDataCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "CSV", description = "The data to validate.")
    Path data;

    @Option(names = "--schema", required = true, paramLabel = "FILE", description = "Schema (YAML or JSON, see docs/datasets.md).")
    Path schemaFile;

    @Option(names = "--holdout", paramLabel = "CSV", description = "Holdout data that must share no row with --data.")
    Path holdout;

    @Option(names = "--reference", paramLabel = "CSV", description = "Reference data (e.g. the training data) to measure drift against.")
    Path reference;

    @Option(names = "--policy", paramLabel = "FILE", description = "Validation limits (YAML or JSON); default: see docs/validation.md.")
    Path policyFile;

    @Option(names = "--out", defaultValue = "validation.json", paramLabel = "FILE", description = "Report to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Schema schema = Schema.read(SettingsFiles.read(schemaFile, "--schema"));
        ValidationPolicy policy = policyFile == null ? ValidationPolicy.defaults()
                : ValidationPolicy.read(SettingsFiles.read(policyFile, "--policy"));
        ValidationReport report = ValidateDataStep.run(ValidateDataStep.Request.of(schema, data).withHoldout(holdout)
                .withReference(reference).withPolicy(policy).withReport(out)).report();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(report.summary());
        stdout.printf("report: %s%n", out);
        stdout.flush();
        if (!report.passed()) {
            throw new CheckFailedException("validation failed: " + report.failures().size() + " of "
                    + report.checks().size() + " checks failed (see " + out + ")");
        }
        return 0;
    }
}
