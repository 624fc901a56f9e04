package io.ctkit.gate;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One check of a gate verdict. For {@code threshold} checks, {@code observed} is the metric and
 * the interval is its bootstrap interval; for {@code no_regression} and {@code improvement}
 * checks, {@code observed} is the challenger's metric, {@code delta} = challenger − champion and
 * the interval is the paired-bootstrap interval of {@code delta}, judged against {@code bound}
 * (a bound on {@code delta}). NaN means undefined or not computed. A check read from a file
 * written by another tool may have no {@code kind}, {@code metric} or {@code message} (null).
 */
public record GateCheck(String name, Kind kind, String metric, String slice, double observed, double ciLow,
        double ciHigh, double bound, Double champion, Double delta, boolean passed, String message) {

    /** What a check compares. */
    public enum Kind {
        THRESHOLD, NO_REGRESSION, IMPROVEMENT,
        /** The model's own tests (JUnit XML): {@code observed} is the number that failed or erred, {@code bound} 0. */
        TESTS;

        /** The JSON spelling, e.g. {@code no_regression}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind spelt {@code key} in a verdict file. */
        public static Optional<Kind> fromKey(String key) {
            for (Kind k : values()) {
                if (k.key().equals(key)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    public GateCheck {
        Objects.requireNonNull(name, "name");
    }
}
