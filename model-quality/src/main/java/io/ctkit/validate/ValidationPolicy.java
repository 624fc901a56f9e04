package io.ctkit.validate;

import io.ctkit.drift.DriftOptions;
import io.ctkit.drift.DriftThresholds;
import io.ctkit.config.ConfigNode;
import java.util.LinkedHashMap;
import java.util.Set;
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
     * Reads the map form at a place in a settings document (ctkit.yaml's {@code validation:}, or
     * a policy file's root). Unknown keys and bad values are errors naming their path.
     */
    public static ValidationPolicy read(ConfigNode node) {
        node.requireObject(KEYS);
        ValidationPolicy d = defaults();
        double missing = node.optional("max_missing_fraction").map(ConfigNode::fraction).orElse(d.maxMissingFraction());
        Map<String, Double> byColumn = new LinkedHashMap<>();
        node.optional("missing_fraction_by_column").ifPresent(n -> {
            for (String column : n.requireMap().keys()) {
                byColumn.put(column, n.get(column).fraction());
            }
        });
        double duplicates = node.optional("max_duplicate_fraction").map(ConfigNode::fraction)
                .orElse(d.maxDuplicateFraction());
        int leaked = node.optional("max_leaked_rows").map(ConfigNode::nonNegativeInt).orElse(d.maxLeakedRows());
        boolean label = node.optional("require_label").map(ConfigNode::bool).orElse(d.requireLabel());
        DriftThresholds thresholds = d.drift();
        DriftOptions options = d.driftOptions();
        if (node.has("drift")) {
            ConfigNode drift = node.get("drift").requireObject(DRIFT_KEYS);
            double psi = drift.optional("max_psi").map(n -> n.numberIn(0, true, Double.POSITIVE_INFINITY, false))
                    .orElse(thresholds.maxPsi());
            thresholds = new DriftThresholds(psi,
                    drift.optional("min_ks_p_value").map(ConfigNode::fraction).orElse(thresholds.minKsPValue()),
                    drift.optional("min_chi_square_p_value").map(ConfigNode::fraction).orElse(thresholds.minChiSquarePValue()));
            options = options.withBins(drift.optional("bins").map(n -> n.intAtLeast(2)).orElse(options.bins()));
        }
        return new ValidationPolicy(missing, byColumn, duplicates, leaked, label, thresholds, options);
    }

    private static final Set<String> KEYS = Set.of("max_missing_fraction", "missing_fraction_by_column",
            "max_duplicate_fraction", "max_leaked_rows", "require_label", "drift");
    private static final Set<String> DRIFT_KEYS = Set.of("max_psi", "min_ks_p_value", "min_chi_square_p_value", "bins");

    private static void requireFraction(String what, double f) {
        if (!(f >= 0 && f <= 1)) {
            throw new IllegalArgumentException(what + " must be between 0 and 1: " + f);
        }
    }
}
