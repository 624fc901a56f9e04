package io.ctkit.testkit.internal.quality;

import io.ctkit.data.Column;
import io.ctkit.data.ColumnType;
import io.ctkit.data.Dataset;
import io.ctkit.model.Model;
import io.ctkit.model.PredictionBatch;
import io.ctkit.model.Task;
import io.ctkit.model.preprocess.InputSpec;
import io.ctkit.scoring.DatasetRows;
import io.ctkit.testkit.Perturbation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What behavioural tests need of a model: the evaluation's rows as maps (every column but the
 * label, so that a perturbation may name a slice column the model ignores), perturbed, and the
 * model's outputs for both: the value for regression, the class probabilities for classifiers.
 */
public final class Behaviours {

    private Behaviours() {
    }

    /**
     * One row before and after the perturbation.
     *
     * @param dataRow the row's number in the data file, counted from 1 after the header
     */
    public record Outcome(int dataRow, Map<String, Object> input, Map<String, Object> perturbed, double[] before,
            double[] after) {
    }

    /** Every row of {@code data} scored as read and as perturbed. */
    public static List<Outcome> run(Model model, Dataset data, Perturbation perturbation) {
        List<Map<String, Object>> rows = rows(model, data);
        List<Map<String, Object>> perturbed = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            perturbed.add(perturbation.apply(rows.get(i), i));
        }
        double[][] before = outputs(model, rows);
        double[][] after = outputs(model, perturbed);
        List<Outcome> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(new Outcome(data.sourceRows()[i] + 1, rows.get(i), perturbed.get(i), before[i], after[i]));
        }
        return out;
    }

    /** The model's output per row: {@code [value]} for regression, the probability of each class otherwise. */
    public static double[][] outputs(Model model, List<Map<String, Object>> rows) {
        List<Map<String, Object>> inputs = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            Map<String, Object> only = new LinkedHashMap<>();
            for (InputSpec input : model.definition().inputs()) {
                only.put(input.name(), row.get(input.name()));
            }
            inputs.add(only);
        }
        PredictionBatch batch = model.predict(inputs);
        double[][] out = new double[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            if (model.task() == Task.REGRESSION) {
                out[r] = new double[] {batch.value(r)};
            } else {
                out[r] = new double[model.labels().size()];
                for (int c = 0; c < out[r].length; c++) {
                    out[r][c] = batch.probability(r, c);
                }
            }
        }
        return out;
    }

    private static List<Map<String, Object>> rows(Model model, Dataset data) {
        List<Map<String, Object>> rows = DatasetRows.of(data, model.definition().inputs());
        List<String> inputs = model.definition().inputs().stream().map(InputSpec::name).toList();
        for (Column column : data.schema().columns()) {
            if (inputs.contains(column.name()) || column.type() == ColumnType.LABEL || column.type() == ColumnType.TIME) {
                continue;
            }
            for (int r = 0; r < rows.size(); r++) {
                if (column.isNumeric()) {
                    double v = data.number(column.name(), r);
                    rows.get(r).put(column.name(), Double.isNaN(v) ? null : v);
                } else {
                    rows.get(r).put(column.name(), data.string(column.name(), r));
                }
            }
        }
        List<Map<String, Object>> ordered = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Column column : data.schema().columns()) {
                if (row.containsKey(column.name())) {
                    copy.put(column.name(), row.get(column.name()));
                }
            }
            ordered.add(copy);
        }
        return ordered;
    }
}
