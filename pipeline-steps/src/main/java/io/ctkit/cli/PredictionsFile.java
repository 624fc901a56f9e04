package io.ctkit.cli;

import io.ctkit.data.Column;
import io.ctkit.data.ColumnType;
import io.ctkit.data.Dataset;
import io.ctkit.data.DatasetReader;
import io.ctkit.data.MissingPolicy;
import io.ctkit.data.Schema;
import io.ctkit.metrics.Predictions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A predictions file (the contract of ARCHITECTURE.md: {@code label} plus {@code score},
 * {@code prob_<class>} or {@code prediction}), read with io.ctkit.data, with optional extra
 * columns: slice columns and a row id column.
 *
 * @param predictions the predictions and true labels
 * @param data        the rows as read (for the file name, fingerprint and extra columns)
 * @param classes     class names (binary: 0 and 1; multiclass: from the prob_ columns; regression: none)
 * @param outputs     the same rows as arrays, for plots
 */
record PredictionsFile(Predictions predictions, Dataset data, List<String> classes, Outputs outputs) {

    /**
     * Predictions as plain arrays: classifiers have {@code labels} (class indices) and
     * {@code probabilities} (binary: {1 − score, score}); regression has {@code actual} and
     * {@code predicted}.
     */
    record Outputs(int[] labels, double[][] probabilities, double[] actual, double[] predicted) {

        static double[][] binary(double[] scores) {
            double[][] out = new double[scores.length][];
            for (int i = 0; i < scores.length; i++) {
                out[i] = new double[] {1 - scores[i], scores[i]};
            }
            return out;
        }
    }

    static PredictionsFile read(Path file, String task, List<String> sliceColumns, String idColumn) throws IOException {
        List<Column> columns = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        switch (task) {
            case "binary" -> {
                classes.addAll(List.of("0", "1"));
                columns.add(Column.classLabel("label", classes));
                columns.add(probability("score"));
            }
            case "multiclass" -> {
                List<String> header = DatasetReader.header(file);
                for (String name : header) {
                    if (name.startsWith("prob_")) {
                        classes.add(name.substring("prob_".length()));
                        columns.add(probability(name));
                    }
                }
                if (classes.size() < 2) {
                    throw new UserException(file + ": multiclass predictions need a prob_<class> column per class"
                            + " (at least two); the header has " + String.join(", ", header));
                }
                columns.add(0, Column.classLabel("label", classes));
            }
            case "regression" -> {
                columns.add(Column.regressionLabel("label"));
                columns.add(Column.number("prediction"));
            }
            default -> throw new UserException("--task must be binary, multiclass or regression, got \"" + task + "\"");
        }
        for (String s : sliceColumns) {
            if (columns.stream().noneMatch(c -> c.name().equals(s))) {
                columns.add(Column.category(s).withMissing(MissingPolicy.keep()));
            }
        }
        if (idColumn != null) {
            columns.add(Column.id(idColumn));
        }
        Dataset data = DatasetReader.of(Schema.of(columns.toArray(Column[]::new))).read(file);
        if (data.rowCount() == 0) {
            throw new UserException(file + ": no data rows after the header; a predictions file needs at least one row");
        }
        switch (task) {
            case "binary" -> {
                int[] labels = data.labelIndices(classes);
                double[] scores = data.numbers("score");
                return new PredictionsFile(Predictions.binary(labels, scores), data, List.copyOf(classes),
                        new Outputs(labels, Outputs.binary(scores), null, null));
            }
            case "multiclass" -> {
                double[][] p = new double[data.rowCount()][classes.size()];
                for (int c = 0; c < classes.size(); c++) {
                    double[] column = data.numbers("prob_" + classes.get(c));
                    for (int r = 0; r < column.length; r++) {
                        p[r][c] = column[r];
                    }
                }
                int[] labels = data.labelIndices(classes);
                return new PredictionsFile(multiclass(file, labels, p), data, List.copyOf(classes),
                        new Outputs(labels, p, null, null));
            }
            default -> {
                double[] actual = data.targets();
                double[] predicted = data.numbers("prediction");
                return new PredictionsFile(Predictions.regression(actual, predicted), data, List.of(),
                        new Outputs(null, null, actual, predicted));
            }
        }
    }

    private static Predictions multiclass(Path file, int[] labels, double[][] p) {
        try {
            return Predictions.multiclass(labels, p);
        } catch (IllegalArgumentException e) {
            // "probabilities[7] sums to 0.93" means data row 8 of this file
            throw new UserException(file + ": " + e.getMessage() + " (probabilities[i] is data row i + 1)");
        }
    }

    private static Column probability(String name) {
        return Column.number(name).withRange(0.0, 1.0);
    }

    /** Per column, every row's slice key: the cell text, numbers as written by Java, missing as "(missing)". */
    static Map<String, String[]> sliceKeys(Dataset data, List<String> columns) {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String name : columns) {
            Column c = data.schema().column(name).orElseThrow();
            String[] keys = new String[data.rowCount()];
            if (c.isNumeric()) {
                double[] v = data.numbers(name);
                for (int r = 0; r < keys.length; r++) {
                    keys[r] = Double.isNaN(v[r]) ? "(missing)" : (v[r] == Math.rint(v[r]) && Math.abs(v[r]) < 1e15 ? Long.toString((long) v[r]) : Double.toString(v[r]));
                }
            } else if (c.type() == ColumnType.TIME) {
                var t = data.times(name);
                for (int r = 0; r < keys.length; r++) {
                    keys[r] = t[r] == null ? "(missing)" : t[r].toString();
                }
            } else {
                String[] s = data.strings(name);
                for (int r = 0; r < keys.length; r++) {
                    keys[r] = s[r] == null ? "(missing)" : s[r];
                }
            }
            out.put(name, keys);
        }
        return out;
    }
}
