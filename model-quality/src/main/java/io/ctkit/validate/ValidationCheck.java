package io.ctkit.validate;

import java.util.List;
import java.util.Objects;

/**
 * One validation check.
 *
 * @param name      {@code type}, {@code range}, {@code categories}, {@code missing_fraction},
 *                  {@code label}, {@code duplicates}, {@code leakage} or {@code drift}
 * @param feature   the column checked, or {@code null} for whole-row checks
 * @param observed  what was measured (a count, a fraction, a PSI; see docs/validation.md);
 *                  NaN when nothing could be measured
 * @param threshold the limit it is held to; NaN when there is none
 * @param passed    whether the check passed
 * @param message   one line saying what was found
 * @param examples  a few offending rows, e.g. {@code row 17: "12,5x" is not a number}
 */
public record ValidationCheck(String name, String feature, double observed, double threshold, boolean passed,
        String message, List<String> examples) {

    /** At most this many examples are kept per check. */
    public static final int MAX_EXAMPLES = 5;

    public ValidationCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(message, "message");
        examples = List.copyOf(examples);
    }

    static ValidationCheck of(String name, String feature, double observed, double threshold, boolean passed,
            String message) {
        return new ValidationCheck(name, feature, observed, threshold, passed, message, List.of());
    }
}
