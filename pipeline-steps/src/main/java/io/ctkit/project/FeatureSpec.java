package io.ctkit.project;

import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code features:}: a schema column the model takes and how it is turned into
 * feature columns. The fitted parameters (means, ranges) come from the training data only and
 * are written into the bundle.
 *
 * @param name the column, as in the schema
 * @param transform standardize, min_max, passthrough (numbers), one_hot (categories), hash (text)
 * @param impute how a missing number is filled before the transform: {@code null} (missing is an
 *     error), {@link Impute#mean()} or a constant
 * @param buckets hash buckets of a text feature ({@code null} for other transforms)
 * @param binary for hash: 1 if any token falls in a bucket instead of the token count
 */
public record FeatureSpec(String name, Transform transform, Impute impute, Integer buckets, boolean binary) {

    public FeatureSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(transform, "transform");
    }

    /** The preprocessing op a feature goes through. */
    public enum Transform {
        STANDARDIZE("standardize"), MIN_MAX("min_max"), PASSTHROUGH("passthrough"), ONE_HOT("one_hot"), HASH("hash");

        private final String key;

        Transform(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public boolean numeric() {
            return this == STANDARDIZE || this == MIN_MAX || this == PASSTHROUGH;
        }

        static List<String> keys() {
            return java.util.Arrays.stream(values()).map(Transform::key).toList();
        }

        static Transform fromKey(String key) {
            return java.util.Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst().orElseThrow();
        }
    }

    /** Filling a missing number: the training mean, or a constant. */
    public record Impute(Double constant) {
        public static Impute mean() {
            return new Impute(null);
        }

        public boolean isMean() {
            return constant == null;
        }
    }
}
