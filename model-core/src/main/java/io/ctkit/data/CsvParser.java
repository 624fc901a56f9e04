package io.ctkit.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A strict RFC 4180 record reader: fields separated by commas, records by CRLF, LF or a
 * lone CR; fields may be enclosed in double quotes, inside which a doubled quote is one
 * quote and line breaks are data. A quote inside an unquoted field, or text after a closing
 * quote, is an error. Blank lines between records are skipped. A leading U+FEFF (BOM) is
 * dropped. Structural errors are fatal and thrown as {@link DatasetException}.
 *
 * <p>The input is taken in blocks and scanned for the next separator, quote or line break, so
 * a run of ordinary characters costs no call per character. A record's fields are kept as
 * ranges of one reused {@code char[]} ({@link #chars()}, {@link #start}, {@link #end}): reading
 * numbers from it makes no String per cell. Only the current block and record are held.
 */
final class CsvParser {
    /** Code units per block taken from the input; a field may span any number of blocks. */
    static final int BLOCK = 1 << 14;

    private final CharInput in;
    private final String source;
    private final char[] block;
    private int pos;
    private int limit;
    private boolean ended;
    private char[] text = new char[256];
    private int used;
    private int[] ends = new int[16];
    private int fields;
    private long line = 1;
    private long recordLine;
    private boolean started;

    CsvParser(CharInput in, String source) {
        this(in, source, BLOCK);
    }

    /** With a block size of choice, so that tests can put block boundaries anywhere. */
    CsvParser(CharInput in, String source, int blockSize) {
        this.in = in;
        this.source = source;
        this.block = new char[blockSize];
    }

    /** The physical line on which the last record read started. */
    long recordLine() {
        return recordLine;
    }

    /** The next record's fields as Strings, or {@code null} at the end of the input. */
    List<String> next() throws IOException {
        if (!nextRecord()) {
            return null;
        }
        var list = new ArrayList<String>(fields);
        for (int i = 0; i < fields; i++) {
            list.add(field(i));
        }
        return list;
    }

    /** Reads the next record into {@link #chars()}; false at the end of the input. */
    boolean nextRecord() throws IOException {
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
            return false;
        }
        recordLine = line;
        used = 0;
        fields = 0;
        while (true) {
            c = c == '"' ? quoted(fields + 1) : unquoted(c, fields + 1);
            if (fields == ends.length) {
                ends = Arrays.copyOf(ends, fields * 2);
            }
            ends[fields++] = used;
            if (c == ',') {
                c = read();
                continue;
            }
            if (c != -1) {
                endLine(c);
            }
            return true;
        }
    }

    /** The number of fields in the current record. */
    int fieldCount() {
        return fields;
    }

    /** The current record's text; field {@code i} is {@code [start(i), end(i))}. Overwritten by the next read. */
    char[] chars() {
        return text;
    }

    int start(int i) {
        return i == 0 ? 0 : ends[i - 1];
    }

    int end(int i) {
        return ends[i];
    }

    String field(int i) {
        int start = start(i);
        return new String(text, start, ends[i] - start);
    }

    /** Reads an unquoted field starting with {@code c}; returns the character that ended it. */
    private int unquoted(int c, int column) throws IOException {
        while (c != ',' && c != '\n' && c != '\r' && c != -1) {
            if (c == '"') {
                throw fail(line, column, "a quote inside an unquoted field; enclose the whole field"
                        + " in quotes and double the quotes inside it (\"\")");
            }
            append((char) c);
            int p = pos;
            char[] b = block;
            while (p < limit) {
                char ch = b[p];
                if (ch == ',' || ch == '\n' || ch == '\r' || ch == '"') {
                    break;
                }
                p++;
            }
            append(b, pos, p);
            pos = p;
            c = read();
        }
        return c;
    }

    /** Reads a quoted field after its opening quote; returns the character after it. */
    private int quoted(int column) throws IOException {
        long startLine = line;
        while (true) {
            int p = pos;
            char[] b = block;
            while (p < limit) {
                char ch = b[p];
                if (ch == '"' || ch == '\n' || ch == '\r') {
                    break;
                }
                p++;
            }
            append(b, pos, p);
            pos = p;
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
                append('"');
            } else {
                if (c == '\n' || (c == '\r' && peek() != '\n')) {
                    line++;
                }
                append((char) c);
            }
        }
    }

    private void endLine(int c) throws IOException {
        if (c == '\r' && peek() == '\n') {
            pos++;
        }
        line++;
    }

    private void append(char c) {
        if (used == text.length) {
            text = Arrays.copyOf(text, used * 2);
        }
        text[used++] = c;
    }

    private void append(char[] from, int start, int end) {
        int n = end - start;
        if (used + n > text.length) {
            text = Arrays.copyOf(text, Math.max(used + n, text.length * 2));
        }
        System.arraycopy(from, start, text, used, n);
        used += n;
    }

    /** The next code unit without taking it, or -1 at the end. */
    private int peek() throws IOException {
        return pos < limit || fill() ? block[pos] : -1;
    }

    private int read() throws IOException {
        return pos < limit || fill() ? block[pos++] : -1;
    }

    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        int n;
        try {
            n = in.read(block, 0, block.length);
        } catch (CharInput.Malformed e) {
            throw fail(line, 0, e.getMessage());
        }
        if (n <= 0) {
            ended = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private DatasetException fail(long at, int column, String message) {
        return new DatasetException(new DataProblem(source, at, column, null, message));
    }

    private static String describe(int c) {
        return c >= 0x20 && c < 0x7F ? "character '" + (char) c + "'"
                : String.format("character U+%04X", c);
    }
}
