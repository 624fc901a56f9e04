package io.ctkit.validate;

import io.ctkit.data.Schema;
import io.ctkit.quality.Reports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code validate-data} step: a CSV file against its schema (types, ranges, categories,
 * missing fractions, duplicates, label), against a holdout for leakage and against a reference
 * for drift, with a {@link ValidationPolicy}. Writes the report ({@code ctkit-validation/1},
 * atomically) and returns it. {@code ctkit validate-data} and the first stage of {@code ctkit run}
 * call it.
 *
 * <pre>{@code
 * ValidationReport r = ValidateDataStep.run(ValidateDataStep.Request.of(schema, Path.of("train.csv"))
 *         .withHoldout(Path.of("holdout.csv")).withReference(Path.of("reference.csv"))
 *         .withReport(Path.of("validation.json"))).report();
 * }</pre>
 */
public final class ValidateDataStep {

    private ValidateDataStep() {
    }

    /**
     * What to validate.
     *
     * @param holdout   rows that must not appear in {@code data}, or null
     * @param reference data to measure drift against, or null
     * @param report    where to write the report, or null for nowhere
     */
    public record Request(Schema schema, Path data, Path holdout, Path reference, ValidationPolicy policy, Path report) {
        public Request {
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(policy, "policy");
        }

        /** {@code data} against {@code schema} under the default policy. */
        public static Request of(Schema schema, Path data) {
            return new Request(schema, data, null, null, ValidationPolicy.defaults(), null);
        }

        public Request withHoldout(Path file) {
            return new Request(schema, data, file, reference, policy, report);
        }

        public Request withReference(Path file) {
            return new Request(schema, data, holdout, file, policy, report);
        }

        public Request withPolicy(ValidationPolicy p) {
            return new Request(schema, data, holdout, reference, p, report);
        }

        public Request withReport(Path file) {
            return new Request(schema, data, holdout, reference, policy, file);
        }
    }

    /** The report and where it was written (null for nowhere). */
    public record Result(ValidationReport report, Path file) {
        public boolean passed() {
            return report.passed();
        }
    }

    /**
     * Validates and writes the report.
     *
     * @throws IllegalArgumentException when a file is absent or a directory
     * @throws IOException when a file cannot be read or interpreted (malformed CSV, absent column)
     */
    public static Result run(Request request) throws IOException {
        for (Path p : new Path[] {request.data(), request.holdout(), request.reference()}) {
            if (p != null && !Files.isRegularFile(p)) {
                throw new IllegalArgumentException(p + (Files.isDirectory(p) ? ": is a directory, not a CSV file"
                        : ": no such file"));
            }
        }
        ValidationReport report = new DataValidator(request.schema(), request.policy())
                .validate(request.data(), request.holdout(), request.reference());
        if (request.report() != null) {
            Reports.write(request.report(), report.toJson());
        }
        return new Result(report, request.report());
    }
}
