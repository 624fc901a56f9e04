package io.ctkit.validate;

import io.ctkit.data.CellCheck;
import io.ctkit.data.Column;
import io.ctkit.data.ColumnType;
import io.ctkit.data.MissingPolicy;
import io.ctkit.data.UnknownCategory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Schema conformance of one table: types, ranges, declared categories, missing fractions, the label. */
final class ConformanceChecks {
    private final RawTable table;
    private final ValidationPolicy policy;
    private final List<ValidationCheck> out;

    private ConformanceChecks(RawTable table, ValidationPolicy policy, List<ValidationCheck> out) {
        this.table = table;
        this.policy = policy;
        this.out = out;
    }

    static void run(RawTable table, ValidationPolicy policy, List<ValidationCheck> out) {
        ConformanceChecks checks = new ConformanceChecks(table, policy, out);
        checks.label();
        for (Column c : table.schema().columns()) {
            checks.type(c);
            checks.range(c);
            checks.categories(c);
            checks.missing(c);
        }
    }

    private void label() {
        Optional<Column> label = table.schema().label();
        if (label.isEmpty()) {
            if (policy.requireLabel()) {
                out.add(ValidationCheck.of("label", null, Double.NaN, 0, false, "the schema declares no label column"
                        + " (type: label); declare one, or set require_label: false for unlabelled data"));
            }
            return;
        }
        String name = label.get().name();
        String[] cells = table.cells(name);
        List<String> examples = new ArrayList<>();
        int missing = 0;
        for (int r = 0; r < cells.length; r++) {
            if (cells[r] == null) {
                missing++;
                example(examples, r, "no label");
            }
        }
        out.add(new ValidationCheck("label", name, missing, 0, missing == 0, missing == 0
                ? "every row has a label in \"" + name + "\""
                : missing + " of " + cells.length + " rows have no label in \"" + name + "\"", examples));
    }

    /** Number and time cells must convert; other types hold any text. */
    private void type(Column c) {
        Column typeOnly = RawTable.numeric(c) ? Column.number(c.name())
                : c.type() == ColumnType.TIME ? Column.time(c.name()) : null;
        if (typeOnly == null) {
            return;
        }
        String[] cells = table.cells(c.name());
        List<String> examples = new ArrayList<>();
        int bad = 0;
        for (int r = 0; r < cells.length; r++) {
            if (cells[r] != null) {
                Optional<String> problem = CellCheck.problem(typeOnly, cells[r]);
                if (problem.isPresent()) {
                    bad++;
                    example(examples, r, problem.get());
                }
            }
        }
        String kind = RawTable.numeric(c) ? "numbers" : "ISO-8601 dates or date-times";
        out.add(new ValidationCheck("type", c.name(), bad, 0, bad == 0, bad == 0
                ? "every value is one of the " + kind + " the column declares"
                : bad + " values are not " + kind, examples));
    }

    private void range(Column c) {
        if (!RawTable.numeric(c) || (c.min() == null && c.max() == null)) {
            return;
        }
        double[] v = table.numbers(c);
        String[] cells = table.cells(c.name());
        List<String> examples = new ArrayList<>();
        int outside = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < v.length; r++) {
            if (Double.isNaN(v[r])) {
                continue;
            }
            lo = Math.min(lo, v[r]);
            hi = Math.max(hi, v[r]);
            Optional<String> problem = CellCheck.problem(c, cells[r]);
            if (problem.isPresent()) {
                outside++;
                example(examples, r, problem.get());
            }
        }
        String bounds = "[" + (c.min() == null ? "-inf" : fmt(c.min())) + ", " + (c.max() == null ? "inf" : fmt(c.max()))
                + "]";
        String seen = lo > hi ? "no values" : "values from " + fmt(lo) + " to " + fmt(hi);
        out.add(new ValidationCheck("range", c.name(), outside, 0, outside == 0, (outside == 0
                ? "every value is within " + bounds : outside + " values are outside " + bounds) + " (" + seen + ")",
                examples));
    }

    private void categories(Column c) {
        if (!RawTable.categorical(c) || c.values().isEmpty()) {
            return;
        }
        Set<String> allowed = new HashSet<>(c.values());
        String[] cells = table.cells(c.name());
        Map<String, Integer> unknown = new LinkedHashMap<>();
        List<String> examples = new ArrayList<>();
        int count = 0;
        for (int r = 0; r < cells.length; r++) {
            if (cells[r] != null && !allowed.contains(cells[r])) {
                count++;
                unknown.merge(cells[r], 1, Integer::sum);
                example(examples, r, "\"" + cells[r] + "\" is not among " + c.values());
            }
        }
        boolean tolerated = c.unknown() != UnknownCategory.ERROR;
        String message = count == 0 ? "every value is one of " + c.values()
                : count + " values are not among " + c.values() + ": " + top(unknown)
                + (tolerated ? " (tolerated: unknown: " + c.unknown().key() + ")" : "");
        out.add(new ValidationCheck("categories", c.name(), count, 0, count == 0 || tolerated, message, examples));
    }

    private void missing(Column c) {
        String[] cells = table.cells(c.name());
        boolean unknownIsMissing = c.unknown() == UnknownCategory.MISSING;
        Set<String> allowed = new HashSet<>(c.values());
        int missing = 0;
        for (String cell : cells) {
            if (cell == null || (unknownIsMissing && !allowed.contains(cell))) {
                missing++;
            }
        }
        double fraction = cells.length == 0 ? 0 : (double) missing / cells.length;
        boolean forbidden = c.missing().action() == MissingPolicy.Action.ERROR;
        double limit = forbidden ? 0 : policy.maxMissingFraction(c.name());
        boolean passed = fraction <= limit;
        String message = String.format(Locale.ROOT, "%d of %d values missing (%.2f%%), limit %.2f%%%s", missing,
                cells.length, 100 * fraction, 100 * limit, forbidden ? " (the schema says missing: error)" : "");
        out.add(ValidationCheck.of("missing_fraction", c.name(), fraction, limit, passed, message));
    }

    private void example(List<String> examples, int r, String what) {
        if (examples.size() < ValidationCheck.MAX_EXAMPLES) {
            examples.add("row " + table.fileRow(r) + ": " + what);
        }
    }

    private static String top(Map<String, Integer> counts) {
        StringBuilder sb = new StringBuilder();
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(5).forEach(e ->
                sb.append(sb.length() == 0 ? "" : ", ").append('"').append(e.getKey()).append("\" ×").append(e.getValue()));
        return counts.size() > 5 ? sb + ", ..." : sb.toString();
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
