package io.ctkit.model.preprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Fits the parameters of unfitted ops, one op at a time, in op order. */
final class Fitter {

    private Fitter() {
    }

    static List<PreprocessingOp> fit(Plan plan, Iterable<? extends Map<String, ?>> rows) {
        double[] imputed = new double[plan.inputs.size()];
        Arrays.fill(imputed, Double.NaN);
        List<PreprocessingOp> result = new ArrayList<>();
        for (int o = 0; o < plan.ops.size(); o++) {
            PreprocessingOp op = plan.ops.get(o);
            int[] slots = plan.slots[o];
            PreprocessingOp fitted = op.fitted() ? op : fitOne(plan, o, rows, imputed);
            if (fitted instanceof PreprocessingOp.Impute impute) {
                double[] values = inlineValues(impute.values(), "preprocessing[" + o + "].values");
                for (int f = 0; f < slots.length; f++) {
                    imputed[slots[f]] = values[f];
                }
            }
            result.add(fitted);
        }
        return plan.implicit ? List.of() : List.copyOf(result);
    }

    private static PreprocessingOp fitOne(Plan plan, int o, Iterable<? extends Map<String, ?>> rows,
            double[] imputed) {
        PreprocessingOp op = plan.ops.get(o);
        int[] slots = plan.slots[o];
        int n = slots.length;
        boolean impute = op instanceof PreprocessingOp.Impute;
        long[] count = new long[n];
        double[] mean = new double[n];
        double[] m2 = new double[n];
        double[] min = new double[n];
        double[] max = new double[n];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        int r = 0;
        for (Map<String, ?> row : rows) {
            for (int f = 0; f < n; f++) {
                String name = plan.inputs.get(slots[f]).name();
                double x;
                try {
                    x = RowValues.number(row.get(name), name);
                } catch (InvalidInputException e) {
                    throw new InvalidInputException("row " + r + ": " + e.getMessage());
                }
                if (Double.isNaN(x)) {
                    x = imputed[slots[f]];
                }
                if (Double.isNaN(x)) {
                    if (impute) {
                        continue;
                    }
                    throw new InvalidInputException("row " + r + ": input \"" + name + "\" is missing; add an impute"
                            + " op before " + Plan.describe(plan.ops, o) + " or fix the data");
                }
                // Welford's update: one pass, no catastrophic cancellation for large offsets.
                count[f]++;
                double delta = x - mean[f];
                mean[f] += delta / count[f];
                m2[f] += delta * (x - mean[f]);
                min[f] = Math.min(min[f], x);
                max[f] = Math.max(max[f], x);
            }
            r++;
        }
        for (int f = 0; f < n; f++) {
            if (count[f] == 0) {
                throw new InvalidInputException("cannot fit " + Plan.describe(plan.ops, o) + " for input \""
                        + op.features().get(f) + "\": " + (r == 0 ? "there are no rows" : "every row is missing it"));
            }
        }
        if (impute) {
            return new PreprocessingOp.Impute(op.features(), ArrayRef.inline(mean));
        }
        if (op instanceof PreprocessingOp.Standardize) {
            double[] std = new double[n];
            for (int f = 0; f < n; f++) {
                std[f] = Math.sqrt(m2[f] / count[f]);
            }
            return new PreprocessingOp.Standardize(op.features(), ArrayRef.inline(mean), ArrayRef.inline(std));
        }
        if (op instanceof PreprocessingOp.MinMax) {
            return new PreprocessingOp.MinMax(op.features(), ArrayRef.inline(min), ArrayRef.inline(max));
        }
        throw new IllegalStateException("op " + op.op() + " has nothing to fit");
    }

    private static double[] inlineValues(ArrayRef ref, String location) {
        if (ref instanceof ArrayRef.Inline inline) {
            return inline.values();
        }
        throw new IllegalArgumentException(location + ": refers to file " + ref
                + "; fitting needs impute values inline (or an unfitted impute op)");
    }
}
