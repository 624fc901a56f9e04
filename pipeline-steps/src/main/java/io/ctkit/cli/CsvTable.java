package io.ctkit.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file as a table of strings (RFC 4180: quotes, escaped quotes, CRLF or LF, newlines
 * inside quotes; UTF-8 with optional BOM), with the line number of every row so errors can say
 * where: {@code preds.csv:17: column "score": "abc" is not a number}.
 */
final class CsvTable {
    private final String source;
    private final List<String> header;
    private final Map<String, Integer> columns = new HashMap<>();
    private final List<String[]> rows;
    private final List<Integer> lines;

    private CsvTable(String source, List<String> header, List<String[]> rows, List<Integer> lines) {
        this.source = source;
        this.header = header;
        this.rows = rows;
        this.lines = lines;
        for (int i = 0; i < header.size(); i++) {
            if (columns.putIfAbsent(header.get(i), i) != null) {
                throw new UserException(source + ":1: column \"" + header.get(i) + "\" appears twice in the header");
            }
        }
    }

    static CsvTable read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserException(file + ": no such file");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UserException(file + ": not valid UTF-8 text");
        }
        return parse(text, file.toString());
    }

    static CsvTable parse(String text, String source) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String[]> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"') {
                if (field.length() > 0 || wasQuoted) {
                    throw new UserException(source + ":" + line + ": a quote inside an unquoted field; quote the whole field and double inner quotes");
                }
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                if (!(fields.size() == 1 && fields.get(0).isEmpty())) {
                    records.add(fields.toArray(String[]::new));
                    lines.add(recordLine);
                }
                fields.clear();
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                line++;
                recordLine = line;
            } else {
                if (wasQuoted) {
                    throw new UserException(source + ":" + line + ": text after a closing quote");
                }
                field.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new UserException(source + ":" + recordLine + ": unterminated quoted field");
        }
        if (field.length() > 0 || !fields.isEmpty() || wasQuoted) {
            fields.add(field.toString());
            records.add(fields.toArray(String[]::new));
            lines.add(recordLine);
        }
        if (records.isEmpty()) {
            throw new UserException(source + ": empty file; expected a header row");
        }
        List<String> header = List.of(records.get(0));
        List<String[]> rows = new ArrayList<>(records.subList(1, records.size()));
        List<Integer> rowLines = new ArrayList<>(lines.subList(1, lines.size()));
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).length != header.size()) {
                throw new UserException(source + ":" + rowLines.get(r) + ": " + rows.get(r).length
                        + " fields, but the header has " + header.size());
            }
        }
        if (rows.isEmpty()) {
            throw new UserException(source + ": no data rows after the header");
        }
        return new CsvTable(source, header, rows, rowLines);
    }

    String source() {
        return source;
    }

    List<String> header() {
        return header;
    }

    int rows() {
        return rows.size();
    }

    boolean has(String column) {
        return columns.containsKey(column);
    }

    /** The column's index; an input error naming the column and the header when absent. */
    int column(String name) {
        Integer index = columns.get(name);
        if (index == null) {
            throw new UserException(source + ": no column \"" + name + "\"; the header has " + String.join(", ", header));
        }
        return index;
    }

    String get(int row, int column) {
        return rows.get(row)[column];
    }

    /** Where a row is, for messages: {@code file.csv:17}. */
    String where(int row) {
        return source + ":" + lines.get(row);
    }

    /** A finite number; an input error naming file, line, column and value otherwise. */
    double number(int row, int column) {
        String text = get(row, column).strip();
        try {
            double v = Double.parseDouble(text);
            if (Double.isFinite(v) && !text.isEmpty() && !text.endsWith("d") && !text.endsWith("f")
                    && !text.endsWith("D") && !text.endsWith("F")) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserException(where(row) + ": column \"" + header.get(column) + "\": \"" + get(row, column)
                + "\" is not a finite number");
    }
}
