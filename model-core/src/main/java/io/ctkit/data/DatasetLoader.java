package io.ctkit.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/** One read of one source: header matching, row conversion, error collection. */
final class DatasetLoader {
    private final Schema schema;
    private final int maxErrors;
    private final String source;
    private final char[][] missingValues;
    private final List<DataProblem> problems = new ArrayList<>();

    DatasetLoader(Schema schema, int maxErrors, String source) {
        this.schema = schema;
        this.maxErrors = maxErrors;
        this.source = Objects.requireNonNull(source, "source name");
        this.missingValues = schema.missingValues().stream().map(String::toCharArray).toArray(char[][]::new);
    }

    Dataset load(CharInput input) throws IOException {
        var parser = new CsvParser(input, source);
        List<String> header = header(parser, source);
        long headerLine = parser.recordLine();
        int[] positions = match(header, headerLine);
        List<Column> columns = schema.columns();
        var stores = new ColumnStore[columns.size()];
        for (int i = 0; i < stores.length; i++) {
            stores[i] = new ColumnStore(columns.get(i), positions[i] + 1);
        }
        var sourceRows = new IntList();
        int record = -1;
        int skipped = 0;
        while (parser.nextRecord()) {
            record++;
            long line = parser.recordLine();
            if (parser.fieldCount() != header.size()) {
                report(new DataProblem(source, line, 0, null, "expected " + header.size()
                        + " fields as in the header, found " + parser.fieldCount()));
                continue;
            }
            char[] text = parser.chars();
            int before = problems.size();
            boolean skip = false;
            for (int i = 0; i < stores.length; i++) {
                ColumnStore store = stores[i];
                int from = parser.start(positions[i]);
                int to = parser.end(positions[i]);
                try {
                    skip |= store.stage(text, from, to, isMissingMarker(text, from, to));
                } catch (Cells.BadCell e) {
                    report(new DataProblem(source, line, store.position(), store.column().name(),
                            e.getMessage()));
                }
            }
            if (problems.size() > before) {
                continue;
            }
            if (skip) {
                skipped++;
                continue;
            }
            for (ColumnStore store : stores) {
                store.commit();
            }
            sourceRows.add(record);
        }
        if (!problems.isEmpty()) {
            throw new DatasetException(problems, false);
        }
        var data = new LinkedHashMap<String, Object>();
        for (ColumnStore store : stores) {
            data.put(store.column().name(), store.toArray());
        }
        return new Dataset(schema, source, input.fingerprint(), data, sourceRows.toArray(), skipped);
    }

    /** The first record: the column names; an error when the file is empty. */
    static List<String> header(CsvParser parser, String source) throws IOException {
        List<String> header = parser.next();
        if (header == null) {
            throw new DatasetException(new DataProblem(source, 0, 0, null,
                    "no header row; the file is empty and the first line must name the columns"));
        }
        return header;
    }

    /** For each declared column, its 0-based position in the header. */
    private int[] match(List<String> header, long line) throws DatasetException {
        var index = new HashMap<String, Integer>();
        for (int i = 0; i < header.size(); i++) {
            Integer previous = index.putIfAbsent(header.get(i), i);
            if (previous != null) {
                throw new DatasetException(new DataProblem(source, line, i + 1, null,
                        "duplicate header name \"" + header.get(i) + "\" (also column "
                                + (previous + 1) + "); header names must be unique"));
            }
        }
        List<Column> columns = schema.columns();
        int[] positions = new int[columns.size()];
        var absent = new ArrayList<String>();
        for (int i = 0; i < columns.size(); i++) {
            Integer at = index.get(columns.get(i).name());
            if (at == null) {
                absent.add("\"" + columns.get(i).name() + "\"");
            } else {
                positions[i] = at;
            }
        }
        if (!absent.isEmpty()) {
            throw new DatasetException(new DataProblem(source, line, 0, null,
                    "declared " + (absent.size() == 1 ? "column " : "columns ") + String.join(", ", absent)
                            + " not in the header; the header has: " + String.join(", ", header)));
        }
        return positions;
    }

    /** Whether {@code text[from, to)} is one of the schema's missing-value markers (a few short texts). */
    private boolean isMissingMarker(char[] text, int from, int to) {
        for (char[] marker : missingValues) {
            if (Arrays.equals(marker, 0, marker.length, text, from, to)) {
                return true;
            }
        }
        return false;
    }

    private void report(DataProblem problem) throws DatasetException {
        problems.add(problem);
        if (problems.size() >= maxErrors) {
            throw new DatasetException(problems, maxErrors > 1);
        }
    }

    /** A growable int array, so row origins are not boxed. */
    static final class IntList {
        private int[] values = new int[1024];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
