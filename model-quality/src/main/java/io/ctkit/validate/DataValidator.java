package io.ctkit.validate;

import io.ctkit.data.Column;
import io.ctkit.data.DatasetReader;
import io.ctkit.data.Schema;
import io.ctkit.drift.DriftJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Validates a CSV file against its schema, optionally for leakage into a holdout and for drift
 * against a reference. Every check is recorded, passed or not.
 *
 * <pre>{@code
 * ValidationReport r = new DataValidator(schema, ValidationPolicy.defaults())
 *         .validate(Path.of("train.csv"), Path.of("holdout.csv"), Path.of("reference.csv"));
 * if (!r.passed()) { ... r.summary() ... }
 * }</pre>
 *
 * Files that cannot be interpreted (malformed CSV, a row with the wrong number of fields, a
 * declared column absent from the header, no data rows) throw {@link IOException} or
 * {@link IllegalArgumentException} naming the file: there is nothing to validate then.
 */
public final class DataValidator {
    private final Schema schema;
    private final ValidationPolicy policy;

    public DataValidator(Schema schema, ValidationPolicy policy) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** {@code holdout} and {@code reference} may be {@code null}. */
    public ValidationReport validate(Path data, Path holdout, Path reference) throws IOException {
        RawTable table = read(data);
        RawTable held = holdout == null ? null : read(holdout);
        RawTable ref = reference == null ? null : read(reference);

        List<ValidationCheck> checks = new ArrayList<>();
        ConformanceChecks.run(table, policy, checks);
        checks.add(RowChecks.duplicates(table, policy));
        if (held != null) {
            checks.add(RowChecks.leakage(table, held, policy));
        }
        DriftJson.Document drift = null;
        if (ref != null) {
            DriftChecks d = new DriftChecks();
            d.run(table, ref, policy, checks);
            drift = new DriftJson.Document(d.reports, d.verdicts);
        }
        return new ValidationReport(checks, describe(table), held == null ? null : describe(held),
                ref == null ? null : describe(ref), drift);
    }

    private RawTable read(Path file) throws IOException {
        RawTable t = RawTable.read(schemaFor(file), file);
        if (t.rows() == 0) {
            throw new IllegalArgumentException(file + ": no data rows after the header; nothing to validate");
        }
        return t;
    }

    /**
     * The schema, without its label when labels are not required and the file has no label column:
     * new, unlabelled data can then be checked with the training schema.
     */
    private Schema schemaFor(Path file) throws IOException {
        Optional<Column> label = schema.label();
        if (policy.requireLabel() || label.isEmpty() || schema.columns().size() == 1
                || DatasetReader.header(file).contains(label.get().name())) {
            return schema;
        }
        List<Column> columns = schema.columns().stream().filter(c -> c != label.get()).toList();
        return new Schema(columns, schema.missingValues());
    }

    private static Map<String, Object> describe(RawTable t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", t.source());
        m.put("sha256", t.fingerprint());
        m.put("rows", t.rows());
        return m;
    }
}
