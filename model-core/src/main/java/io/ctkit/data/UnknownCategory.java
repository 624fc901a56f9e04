package io.ctkit.data;

import java.util.Locale;

/**
 * What to do with a category (or class label) that is not among the column's declared
 * {@link Column#values()}.
 */
public enum UnknownCategory {
    /** The row is an error (the default). */
    ERROR,
    /** The value is treated as missing, so the column's {@link MissingPolicy} decides. */
    MISSING,
    /** The value is stored as it is. */
    KEEP;

    /** The spelling used in schema maps, e.g. {@code "missing"}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
