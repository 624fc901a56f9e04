package io.ctkit.drift;

import java.util.Arrays;

/** Input checks shared by all statistics, so every entry point rejects bad data the same way. */
final class Samples {

    private Samples() {
    }

    /** Returns a sorted copy after checking the sample is non-empty and finite. */
    static double[] sortedCopy(double[] values, String role) {
        check(values, role);
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    static void check(double[] values, String role) {
        if (values == null) {
            throw new IllegalArgumentException(role + " sample is null; pass an array of values");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException(role + " sample is empty; drift needs at least one value on each side");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(role + " sample has a non-finite value at index " + i + ": "
                        + values[i] + "; drop or impute missing values before computing drift");
            }
        }
    }

    static void check(String[] values, String role) {
        if (values == null) {
            throw new IllegalArgumentException(role + " sample is null; pass an array of categories");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException(role + " sample is empty; drift needs at least one value on each side");
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new IllegalArgumentException(role + " sample has a null category at index " + i
                        + "; map missing values to an explicit category such as \"<missing>\"");
            }
        }
    }
}
