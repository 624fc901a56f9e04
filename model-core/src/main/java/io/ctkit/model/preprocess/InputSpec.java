package io.ctkit.model.preprocess;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One input of a model, as listed under {@code inputs} in {@code model.json}: a number, a
 * category from a fixed list of values, or free text hashed into buckets.
 */
public sealed interface InputSpec permits InputSpec.NumberInput, InputSpec.CategoryInput, InputSpec.TextInput {

    /** Largest number of hash buckets a text input may have. */
    int MAX_BUCKETS = 1 << 24;

    /** The input's name: the key in a request object, the column in a dataset. */
    String name();

    /** The type as written in {@code model.json}: {@code number}, {@code category} or {@code text}. */
    String type();

    static NumberInput number(String name) {
        return new NumberInput(name);
    }

    static CategoryInput category(String name, List<String> values) {
        return new CategoryInput(name, values);
    }

    static TextInput text(String name, int buckets) {
        return new TextInput(name, buckets);
    }

    /** A numeric input; missing is {@code null}, absent or NaN. */
    record NumberInput(String name) implements InputSpec {
        public NumberInput {
            requireName(name);
        }

        @Override
        public String type() {
            return "number";
        }
    }

    /**
     * A categorical input taking one of {@code values} (distinct, non-empty strings). The order
     * of {@code values} is the order of the one-hot columns.
     */
    record CategoryInput(String name, List<String> values) implements InputSpec {
        public CategoryInput {
            requireName(name);
            values = List.copyOf(Objects.requireNonNull(values, "values"));
            if (values.isEmpty()) {
                throw new IllegalArgumentException("category input \"" + name + "\" needs at least one value");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < values.size(); i++) {
                String value = values.get(i);
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("values[" + i + "] of input \"" + name + "\" is empty");
                }
                if (!seen.add(value)) {
                    throw new IllegalArgumentException(
                            "values[" + i + "] of input \"" + name + "\" repeats \"" + value + "\"");
                }
            }
        }

        @Override
        public String type() {
            return "category";
        }
    }

    /** A free-text input, tokenized and hashed into {@code buckets} columns (see {@link TextHashing}). */
    record TextInput(String name, int buckets) implements InputSpec {
        public TextInput {
            requireName(name);
            if (buckets < 1 || buckets > MAX_BUCKETS) {
                throw new IllegalArgumentException("text input \"" + name + "\" buckets must be between 1 and "
                        + MAX_BUCKETS + ": " + buckets);
            }
        }

        @Override
        public String type() {
            return "text";
        }
    }

    private static void requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("input name must not be blank");
        }
    }
}
