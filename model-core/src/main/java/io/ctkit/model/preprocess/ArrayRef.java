package io.ctkit.model.preprocess;

import java.util.Arrays;
import java.util.Objects;

/**
 * A vector parameter of a preprocessing op: either a {@code .npy} file in the bundle (JSON: a
 * string such as {@code "weights/mean.npy"}) or values written inline (JSON: an array of
 * numbers).
 */
public sealed interface ArrayRef permits ArrayRef.File, ArrayRef.Inline {

    static File file(String path) {
        return new File(path);
    }

    static Inline inline(double... values) {
        return new Inline(values);
    }

    /** A {@code .npy} file, path relative to the bundle root. */
    record File(String path) implements ArrayRef {
        public File {
            Objects.requireNonNull(path, "path");
            if (path.isBlank()) {
                throw new IllegalArgumentException("array file path must not be blank");
            }
        }

        @Override
        public String toString() {
            return path;
        }
    }

    /** Values given inline; copied on construction and access. */
    record Inline(double[] values) implements ArrayRef {
        public Inline {
            values = Objects.requireNonNull(values, "values").clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        /** Number of values. */
        public int length() {
            return values.length;
        }

        /** The value at {@code index}. */
        public double get(int index) {
            return values[index];
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Inline that && Arrays.equals(values, that.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return Arrays.toString(values);
        }
    }
}
