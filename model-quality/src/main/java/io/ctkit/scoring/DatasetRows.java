package io.ctkit.scoring;

import io.ctkit.data.Dataset;
import io.ctkit.model.preprocess.InputSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rows of a dataset keyed by input name, as {@code FeatureEncoder} and {@code Model.predict} take them. */
public final class DatasetRows {
    private DatasetRows() {
    }

    /** One map per row with a value per input: a Double (null when NaN) or a String (null when missing). */
    public static List<Map<String, Object>> of(Dataset data, List<InputSpec> inputs) {
        List<Map<String, Object>> rows = new ArrayList<>(data.rowCount());
        for (int r = 0; r < data.rowCount(); r++) {
            Map<String, Object> row = new HashMap<>();
            for (InputSpec input : inputs) {
                if (input instanceof InputSpec.NumberInput) {
                    double v = data.number(input.name(), r);
                    row.put(input.name(), Double.isNaN(v) ? null : v);
                } else {
                    row.put(input.name(), data.string(input.name(), r));
                }
            }
            rows.add(row);
        }
        return rows;
    }
}
