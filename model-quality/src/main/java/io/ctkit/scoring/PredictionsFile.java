package io.ctkit.scoring;

import io.ctkit.data.Column;
import io.ctkit.data.Dataset;
import io.ctkit.data.DatasetReader;
import io.ctkit.data.MissingPolicy;
import io.ctkit.data.Schema;
import io.ctkit.files.AtomicFiles;
import io.ctkit.metrics.Predictions;
import io.ctkit.model.Model;
import io.ctkit.model.PredictionBatch;
import io.ctkit.model.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A predictions file (the contract of ARCHITECTURE.md: {@code label} plus {@code score},
 * {@code prob_<class>} or {@code prediction}), read with io.ctkit.data, with optional extra
 * columns: slice columns and a row id column.
 *
 * @param predictions the predictions and true labels
 * @param data        the rows as read (for the file name, fingerprint and extra columns)
 * @param classes     class names (binary: 0 and 1; multiclass: from the prob_ columns; regression: none)
 */
public record PredictionsFile(Predictions predictions, Dataset data, List<String> classes) {

    public PredictionsFile {
        classes = List.copyOf(classes);
    }

    /**
     * Reads {@code file} as predictions for {@code task}, with extra columns: {@code sliceColumns}
     * (read as text) and {@code idColumn} (or null).
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static PredictionsFile read(Path file, Task task, List<String> sliceColumns, String idColumn)
            throws IOException {
        List<Column> columns = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        switch (task) {
            case BINARY_CLASSIFICATION -> {
                classes.addAll(List.of("0", "1"));
                columns.add(Column.classLabel("label", classes));
                columns.add(probability("score"));
            }
            case MULTICLASS_CLASSIFICATION -> {
                List<String> header = DatasetReader.header(file);
                for (String name : header) {
                    if (name.startsWith("prob_")) {
                        classes.add(name.substring("prob_".length()));
                        columns.add(probability(name));
                    }
                }
                if (classes.size() < 2) {
                    throw new IllegalArgumentException(file + ": multiclass predictions need a prob_<class> column per"
                            + " class (at least two); the header has " + String.join(", ", header));
                }
                columns.add(0, Column.classLabel("label", classes));
            }
            default -> {
                columns.add(Column.regressionLabel("label"));
                columns.add(Column.number("prediction"));
            }
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
            throw new IllegalArgumentException(file + ": no data rows after the header; a predictions file needs at"
                    + " least one row");
        }
        return switch (task) {
            case BINARY_CLASSIFICATION -> new PredictionsFile(
                    Predictions.binary(data.labelIndices(classes), data.numbers("score")), data, classes);
            case MULTICLASS_CLASSIFICATION -> {
                double[][] p = new double[data.rowCount()][classes.size()];
                for (int c = 0; c < classes.size(); c++) {
                    double[] column = data.numbers("prob_" + classes.get(c));
                    for (int r = 0; r < column.length; r++) {
                        p[r][c] = column[r];
                    }
                }
                yield new PredictionsFile(multiclass(file, data.labelIndices(classes), p), data, classes);
            }
            default -> new PredictionsFile(Predictions.regression(data.targets(), data.numbers("prediction")), data,
                    List.of());
        };
    }

    /**
     * Writes a model's outputs as a predictions file (atomically): the id column (when
     * {@code idColumn} is given, with {@code ids}), {@code label} (when {@code labels} is given),
     * then {@code prediction} (regression), {@code score} and {@code predicted} (binary), or
     * {@code prob_<class>} per class and {@code predicted} (multiclass). {@link #read} reads it back.
     */
    public static void write(Path file, Model model, PredictionBatch scored, String idColumn, String[] ids,
            String[] labels) throws IOException {
        List<String> header = new ArrayList<>();
        if (idColumn != null) {
            header.add(idColumn);
        }
        if (labels != null) {
            header.add("label");
        }
        switch (model.task()) {
            case REGRESSION -> header.add("prediction");
            case BINARY_CLASSIFICATION -> {
                header.add("score");
                header.add("predicted");
            }
            default -> {
                for (String c : model.labels()) {
                    header.add("prob_" + c);
                }
                header.add("predicted");
            }
        }
        StringBuilder csv = new StringBuilder();
        appendRow(csv, header);
        for (int r = 0; r < scored.size(); r++) {
            List<String> row = new ArrayList<>(header.size());
            if (idColumn != null) {
                row.add(ids[r]);
            }
            if (labels != null) {
                row.add(labels[r]);
            }
            switch (model.task()) {
                case REGRESSION -> row.add(Double.toString(scored.value(r)));
                case BINARY_CLASSIFICATION -> {
                    row.add(Double.toString(scored.probability(r, 1)));
                    row.add(scored.label(r));
                }
                default -> {
                    for (int c = 0; c < model.labels().size(); c++) {
                        row.add(Double.toString(scored.probability(r, c)));
                    }
                    row.add(scored.label(r));
                }
            }
            appendRow(csv, row);
        }
        AtomicFiles.write(file, csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void appendRow(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            String f = fields.get(i);
            if (i > 0) {
                csv.append(',');
            }
            if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
                csv.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                csv.append(f);
            }
        }
        csv.append('\n');
    }

    private static Predictions multiclass(Path file, int[] labels, double[][] p) {
        try {
            return Predictions.multiclass(labels, p);
        } catch (IllegalArgumentException e) {
            // "probabilities[7] sums to 0.93" means data row 8 of this file
            throw new IllegalArgumentException(file + ": " + e.getMessage() + " (probabilities[i] is data row i + 1)", e);
        }
    }

    private static Column probability(String name) {
        return Column.number(name).withRange(0.0, 1.0);
    }
}
