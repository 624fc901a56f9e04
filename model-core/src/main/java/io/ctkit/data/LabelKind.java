package io.ctkit.data;

import java.util.Locale;

/** Whether a {@link ColumnType#LABEL} column is a regression target or a class name. */
public enum LabelKind {
    /** A numeric target, stored as {@code double}. */
    REGRESSION,
    /** A class name, stored as text. */
    CLASSIFICATION;

    /** The spelling used in schema maps, e.g. {@code "classification"}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
