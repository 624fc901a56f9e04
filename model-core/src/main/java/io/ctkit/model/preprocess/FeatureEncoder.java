package io.ctkit.model.preprocess;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns rows of input values into feature vectors: the compiled {@code preprocessing} list of a
 * model. The scoring path ({@link #encode}) and the training path ({@link #fit} then
 * {@link #encode}) run this same code.
 *
 * <p>The feature vector is the concatenation of the columns of the consuming ops, in op order,
 * and within an op in {@code features} order; {@link #featureNames()} names each column. With no
 * ops (all inputs numbers), it is the inputs in declared order.
 *
 * <p>Rows come either as maps keyed by input name (numbers as {@link Number}, categories and
 * text as strings; {@code null} or an absent key is missing; keys that are not inputs are an
 * error), or, for models whose inputs are all numbers, as {@code double} rows in declared input
 * order with NaN for missing. Immutable and thread-safe.
 */
public final class FeatureEncoder {

    private final List<InputSpec> inputs;
    private final List<PreprocessingOp> ops;
    private final Steps compiled;
    private final boolean numeric;

    private FeatureEncoder(Plan plan, List<PreprocessingOp> ops, Steps compiled) {
        this.inputs = plan.inputs;
        this.ops = ops;
        this.compiled = compiled;
        this.numeric = plan.inputs.stream().allMatch(i -> i instanceof InputSpec.NumberInput);
    }

    /**
     * Compiles fitted ops whose parameters are all inline.
     *
     * @throws IllegalArgumentException naming the place in {@code model.json} that is wrong
     */
    public static FeatureEncoder of(List<InputSpec> inputs, List<PreprocessingOp> ops) {
        return of(inputs, ops, null);
    }

    /**
     * Compiles fitted ops, reading file parameters through {@code resolver}.
     *
     * @throws IllegalArgumentException naming the place in {@code model.json} that is wrong
     */
    public static FeatureEncoder of(List<InputSpec> inputs, List<PreprocessingOp> ops, ArrayResolver resolver) {
        Plan plan = Plan.of(inputs, ops);
        return new FeatureEncoder(plan, List.copyOf(ops), Steps.compile(plan, resolver));
    }

    /**
     * Fits the unfitted ops on training rows, in op order: each op sees the rows as the ops
     * before it leave them (an impute op fills values before a later standardize is fitted).
     * Impute fits the mean of the present values, standardize the mean and population standard
     * deviation, min_max the minimum and maximum. Ops already fitted are kept as they are.
     *
     * @param rows training rows; iterated once per op to fit
     * @return the ops with every parameter inline, ready for {@link #of(List, List)}
     * @throws InvalidInputException if a row does not fit the inputs, or a value needed for
     *     fitting is missing
     */
    public static List<PreprocessingOp> fit(List<InputSpec> inputs, List<PreprocessingOp> ops,
            Iterable<? extends Map<String, ?>> rows) {
        return Fitter.fit(Plan.of(inputs, ops), rows);
    }

    public List<InputSpec> inputs() {
        return inputs;
    }

    /** The ops as given (empty when the feature vector is the numeric inputs in order). */
    public List<PreprocessingOp> ops() {
        return ops;
    }

    /** Length of the feature vector. */
    public int width() {
        return compiled.width;
    }

    /** One name per feature column: the input name, {@code input=value} (one_hot), {@code input#bucket} (hash). */
    public List<String> featureNames() {
        return compiled.featureNames;
    }

    /** Whether every input is a number, so {@link #encodeNumeric} applies. */
    public boolean numericOnly() {
        return numeric;
    }

    /** Encodes one row into a new feature vector. */
    public double[] encode(Map<String, ?> row) {
        double[] out = new double[compiled.width];
        encodeRow(row, new double[inputs.size()], new String[inputs.size()], out, 0);
        return out;
    }

    /**
     * Encodes rows into {@code out}, row-major {@code [rows.size(), width()]}.
     *
     * @throws InvalidInputException naming the row (0-based) and input
     */
    public void encode(List<? extends Map<String, ?>> rows, double[] out) {
        requireRoom(out.length, rows.size());
        double[] numbers = new double[inputs.size()];
        String[] strings = new String[inputs.size()];
        for (int r = 0; r < rows.size(); r++) {
            try {
                encodeRow(rows.get(r), numbers, strings, out, r * compiled.width);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(r, e);
            }
        }
    }

    /**
     * Encodes all-number rows: {@code values} is row-major {@code [rows, inputs().size()]} in
     * declared input order, NaN for a missing value; {@code out} receives
     * {@code [rows, width()]}. {@code values} is not modified.
     *
     * @throws IllegalStateException if some input is not a number
     * @throws InvalidInputException naming the row and input
     */
    public void encodeNumeric(double[] values, int rows, double[] out) {
        if (!numeric) {
            throw new IllegalStateException("encodeNumeric needs every input to be a number, but "
                    + inputs.stream().filter(i -> !(i instanceof InputSpec.NumberInput))
                            .map(i -> "\"" + i.name() + "\" is a " + i.type()).findFirst().orElseThrow()
                    + "; pass rows as maps instead");
        }
        int n = inputs.size();
        if (rows < 0 || values.length < (long) rows * n) {
            throw new IllegalArgumentException("values has " + values.length + " numbers; " + rows + " rows of "
                    + n + " inputs need " + (long) rows * n);
        }
        requireRoom(out.length, rows);
        double[] numbers = new double[n];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values, r * n, numbers, 0, n);
            try {
                for (int i = 0; i < n; i++) {
                    RowValues.checkFinite(numbers[i], inputs.get(i).name());
                }
                apply(numbers, null, out, r * compiled.width);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(r, e);
            }
        }
    }

    private void encodeRow(Map<String, ?> row, double[] numbers, String[] strings, double[] out, int offset) {
        Objects.requireNonNull(row, "row");
        int known = 0;
        for (int i = 0; i < numbers.length; i++) {
            InputSpec input = inputs.get(i);
            Object value = row.get(input.name());
            if (value != null || row.containsKey(input.name())) {
                known++;
            }
            if (input instanceof InputSpec.NumberInput) {
                numbers[i] = RowValues.number(value, input.name());
            } else if (input instanceof InputSpec.CategoryInput) {
                strings[i] = RowValues.category(value, input.name());
            } else {
                strings[i] = RowValues.text(value, input.name());
            }
        }
        if (known != row.size()) {
            throw new InvalidInputException("unknown input " + unknownKeys(row) + "; the model's inputs are "
                    + Plan.names(inputs));
        }
        apply(numbers, strings, out, offset);
    }

    private void apply(double[] numbers, String[] strings, double[] out, int offset) {
        for (Steps.Step step : compiled.steps) {
            step.apply(numbers, strings, out, offset);
        }
    }

    private String unknownKeys(Map<String, ?> row) {
        Set<String> unknown = new TreeSet<>();
        for (Object key : row.keySet()) {
            if (inputs.stream().noneMatch(i -> i.name().equals(key))) {
                unknown.add("\"" + key + "\"");
            }
        }
        return String.join(", ", unknown);
    }

    private void requireRoom(int length, int rows) {
        if ((long) rows * compiled.width > length) {
            throw new IllegalArgumentException("out has room for " + length + " values; " + rows + " rows of "
                    + compiled.width + " features need " + (long) rows * compiled.width);
        }
    }

    @Override
    public String toString() {
        return "FeatureEncoder[" + inputs.size() + " inputs -> " + compiled.width + " features, ops "
                + Arrays.toString(ops.stream().map(PreprocessingOp::op).toArray()) + "]";
    }
}
