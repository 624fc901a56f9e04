package io.ctkit.data;

import java.util.Objects;

/**
 * What to do when a cell holds a missing value (one of {@link Schema#missingValues()}).
 *
 * @param action what happens
 * @param fill   the replacement text for {@link Action#FILL}, converted like any cell of the
 *               column (so it must itself be valid); {@code null} for the other actions
 */
public record MissingPolicy(Action action, String fill) {

    /** The possible reactions to a missing value. */
    public enum Action {
        /** The row is an error (the default). */
        ERROR,
        /** The row is dropped and counted in {@link Dataset#skippedRows()}. */
        SKIP_ROW,
        /** The value stays missing: {@code NaN} in number columns, {@code null} otherwise. */
        KEEP,
        /** The value is replaced by {@link MissingPolicy#fill()}. */
        FILL;

        /** The spelling used in schema maps, e.g. {@code "skip-row"}. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public MissingPolicy {
        Objects.requireNonNull(action, "action");
        if (action == Action.FILL && fill == null) {
            throw new IllegalArgumentException("missing policy fill needs a fill value");
        }
        if (action != Action.FILL && fill != null) {
            throw new IllegalArgumentException(
                    "a fill value is only allowed with the fill policy, not " + action.key());
        }
    }

    /** A missing value is an error. */
    public static MissingPolicy error() {
        return new MissingPolicy(Action.ERROR, null);
    }

    /** A row with a missing value is dropped. */
    public static MissingPolicy skipRow() {
        return new MissingPolicy(Action.SKIP_ROW, null);
    }

    /** A missing value is stored as missing ({@code NaN} or {@code null}). */
    public static MissingPolicy keep() {
        return new MissingPolicy(Action.KEEP, null);
    }

    /** A missing value is replaced by {@code value}, which must be valid for the column. */
    public static MissingPolicy fill(String value) {
        return new MissingPolicy(Action.FILL, Objects.requireNonNull(value, "fill value"));
    }
}
