package io.ctkit.model.preprocess;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One step of the {@code preprocessing} list in {@code model.json}.
 *
 * <p>Every op names the inputs it works on in {@code features}. {@link Impute} rewrites missing
 * numbers in place and adds no columns; every other op <em>consumes</em> its inputs and appends
 * columns to the feature vector, in op order and, within an op, in {@code features} order. Each
 * input must be consumed by exactly one op.
 *
 * <p>Vector parameters ({@code mean}, {@code std}, {@code min}, {@code max}, {@code values}) have
 * one value per feature. A {@code null} parameter means "not fitted yet": such an op can be
 * given to {@link FeatureEncoder#fit} but not to {@link FeatureEncoder#of}.
 */
public sealed interface PreprocessingOp permits PreprocessingOp.Standardize, PreprocessingOp.MinMax,
        PreprocessingOp.Impute, PreprocessingOp.OneHot, PreprocessingOp.HashText, PreprocessingOp.Passthrough {

    /** The op's name as written in {@code model.json}, e.g. {@code standardize}. */
    String op();

    /** The inputs this op applies to. */
    List<String> features();

    /** The op's vector parameters by JSON field name, in JSON order; values may be {@code null}. */
    default Map<String, ArrayRef> arrays() {
        return Map.of();
    }

    /** Whether every vector parameter is present. */
    default boolean fitted() {
        return arrays().values().stream().allMatch(Objects::nonNull);
    }

    /** {@code (x - mean) / std} for number inputs; a {@code std} of 0 divides by 1 instead. */
    record Standardize(List<String> features, ArrayRef mean, ArrayRef std) implements PreprocessingOp {
        public Standardize {
            features = checkFeatures(features);
        }

        /** An unfitted op; {@link FeatureEncoder#fit} fills in mean and population std. */
        public static Standardize of(String... features) {
            return new Standardize(List.of(features), null, null);
        }

        @Override
        public String op() {
            return "standardize";
        }

        @Override
        public Map<String, ArrayRef> arrays() {
            return params("mean", mean, "std", std);
        }
    }

    /** {@code (x - min) / (max - min)} for number inputs; if {@code max == min} divides by 1. No clipping. */
    record MinMax(List<String> features, ArrayRef min, ArrayRef max) implements PreprocessingOp {
        public MinMax {
            features = checkFeatures(features);
        }

        /** An unfitted op; {@link FeatureEncoder#fit} fills in min and max. */
        public static MinMax of(String... features) {
            return new MinMax(List.of(features), null, null);
        }

        @Override
        public String op() {
            return "min_max";
        }

        @Override
        public Map<String, ArrayRef> arrays() {
            return params("min", min, "max", max);
        }
    }

    /** Replaces a missing number input with {@code values[i]}; adds no columns. */
    record Impute(List<String> features, ArrayRef values) implements PreprocessingOp {
        public Impute {
            features = checkFeatures(features);
        }

        /** An unfitted op; {@link FeatureEncoder#fit} fills in the mean of the present values. */
        public static Impute of(String... features) {
            return new Impute(List.of(features), null);
        }

        /** Imputes the given constants. */
        public static Impute constant(List<String> features, double... values) {
            return new Impute(features, ArrayRef.inline(values));
        }

        @Override
        public String op() {
            return "impute";
        }

        @Override
        public Map<String, ArrayRef> arrays() {
            return params("values", values, null, null);
        }
    }

    /**
     * One column per value of each category input, 1 for the input's value and 0 elsewhere. A
     * missing or unknown value gives all zeros.
     */
    record OneHot(List<String> features) implements PreprocessingOp {
        public OneHot {
            features = checkFeatures(features);
        }

        public static OneHot of(String... features) {
            return new OneHot(List.of(features));
        }

        @Override
        public String op() {
            return "one_hot";
        }
    }

    /**
     * One column per bucket of each text input ({@link InputSpec.TextInput#buckets()}), holding
     * the number of the text's tokens that hash into the bucket ({@link Mode#COUNT}) or 1 if any
     * does ({@link Mode#BINARY}). Tokenizing and hashing: {@link TextHashing}.
     */
    record HashText(List<String> features, Mode mode) implements PreprocessingOp {
        public HashText {
            features = checkFeatures(features);
            Objects.requireNonNull(mode, "mode");
        }

        public static HashText of(String... features) {
            return new HashText(List.of(features), Mode.COUNT);
        }

        @Override
        public String op() {
            return "hash";
        }

        /** What a bucket's column holds. */
        public enum Mode {
            /** The number of tokens in the bucket. */
            COUNT("count"),
            /** 1 if any token is in the bucket, else 0. */
            BINARY("binary");

            private final String jsonName;

            Mode(String jsonName) {
                this.jsonName = jsonName;
            }

            public String jsonName() {
                return jsonName;
            }

            public static Mode fromJsonName(String name) {
                return Arrays.stream(values()).filter(m -> m.jsonName.equals(name)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(
                                "unknown hash mode \"" + name + "\"; expected count or binary"));
            }
        }
    }

    /** Number inputs copied unchanged. */
    record Passthrough(List<String> features) implements PreprocessingOp {
        public Passthrough {
            features = checkFeatures(features);
        }

        public static Passthrough of(String... features) {
            return new Passthrough(List.of(features));
        }

        @Override
        public String op() {
            return "passthrough";
        }
    }

    private static List<String> checkFeatures(List<String> features) {
        List<String> copy = List.copyOf(Objects.requireNonNull(features, "features"));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("features must not be empty");
        }
        return copy;
    }

    private static Map<String, ArrayRef> params(String name1, ArrayRef value1, String name2, ArrayRef value2) {
        Map<String, ArrayRef> params = new LinkedHashMap<>();
        params.put(name1, value1);
        if (name2 != null) {
            params.put(name2, value2);
        }
        return Collections.unmodifiableMap(params);
    }
}
