package io.ctkit.data;

import java.util.Objects;

/**
 * One thing wrong with a CSV source, located by line and column.
 *
 * @param source      the file name or source name given to the reader
 * @param line        the 1-based physical line where the record starts (0 when there is none)
 * @param column      the 1-based field position in the CSV (0 when the problem is not a cell)
 * @param columnName  the header name of that field, or {@code null}
 * @param message     what is wrong, e.g. {@code "12,5x" is not a number}
 */
public record DataProblem(String source, long line, int column, String columnName, String message) {

    public DataProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    /** E.g. {@code data.csv:17: column "spend" (3): "12,5x" is not a number}. */
    @Override
    public String toString() {
        var sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (columnName != null) {
            sb.append("column \"").append(columnName).append("\" (").append(column).append("): ");
        } else if (column > 0) {
            sb.append("column ").append(column).append(": ");
        }
        return sb.append(message).toString();
    }
}
