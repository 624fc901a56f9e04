package io.ctkit.model.preprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiled preprocessing: one {@link Step} per op with its parameters resolved, validated and
 * laid out for the scoring loop.
 */
final class Steps {

    /** Applies one op to a row. Numbers are NaN when missing; strings are null when missing. */
    abstract static class Step {
        final int[] slots;
        final String[] names;
        final int column;

        Step(int[] slots, String[] names, int column) {
            this.slots = slots;
            this.names = names;
            this.column = column;
        }

        abstract int width();

        abstract void apply(double[] numbers, String[] strings, double[] out, int offset);

        final double present(double[] numbers, int f) {
            double x = numbers[slots[f]];
            if (Double.isNaN(x)) {
                throw new InvalidInputException("input \"" + names[f]
                        + "\" is missing; send a number or add an impute op for it to the model");
            }
            return x;
        }
    }

    final Step[] steps;
    final int width;
    final List<String> featureNames;

    private Steps(Step[] steps, int width, List<String> featureNames) {
        this.steps = steps;
        this.width = width;
        this.featureNames = featureNames;
    }

    static Steps compile(Plan plan, ArrayResolver resolver) {
        Step[] steps = new Step[plan.ops.size()];
        List<String> featureNames = new ArrayList<>();
        int column = 0;
        for (int o = 0; o < steps.length; o++) {
            PreprocessingOp op = plan.ops.get(o);
            int[] slots = plan.slots[o];
            String[] names = op.features().toArray(String[]::new);
            Params params = new Params(op, "preprocessing[" + o + "].", resolver);
            Step step;
            if (op instanceof PreprocessingOp.Standardize) {
                double[] mean = params.get("mean");
                double[] std = params.get("std");
                params.requireNonNegative("std", std);
                step = new Affine(slots, names, column, mean, divisors(std, new double[std.length]));
            } else if (op instanceof PreprocessingOp.MinMax) {
                double[] min = params.get("min");
                double[] max = params.get("max");
                params.requireOrdered(min, max);
                double[] range = new double[min.length];
                for (int f = 0; f < range.length; f++) {
                    range[f] = max[f] - min[f];
                }
                step = new Affine(slots, names, column, min, divisors(range, range));
            } else if (op instanceof PreprocessingOp.Impute) {
                step = new Impute(slots, names, column, params.get("values"));
            } else if (op instanceof PreprocessingOp.Passthrough) {
                step = new Affine(slots, names, column, new double[slots.length], filled(slots.length, 1.0));
            } else if (op instanceof PreprocessingOp.OneHot) {
                step = new OneHot(slots, names, column, plan.inputs);
            } else {
                PreprocessingOp.HashText hash = (PreprocessingOp.HashText) op;
                step = new Hash(slots, names, column, plan.inputs, hash.mode() == PreprocessingOp.HashText.Mode.BINARY);
            }
            steps[o] = step;
            column += step.width();
            addNames(op, slots, plan.inputs, featureNames);
        }
        return new Steps(steps, column, List.copyOf(featureNames));
    }

    private static void addNames(PreprocessingOp op, int[] slots, List<InputSpec> inputs, List<String> out) {
        for (int slot : slots) {
            InputSpec input = inputs.get(slot);
            if (op instanceof PreprocessingOp.Impute) {
                return;
            } else if (op instanceof PreprocessingOp.OneHot) {
                for (String value : ((InputSpec.CategoryInput) input).values()) {
                    out.add(input.name() + "=" + value);
                }
            } else if (op instanceof PreprocessingOp.HashText) {
                for (int b = 0; b < ((InputSpec.TextInput) input).buckets(); b++) {
                    out.add(input.name() + "#" + b);
                }
            } else {
                out.add(input.name());
            }
        }
    }

    /** A zero spread leaves the value unscaled (as scikit-learn's scalers do). */
    private static double[] divisors(double[] spread, double[] out) {
        for (int f = 0; f < spread.length; f++) {
            out[f] = spread[f] == 0.0 ? 1.0 : spread[f];
        }
        return out;
    }

    private static double[] filled(int length, double value) {
        double[] values = new double[length];
        Arrays.fill(values, value);
        return values;
    }

    /** {@code (x - shift) / divisor}: standardize, min_max and passthrough. */
    static final class Affine extends Step {
        private final double[] shift;
        private final double[] divisor;

        Affine(int[] slots, String[] names, int column, double[] shift, double[] divisor) {
            super(slots, names, column);
            this.shift = shift;
            this.divisor = divisor;
        }

        @Override
        int width() {
            return slots.length;
        }

        @Override
        void apply(double[] numbers, String[] strings, double[] out, int offset) {
            for (int f = 0; f < slots.length; f++) {
                out[offset + column + f] = (present(numbers, f) - shift[f]) / divisor[f];
            }
        }
    }

    static final class Impute extends Step {
        private final double[] values;

        Impute(int[] slots, String[] names, int column, double[] values) {
            super(slots, names, column);
            this.values = values;
        }

        @Override
        int width() {
            return 0;
        }

        @Override
        void apply(double[] numbers, String[] strings, double[] out, int offset) {
            for (int f = 0; f < slots.length; f++) {
                if (Double.isNaN(numbers[slots[f]])) {
                    numbers[slots[f]] = values[f];
                }
            }
        }
    }

    static final class OneHot extends Step {
        private final List<Map<String, Integer>> indices = new ArrayList<>();
        private final int[] starts;
        private final int width;

        OneHot(int[] slots, String[] names, int column, List<InputSpec> inputs) {
            super(slots, names, column);
            starts = new int[slots.length];
            int total = 0;
            for (int f = 0; f < slots.length; f++) {
                List<String> values = ((InputSpec.CategoryInput) inputs.get(slots[f])).values();
                Map<String, Integer> index = new HashMap<>();
                for (int v = 0; v < values.size(); v++) {
                    index.put(values.get(v), v);
                }
                indices.add(index);
                starts[f] = total;
                total += values.size();
            }
            width = total;
        }

        @Override
        int width() {
            return width;
        }

        @Override
        void apply(double[] numbers, String[] strings, double[] out, int offset) {
            Arrays.fill(out, offset + column, offset + column + width, 0.0);
            for (int f = 0; f < slots.length; f++) {
                String value = strings[slots[f]];
                Integer hit = value == null ? null : indices.get(f).get(value);
                if (hit != null) {
                    out[offset + column + starts[f] + hit] = 1.0;
                }
            }
        }
    }

    static final class Hash extends Step {
        private final int[] buckets;
        private final int[] starts;
        private final int width;
        private final boolean binary;

        Hash(int[] slots, String[] names, int column, List<InputSpec> inputs, boolean binary) {
            super(slots, names, column);
            this.binary = binary;
            buckets = new int[slots.length];
            starts = new int[slots.length];
            int total = 0;
            for (int f = 0; f < slots.length; f++) {
                buckets[f] = ((InputSpec.TextInput) inputs.get(slots[f])).buckets();
                starts[f] = total;
                total += buckets[f];
            }
            width = total;
        }

        @Override
        int width() {
            return width;
        }

        @Override
        void apply(double[] numbers, String[] strings, double[] out, int offset) {
            Arrays.fill(out, offset + column, offset + column + width, 0.0);
            for (int f = 0; f < slots.length; f++) {
                String text = strings[slots[f]];
                if (text == null) {
                    continue;
                }
                int base = offset + column + starts[f];
                int count = buckets[f];
                TextHashing.forEachToken(text, token -> {
                    int index = base + TextHashing.bucket(token, count);
                    out[index] = binary ? 1.0 : out[index] + 1.0;
                });
            }
        }
    }
}
