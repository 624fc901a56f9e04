package io.ctkit.validate;

import io.ctkit.data.Column;
import io.ctkit.data.ColumnType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Whole-row checks: duplicate rows in the data, and rows shared with the holdout (leakage). */
final class RowChecks {

    private RowChecks() {
    }

    static ValidationCheck duplicates(RawTable data, ValidationPolicy policy) {
        List<List<String>> keys = data.rowKeys();
        Map<List<String>, Integer> first = new HashMap<>();
        List<String> examples = new ArrayList<>();
        int duplicates = 0;
        for (int r = 0; r < keys.size(); r++) {
            Integer earlier = first.putIfAbsent(keys.get(r), r);
            if (earlier != null) {
                duplicates++;
                if (examples.size() < ValidationCheck.MAX_EXAMPLES) {
                    examples.add("row " + data.fileRow(r) + " repeats row " + data.fileRow(earlier));
                }
            }
        }
        double fraction = keys.isEmpty() ? 0 : (double) duplicates / keys.size();
        boolean passed = fraction <= policy.maxDuplicateFraction();
        return new ValidationCheck("duplicates", null, fraction, policy.maxDuplicateFraction(), passed,
                String.format(Locale.ROOT, "%d of %d rows repeat an earlier row (%.2f%%), limit %.2f%% (id columns ignored)",
                        duplicates, keys.size(), 100 * fraction, 100 * policy.maxDuplicateFraction()), examples);
    }

    static ValidationCheck leakage(RawTable data, RawTable holdout, ValidationPolicy policy) {
        // Unlabelled data may lack the label the holdout has: compare the columns both declare.
        List<Column> shared = data.schema().columns().stream()
                .filter(c -> c.type() != ColumnType.ID && holdout.schema().column(c.name()).isPresent()).toList();
        Set<List<String>> held = new HashSet<>(holdout.rowKeys(shared));
        List<List<String>> keys = data.rowKeys(shared);
        List<String> examples = new ArrayList<>();
        int leaked = 0;
        for (int r = 0; r < keys.size(); r++) {
            if (held.contains(keys.get(r))) {
                leaked++;
                if (examples.size() < ValidationCheck.MAX_EXAMPLES) {
                    examples.add("row " + data.fileRow(r) + " also occurs in " + holdout.source());
                }
            }
        }
        boolean passed = leaked <= policy.maxLeakedRows();
        return new ValidationCheck("leakage", null, leaked, policy.maxLeakedRows(), passed,
                leaked + " of " + keys.size() + " rows also occur in the holdout " + holdout.source() + ", limit "
                        + policy.maxLeakedRows() + (leaked > 0 ? ": the holdout would not measure unseen data" : ""),
                examples);
    }
}
