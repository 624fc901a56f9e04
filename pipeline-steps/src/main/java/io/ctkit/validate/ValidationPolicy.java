package io.ctkit.validate;

import io.ctkit.drift.DriftOptions;
import io.ctkit.drift.DriftThresholds;
import io.ctkit.policy.PolicyException;
import io.ctkit.policy.StrictMap;
import java.util.Map;
import java.util.Objects;

/**
 * Limits for data validation. Map form (YAML/JSON; see docs/validation.md):
 * <pre>{@code
 * max_missing_fraction: 0.1            # per column, unless listed below
 * missing_fraction_by_column: {spend: 0.3}
 * max_duplicate_fraction: 0.01         # rows repeating an earlier row (id columns ignored)
 * max_leaked_rows: 0                   # rows also present in the holdout
 * require_label: true
 * drift: {max_psi: 0.2, min_ks_p_value: 0.01, min_chi_square_p_value: 0.01, bins: 10}
 * }</pre>
 * A column whose schema says {@code missing: error} allows no missing value whatever the limit.
 *
 * @param maxMissingFraction      default limit on the fraction of missing cells per column
 * @param missingFractionByColumn per-column limits that replace the default
 * @param maxDuplicateFraction    limit on the fraction of rows that repeat an earlier row
 * @param maxLeakedRows           limit on rows of the data that also occur in the holdout
 * @param requireLabel            whether the schema must declare a label column
 * @param drift                   when a feature counts as drifted from the reference
 * @param driftOptions            how drift statistics are binned
 */
public record ValidationPolicy(double maxMissingFraction, Map<String, Double> missingFractionByColumn,
        double maxDuplicateFraction, int maxLeakedRows, boolean requireLabel, DriftThresholds drift,
        DriftOptions driftOptions) {

    public ValidationPolicy {
        requireFraction("max missing fraction", maxMissingFraction);
        requireFraction("max duplicate fraction", maxDuplicateFraction);
        missingFractionByColumn = Map.copyOf(missingFractionByColumn);
        missingFractionByColumn.forEach((column, f) -> requireFraction("max missing fraction of " + column, f));
        if (maxLeakedRows < 0) {
            throw new IllegalArgumentException("max leaked rows must be 0 or more: " + maxLeakedRows);
        }
        Objects.requireNonNull(drift, "drift");
        Objects.requireNonNull(driftOptions, "driftOptions");
    }

    /** 10 % missing per column, 1 % duplicate rows, no leaked rows, a label required, model-core's drift defaults. */
    public static ValidationPolicy defaults() {
        return new ValidationPolicy(0.1, Map.of(), 0.01, 0, true, DriftThresholds.defaults(), DriftOptions.defaults());
    }

    /** The missing-fraction limit of {@code column}. */
    public double maxMissingFraction(String column) {
        return missingFractionByColumn.getOrDefault(column, maxMissingFraction);
    }

    /**
     * Reads the map form; {@code where} is the map's path, e.g. {@code "ctkit.yaml: validation"}
     * or a file name with a colon, {@code "policy.yaml:"}. Unknown keys and bad values are errors
     * naming their path.
     */
    public static ValidationPolicy fromMap(Map<String, ?> map, String where) {
        StrictMap m = StrictMap.of(map, where);
        ValidationPolicy d = defaults();
        double missing = m.fraction("max_missing_fraction", d.maxMissingFraction());
        Map<String, Double> byColumn = m.fractions("missing_fraction_by_column");
        double duplicates = m.fraction("max_duplicate_fraction", d.maxDuplicateFraction());
        int leaked = m.integer("max_leaked_rows", d.maxLeakedRows(), 0);
        boolean label = m.bool("require_label", d.requireLabel());
        DriftThresholds thresholds = d.drift();
        DriftOptions options = d.driftOptions();
        StrictMap drift = m.map("drift");
        if (drift != null) {
            double psi = drift.number("max_psi", thresholds.maxPsi());
            if (psi < 0) {
                throw drift.error("max_psi", "must be 0 or more", psi);
            }
            thresholds = new DriftThresholds(psi, drift.fraction("min_ks_p_value", thresholds.minKsPValue()),
                    drift.fraction("min_chi_square_p_value", thresholds.minChiSquarePValue()));
            options = options.withBins(drift.integer("bins", options.bins(), 2));
            drift.finish();
        }
        m.finish();
        return new ValidationPolicy(missing, byColumn, duplicates, leaked, label, thresholds, options);
    }

    private static void requireFraction(String what, double f) {
        if (!(f >= 0 && f <= 1)) {
            throw new PolicyException(what + " must be between 0 and 1: " + f);
        }
    }
}
