package io.ctkit.testkit.internal.quality;

import io.ctkit.gate.Numbers;
import io.ctkit.testkit.Perturbation;
import io.ctkit.testkit.internal.quality.Behaviours.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The failure messages and evidence table of behavioural tests, one factory per kind of failure. */
public final class BehaviourMessages {

    private BehaviourMessages() {
    }

    /**
     * A perturbation test failed on more rows than allowed. Multi-line:
     * <pre>
     * expected the output to rise under "scale spend by 1.2" on every row, but it did not on 200 of 200 rows
     * (failure rate 100%, allowed 0%); the first failing rows:
     *   data row 1: {spend=0.1, channel=search} → 0.7; perturbed spend=0.12 → 0.74
     * model forecast sha256:…
     * </pre>
     */
    public static String failed(String output, String expectation, Perturbation perturbation, int failed, int rows,
            double allowedRate, List<Outcome> shown, List<String> classes, int index, String model) {
        StringBuilder m = new StringBuilder("expected ").append(output).append(" ").append(expectation)
                .append(" under \"").append(perturbation.description()).append("\" on ")
                .append(allowedRate == 0 ? "every row" : "all but " + percent(allowedRate) + " of the rows")
                .append(", but it did not on ").append(failed).append(" of ").append(rows).append(" rows (failure rate ")
                .append(percent((double) failed / rows)).append(", allowed ").append(percent(allowedRate))
                .append("); the first failing rows:");
        for (Outcome o : shown) {
            m.append(System.lineSeparator()).append("  data row ").append(o.dataRow()).append(": ")
                    .append(row(o.input())).append(" \u2192 ").append(output(o.before(), classes, index))
                    .append("; perturbed ").append(changes(o.input(), o.perturbed())).append(" \u2192 ")
                    .append(output(o.after(), classes, index));
        }
        return m.append(System.lineSeparator()).append("model ").append(model).toString();
    }

    /** A minimum-functionality case gave another output than expected. */
    public static String caseFailed(String name, Map<String, Object> input, String expected, String actual,
            String model) {
        return "expected case \"" + name + "\" " + row(input) + " to give " + expected + ", but it gave " + actual
                + "; model " + model;
    }

    /** The failing rows as CSV: {@code data_row,input,perturbed,before,after}. */
    public static String table(List<Outcome> failed, List<String> classes) {
        StringBuilder csv = new StringBuilder("data_row,input,perturbed,before,after\n");
        for (Outcome o : failed) {
            csv.append(o.dataRow()).append(',').append(quote(row(o.input()))).append(',')
                    .append(quote(changes(o.input(), o.perturbed()))).append(',')
                    .append(quote(output(o.before(), classes, -1))).append(',')
                    .append(quote(output(o.after(), classes, -1))).append('\n');
        }
        return csv.toString();
    }

    /** {@code {spend=0.1, channel=search}}: numbers as the gate writes them. */
    static String row(Map<String, Object> row) {
        List<String> cells = new ArrayList<>();
        row.forEach((k, v) -> cells.add(k + "=" + value(v)));
        return "{" + String.join(", ", cells) + "}";
    }

    private static String changes(Map<String, Object> input, Map<String, Object> perturbed) {
        List<String> cells = new ArrayList<>();
        perturbed.forEach((k, v) -> {
            if (!input.containsKey(k) || !Objects.equals(input.get(k), v)) {
                cells.add(k + "=" + value(v));
            }
        });
        return cells.isEmpty() ? "(unchanged)" : String.join(", ", cells);
    }

    private static String output(double[] values, List<String> classes, int index) {
        if (classes.isEmpty()) {
            return Numbers.format(values[0]);
        }
        if (index >= 0) {
            return "p(" + classes.get(index) + ") " + Numbers.format(values[index]);
        }
        List<String> parts = new ArrayList<>();
        for (int c = 0; c < values.length; c++) {
            parts.add(classes.get(c) + " " + Numbers.format(values[c]));
        }
        return "[" + String.join(", ", parts) + "]";
    }

    private static String value(Object v) {
        return v == null ? "(missing)" : v instanceof Double d ? Numbers.format(d) : v.toString();
    }

    private static String percent(double fraction) {
        return Numbers.format(fraction * 100) + "%";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
