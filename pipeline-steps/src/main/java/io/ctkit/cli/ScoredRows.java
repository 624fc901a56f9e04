package io.ctkit.cli;

import io.ctkit.metrics.Predictions;
import io.ctkit.model.Model;
import io.ctkit.model.preprocess.InputSpec;
import io.ctkit.model.preprocess.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns CSV rows into what a model and the metrics take: the glue of predict and evaluate. */
final class ScoredRows {

    private ScoredRows() {
    }

    /** The model's input rows from the table; every input must be a column. Empty cells are missing values. */
    static List<Map<String, Object>> inputs(Model model, CsvTable table) {
        List<InputSpec> specs = model.definition().inputs();
        int[] columns = new int[specs.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            String name = specs.get(i).name();
            columns[i] = table.has(name) ? table.column(name) : -1;
            if (columns[i] < 0) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new UserException(table.source() + ": model \"" + model.name() + "\" needs column(s) "
                    + String.join(", ", missing) + " that the file lacks; the header has " + String.join(", ", table.header()));
        }
        List<Map<String, Object>> rows = new ArrayList<>(table.rows());
        for (int r = 0; r < table.rows(); r++) {
            Map<String, Object> row = new HashMap<>();
            for (int i = 0; i < specs.size(); i++) {
                String cell = table.get(r, columns[i]);
                Object value;
                if (cell.isEmpty()) {
                    value = null;
                } else if (specs.get(i) instanceof InputSpec.NumberInput) {
                    value = table.number(r, columns[i]);
                } else {
                    value = cell;
                }
                row.put(specs.get(i).name(), value);
            }
            rows.add(row);
        }
        return rows;
    }

    /** Scores the rows, turning a bad row into an input error that names its line. */
    static io.ctkit.model.Predictions score(Model model, CsvTable table) {
        List<Map<String, Object>> rows = inputs(model, table);
        try {
            return model.predict(rows);
        } catch (InvalidInputException e) {
            throw new UserException(table.source() + ": " + e.getMessage());
        }
    }

    /** Pairs the model's outputs with the true labels of the label column, for the metrics. */
    static Predictions withTruth(Model model, io.ctkit.model.Predictions scored, CsvTable table, String labelColumn) {
        int column = table.column(labelColumn);
        int n = table.rows();
        switch (model.task()) {
            case REGRESSION -> {
                double[] actual = new double[n];
                for (int r = 0; r < n; r++) {
                    actual[r] = table.number(r, column);
                }
                return Predictions.regression(actual, scored.values());
            }
            case BINARY_CLASSIFICATION -> {
                int[] labels = classIndices(model.labels(), table, column);
                double[] scores = new double[n];
                for (int r = 0; r < n; r++) {
                    scores[r] = scored.probability(r, 1);
                }
                return Predictions.binary(labels, scores);
            }
            default -> {
                int[] labels = classIndices(model.labels(), table, column);
                int k = model.labels().size();
                double[][] probabilities = new double[n][k];
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < k; c++) {
                        probabilities[r][c] = scored.probability(r, c);
                    }
                }
                return Predictions.multiclass(labels, probabilities);
            }
        }
    }

    static int[] classIndices(List<String> classes, CsvTable table, int column) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i);
        }
        int[] labels = new int[table.rows()];
        for (int r = 0; r < labels.length; r++) {
            Integer i = index.get(table.get(r, column));
            if (i == null) {
                throw new UserException(table.where(r) + ": column \"" + table.header().get(column) + "\": \""
                        + table.get(r, column) + "\" is not one of the classes " + String.join(", ", classes));
            }
            labels[r] = i;
        }
        return labels;
    }
}
