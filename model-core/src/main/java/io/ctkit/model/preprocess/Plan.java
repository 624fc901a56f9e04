package io.ctkit.model.preprocess;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The checked structure of a preprocessing list: which input slot each op's features refer to,
 * and the rule that every input is consumed exactly once. Errors name the place in
 * {@code model.json} (e.g. {@code preprocessing[1].features[0]}).
 */
final class Plan {

    final List<InputSpec> inputs;
    final List<PreprocessingOp> ops;
    final int[][] slots;
    /** True when {@code ops} is the passthrough implied by an empty preprocessing list. */
    final boolean implicit;

    private Plan(List<InputSpec> inputs, List<PreprocessingOp> ops, int[][] slots, boolean implicit) {
        this.inputs = inputs;
        this.ops = ops;
        this.slots = slots;
        this.implicit = implicit;
    }

    static Plan of(List<InputSpec> inputs, List<PreprocessingOp> ops) {
        inputs = List.copyOf(inputs);
        ops = List.copyOf(ops);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("inputs: a model needs at least one input");
        }
        Map<String, Integer> slotByName = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Integer previous = slotByName.putIfAbsent(inputs.get(i).name(), i);
            if (previous != null) {
                throw new IllegalArgumentException("inputs[" + i + "].name: \"" + inputs.get(i).name()
                        + "\" is already the name of inputs[" + previous + "]");
            }
        }
        if (ops.isEmpty()) {
            return implicitPassthrough(inputs);
        }
        int[] consumedBy = new int[inputs.size()];
        int[] imputedBy = new int[inputs.size()];
        Arrays.fill(consumedBy, -1);
        Arrays.fill(imputedBy, -1);
        int[][] slots = new int[ops.size()][];
        for (int o = 0; o < ops.size(); o++) {
            PreprocessingOp op = ops.get(o);
            List<String> features = op.features();
            slots[o] = new int[features.size()];
            for (int f = 0; f < features.size(); f++) {
                String where = "preprocessing[" + o + "].features[" + f + "]: ";
                Integer slot = slotByName.get(features.get(f));
                if (slot == null) {
                    throw new IllegalArgumentException(where + "unknown input \"" + features.get(f)
                            + "\"; inputs are " + names(inputs));
                }
                InputSpec input = inputs.get(slot);
                String wanted = acceptedType(op);
                if (!input.type().equals(wanted)) {
                    throw new IllegalArgumentException(where + op.op() + " applies to " + wanted
                            + " inputs, but \"" + input.name() + "\" is a " + input.type() + " input");
                }
                if (op instanceof PreprocessingOp.Impute) {
                    if (consumedBy[slot] >= 0) {
                        throw new IllegalArgumentException(where + "input \"" + input.name()
                                + "\" is imputed after " + describe(ops, consumedBy[slot])
                                + " consumed it; move the impute op before it");
                    }
                    if (imputedBy[slot] >= 0) {
                        throw new IllegalArgumentException(where + "input \"" + input.name()
                                + "\" is already imputed by " + describe(ops, imputedBy[slot]));
                    }
                    imputedBy[slot] = o;
                } else {
                    if (consumedBy[slot] >= 0) {
                        throw new IllegalArgumentException(where + "input \"" + input.name()
                                + "\" is already consumed by " + describe(ops, consumedBy[slot])
                                + "; each input must be consumed by exactly one op");
                    }
                    consumedBy[slot] = o;
                }
                slots[o][f] = slot;
            }
        }
        for (int i = 0; i < inputs.size(); i++) {
            if (consumedBy[i] < 0) {
                InputSpec input = inputs.get(i);
                throw new IllegalArgumentException("preprocessing: input \"" + input.name() + "\" ("
                        + input.type() + ") is not consumed by any op; every input must be consumed exactly once"
                        + " (e.g. by " + suggestedOp(input) + ")");
            }
        }
        return new Plan(inputs, ops, slots, false);
    }

    private static Plan implicitPassthrough(List<InputSpec> inputs) {
        int[] all = new int[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            InputSpec input = inputs.get(i);
            if (!(input instanceof InputSpec.NumberInput)) {
                throw new IllegalArgumentException("inputs[" + i + "]: \"" + input.name() + "\" is a "
                        + input.type() + " input, so the model needs a preprocessing list that consumes it (e.g. "
                        + suggestedOp(input) + "); without preprocessing every input must be a number");
            }
            all[i] = i;
        }
        List<String> names = inputs.stream().map(InputSpec::name).collect(Collectors.toList());
        return new Plan(inputs, List.of(new PreprocessingOp.Passthrough(names)), new int[][] {all}, true);
    }

    static String acceptedType(PreprocessingOp op) {
        if (op instanceof PreprocessingOp.OneHot) {
            return "category";
        }
        if (op instanceof PreprocessingOp.HashText) {
            return "text";
        }
        return "number";
    }

    private static String suggestedOp(InputSpec input) {
        if (input instanceof InputSpec.CategoryInput) {
            return "one_hot";
        }
        if (input instanceof InputSpec.TextInput) {
            return "hash";
        }
        return "standardize, min_max or passthrough";
    }

    static String describe(List<PreprocessingOp> ops, int index) {
        return "preprocessing[" + index + "] (" + ops.get(index).op() + ")";
    }

    static String names(List<InputSpec> inputs) {
        return inputs.stream().map(InputSpec::name).collect(Collectors.joining(", "));
    }
}
