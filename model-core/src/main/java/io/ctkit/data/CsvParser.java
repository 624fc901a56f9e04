package io.ctkit.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 record reader: fields separated by commas, records by CRLF, LF or a
 * lone CR; fields may be enclosed in double quotes, inside which a doubled quote is one
 * quote and line breaks are data. A quote inside an unquoted field, or text after a closing
 * quote, is an error. Blank lines between records are skipped. A leading U+FEFF (BOM) is
 * dropped. Structural errors are fatal and thrown as {@link DatasetException}.
 */
final class CsvParser {
    private static final int NONE = -2;

    private final CharInput in;
    private final String source;
    private final StringBuilder field = new StringBuilder();
    private long line = 1;
    private long recordLine;
    private int pushedBack = NONE;
    private boolean started;

    CsvParser(CharInput in, String source) {
        this.in = in;
        this.source = source;
    }

    /** The physical line on which the last record returned by {@link #next()} started. */
    long recordLine() {
        return recordLine;
    }

    /** The next record's fields, or {@code null} at the end of the input. */
    List<String> next() throws IOException {
        int c = read();
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        while (c == '\n' || c == '\r') {
            endLine(c);
            c = read();
        }
        if (c == -1) {
            return null;
        }
        recordLine = line;
        var fields = new ArrayList<String>();
        while (true) {
            field.setLength(0);
            c = c == '"' ? quoted(fields.size() + 1) : unquoted(c, fields.size() + 1);
            fields.add(field.toString());
            if (c == ',') {
                c = read();
                continue;
            }
            if (c != -1) {
                endLine(c);
            }
            return fields;
        }
    }

    /** Reads an unquoted field starting with {@code c}; returns the character that ended it. */
    private int unquoted(int c, int column) throws IOException {
        while (c != ',' && c != '\n' && c != '\r' && c != -1) {
            if (c == '"') {
                throw fail(line, column, "a quote inside an unquoted field; enclose the whole field"
                        + " in quotes and double the quotes inside it (\"\")");
            }
            field.append((char) c);
            c = read();
        }
        return c;
    }

    /** Reads a quoted field after its opening quote; returns the character after it. */
    private int quoted(int column) throws IOException {
        long startLine = line;
        while (true) {
            int c = read();
            if (c == -1) {
                throw fail(startLine, column, "unterminated quoted field (the quote opened on line "
                        + startLine + " is never closed); add the closing quote");
            }
            if (c == '"') {
                int after = read();
                if (after != '"') {
                    if (after != ',' && after != '\n' && after != '\r' && after != -1) {
                        throw fail(line, column, "unexpected " + describe(after) + " after a closing"
                                + " quote; a quote inside a quoted field must be doubled (\"\")");
                    }
                    return after;
                }
                field.append('"');
            } else {
                if (c == '\n' || (c == '\r' && peek() != '\n')) {
                    line++;
                }
                field.append((char) c);
            }
        }
    }

    private void endLine(int c) throws IOException {
        if (c == '\r' && peek() == '\n') {
            read();
        }
        line++;
    }

    private int peek() throws IOException {
        if (pushedBack == NONE) {
            pushedBack = readInput();
        }
        return pushedBack;
    }

    private int read() throws IOException {
        if (pushedBack != NONE) {
            int c = pushedBack;
            pushedBack = NONE;
            return c;
        }
        return readInput();
    }

    private int readInput() throws IOException {
        try {
            return in.read();
        } catch (CharInput.Malformed e) {
            throw fail(line, 0, e.getMessage());
        }
    }

    private DatasetException fail(long at, int column, String message) {
        return new DatasetException(new DataProblem(source, at, column, null, message));
    }

    private static String describe(int c) {
        return c >= 0x20 && c < 0x7F ? "character '" + (char) c + "'"
                : String.format("character U+%04X", c);
    }
}
