package io.ctkit.data;

import java.util.Objects;
import java.util.Optional;

/**
 * Checks single cell texts against a column exactly as {@link DatasetReader} converts them,
 * for callers that report every non-conforming cell (data validation) instead of failing on
 * the first bad row. Missing values are the caller's business: pass only texts that are not
 * one of the schema's {@link Schema#missingValues()}.
 */
public final class CellCheck {

    private CellCheck() {
    }

    /**
     * Why {@code text} does not fit {@code column} (type, range, declared values with
     * {@code unknown: error}), in the reader's words, e.g. {@code "12,5x" is not a number};
     * empty when it fits.
     */
    public static Optional<String> problem(Column column, String text) {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(text, "text");
        try {
            Cells.converterFor(column).convert(text);
            return Optional.empty();
        } catch (Cells.BadCell e) {
            return Optional.of(e.getMessage());
        }
    }
}
