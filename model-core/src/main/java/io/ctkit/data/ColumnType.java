package io.ctkit.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a column holds. The {@link #key()} is the spelling used in schema maps. */
public enum ColumnType {
    /** A decimal number such as {@code -12.5} or {@code 3e-4}; stored as {@code double}. */
    NUMBER,
    /** One of a (usually declared) set of values; stored as text. */
    CATEGORY,
    /** Free text; stored as is. */
    TEXT,
    /** The training target: a number (regression) or a class name (classification). */
    LABEL,
    /** A row identifier; stored as text, never a model input. */
    ID,
    /** An ISO-8601 date or date-time; stored as an {@link java.time.Instant}. */
    TIME;

    /** The lower-case name used in schema maps, e.g. {@code "number"}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ColumnType> fromKey(String key) {
        return Arrays.stream(values()).filter(t -> t.key().equals(key)).findFirst();
    }

    static String allKeys() {
        return Arrays.stream(values()).map(ColumnType::key).collect(Collectors.joining(", "));
    }
}
