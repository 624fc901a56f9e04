package io.ctkit.drift;

import java.util.List;

/**
 * The outcome of applying {@link DriftThresholds} to one {@link DriftReport}.
 *
 * @param feature feature name
 * @param drift   true when at least one threshold was crossed
 * @param reasons one human-readable line per crossed threshold, empty when there is no drift
 */
public record DriftVerdict(String feature, boolean drift, List<String> reasons) {

    public DriftVerdict {
        reasons = List.copyOf(reasons);
        if (drift == reasons.isEmpty()) {
            throw new IllegalArgumentException("a drift verdict has reasons exactly when it reports drift: "
                    + feature + " " + reasons);
        }
    }
}
