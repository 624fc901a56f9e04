package io.ctkit.validate;

import io.ctkit.data.CellCheck;
import io.ctkit.data.Column;
import io.ctkit.data.ColumnType;
import io.ctkit.data.Dataset;
import io.ctkit.data.DatasetReader;
import io.ctkit.data.MissingPolicy;
import io.ctkit.data.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file read with the declared columns as plain text (missing cells as {@code null}), so
 * that every cell can be judged and counted instead of the read failing at the first bad one.
 * Malformed CSV, a wrong field count or an absent declared column still fail the read: then
 * the file cannot be interpreted at all.
 */
final class RawTable {
    private final Schema schema;
    private final Dataset raw;
    private final Map<String, double[]> numbers = new HashMap<>();

    private RawTable(Schema schema, Dataset raw) {
        this.schema = schema;
        this.raw = raw;
    }

    static RawTable read(Schema schema, Path file) throws IOException {
        List<Column> text = new ArrayList<>();
        for (Column c : schema.columns()) {
            text.add(Column.text(c.name()).withMissing(MissingPolicy.keep()));
        }
        Dataset raw = DatasetReader.of(new Schema(text, schema.missingValues())).read(file);
        return new RawTable(schema, raw);
    }

    Schema schema() {
        return schema;
    }

    int rows() {
        return raw.rowCount();
    }

    String source() {
        return raw.source();
    }

    String fingerprint() {
        return raw.fingerprint();
    }

    /** Cell texts of a column, {@code null} where missing (not copied: do not modify). */
    String[] cells(String column) {
        return raw.strings(column);
    }

    /** 1-based data row number in the file of row {@code r} (blank lines not counted). */
    int fileRow(int r) {
        return raw.sourceRows()[r] + 1;
    }

    /**
     * A number column's values as the reader would convert them (type only, not range), NaN
     * where the cell is missing or not a number.
     */
    double[] numbers(Column column) {
        return numbers.computeIfAbsent(column.name(), name -> {
            Column typeOnly = Column.number(name);
            String[] cells = cells(name);
            double[] out = new double[cells.length];
            Arrays.fill(out, Double.NaN);
            for (int r = 0; r < cells.length; r++) {
                if (cells[r] != null && CellCheck.problem(typeOnly, cells[r]).isEmpty()) {
                    out[r] = Double.parseDouble(cells[r]);
                }
            }
            return out;
        }).clone();
    }

    /** Whether a column is judged as numbers: number columns and regression labels. */
    static boolean numeric(Column c) {
        return c.isNumeric();
    }

    /** Whether a column holds categories: category columns and classification labels. */
    static boolean categorical(Column c) {
        return c.type() == ColumnType.CATEGORY || (c.type() == ColumnType.LABEL && !c.isNumeric());
    }

    /**
     * The identity of each row for duplicate and leakage checks: every declared column except
     * ids, numbers by value (so 1 and 1.0 are equal), other cells by text.
     */
    List<List<String>> rowKeys() {
        return rowKeys(schema.columns().stream().filter(c -> c.type() != ColumnType.ID).toList());
    }

    /** Row identities over the given columns (all declared in this table's schema). */
    List<List<String>> rowKeys(List<Column> columns) {
        List<String[]> values = new ArrayList<>();
        for (Column c : columns) {
            if (numeric(c)) {
                double[] v = numbers(c);
                String[] cells = cells(c.name());
                String[] keys = new String[v.length];
                for (int r = 0; r < v.length; r++) {
                    keys[r] = Double.isNaN(v[r]) ? cells[r] : Double.toString(v[r]);
                }
                values.add(keys);
            } else {
                values.add(cells(c.name()));
            }
        }
        List<List<String>> keys = new ArrayList<>(rows());
        for (int r = 0; r < rows(); r++) {
            String[] key = new String[values.size()];
            for (int c = 0; c < key.length; c++) {
                key[c] = values.get(c)[r];
            }
            keys.add(Arrays.asList(key));
        }
        return keys;
    }
}
