package io.ctkit.gate;

import io.ctkit.data.Column;
import io.ctkit.data.ColumnType;
import io.ctkit.data.Dataset;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The slice key of every row, per slice column: what {@link GateInput#slices()} holds. */
public final class SliceKeys {
    private SliceKeys() {
    }

    /** Keys as text: whole numbers without a fraction, times in ISO-8601, missing cells as {@code (missing)}. */
    public static Map<String, String[]> of(Dataset data, List<String> columns) {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String name : columns) {
            Column c = data.schema().column(name).orElseThrow(() -> new IllegalArgumentException(
                    data.source() + ": no column \"" + name + "\" to slice by; columns: " + data.schema().columns().stream().map(Column::name).toList()));
            String[] keys = new String[data.rowCount()];
            if (c.isNumeric()) {
                double[] v = data.numbers(name);
                for (int r = 0; r < keys.length; r++) {
                    keys[r] = Double.isNaN(v[r]) ? "(missing)"
                            : (v[r] == Math.rint(v[r]) && Math.abs(v[r]) < 1e15 ? Long.toString((long) v[r]) : Double.toString(v[r]));
                }
            } else if (c.type() == ColumnType.TIME) {
                Instant[] t = data.times(name);
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
