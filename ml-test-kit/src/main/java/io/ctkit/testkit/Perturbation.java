package io.ctkit.testkit;

import io.ctkit.testkit.internal.quality.NamedPerturbation;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * A change to one row of input, for behavioural tests in the manner of CheckList: the row is a map
 * from column name to value (a {@code Double} for numbers, a {@code String} for categories and
 * text, {@code null} when missing), and a perturbation returns a changed copy. Seeded ones are the
 * same on every run: a row's randomness comes from the seed and the row's index only.
 *
 * <pre>{@code
 * Perturbation.scale("spend", 1.2)                  // numbers
 * Perturbation.noise("spend", 0.5, 7)               // Gaussian noise, standard deviation 0.5, seed 7
 * Perturbation.swap("channel", "search", "video")   // a category
 * Perturbation.typo("review", 7)                    // text
 * Perturbation.of("double the spend", row -> { row.put("spend", 2 * (Double) row.get("spend")); return row; })
 * }</pre>
 */
public interface Perturbation {

    /** What the perturbation does, for messages: {@code scale spend by 1.2}. */
    String description();

    /**
     * The perturbed copy of {@code row}, the {@code index}-th row of the data.
     *
     * @throws IllegalArgumentException when the row has no such column or a value of another type
     */
    Map<String, Object> apply(Map<String, Object> row, int index);

    /** A custom perturbation; {@code change} receives a mutable copy of the row and returns the changed row. */
    static Perturbation of(String description, UnaryOperator<Map<String, Object>> change) {
        Objects.requireNonNull(change, "change");
        return new NamedPerturbation(description, (row, index) -> change.apply(row));
    }

    /** Sets {@code column} to {@code value} (a number, a category or a text) on every row. */
    static Perturbation set(String column, Object value) {
        return new NamedPerturbation("set " + column + " to " + value, (row, index) -> {
            require(row, column);
            row.put(column, value instanceof Number n ? (Object) n.doubleValue() : value);
            return row;
        });
    }

    /** Multiplies the number in {@code column} by {@code factor}; a missing value stays missing. */
    static Perturbation scale(String column, double factor) {
        return new NamedPerturbation("scale " + column + " by " + factor, (row, index) -> {
            Double v = number(row, column);
            row.put(column, v == null ? null : v * factor);
            return row;
        });
    }

    /** Adds Gaussian noise of standard deviation {@code sd} to the number in {@code column}, seeded. */
    static Perturbation noise(String column, double sd, long seed) {
        if (!(sd >= 0) || Double.isInfinite(sd)) {
            throw new IllegalArgumentException("noise on " + column + ": the standard deviation must be a number >= 0,"
                    + " got " + sd);
        }
        return new NamedPerturbation("add noise (sd " + sd + ", seed " + seed + ") to " + column, (row, index) -> {
            Double v = number(row, column);
            row.put(column, v == null ? null : v + sd * new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index).nextGaussian());
            return row;
        });
    }

    /** Replaces the category {@code from} with {@code to} in {@code column}, and {@code to} with {@code from}. */
    static Perturbation swap(String column, String from, String to) {
        return new NamedPerturbation("swap " + column + " " + from + " and " + to, (row, index) -> {
            Object v = require(row, column);
            row.put(column, from.equals(v) ? to : to.equals(v) ? from : v);
            return row;
        });
    }

    /** The text in {@code column} in lower case. */
    static Perturbation lowerCase(String column) {
        return text("lower-case " + column, column, (s, index) -> s.toLowerCase(Locale.ROOT));
    }

    /** The text in {@code column} in upper case. */
    static Perturbation upperCase(String column) {
        return text("upper-case " + column, column, (s, index) -> s.toUpperCase(Locale.ROOT));
    }

    /**
     * One typo in the text in {@code column}: two adjacent letters swapped at a seeded position, as
     * CheckList's {@code add_typos}; a text shorter than two letters is left alone.
     */
    static Perturbation typo(String column, long seed) {
        return text("a typo (seed " + seed + ") in " + column, column, (s, index) -> {
            if (s.length() < 2) {
                return s;
            }
            int at = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index).nextInt(s.length() - 1);
            char[] c = s.toCharArray();
            char t = c[at];
            c[at] = c[at + 1];
            c[at + 1] = t;
            return new String(c);
        });
    }

    private static Perturbation text(String description, String column,
            BiFunction<String, Integer, String> change) {
        return new NamedPerturbation(description, (row, index) -> {
            Object v = require(row, column);
            if (v != null && !(v instanceof String)) {
                throw new IllegalArgumentException(description + ": column " + column + " holds " + v
                        + ", not a text");
            }
            row.put(column, v == null ? null : change.apply((String) v, index));
            return row;
        });
    }

    private static Object require(Map<String, Object> row, String column) {
        if (!row.containsKey(column)) {
            throw new IllegalArgumentException("no column \"" + column + "\" to perturb; the rows have " + row.keySet());
        }
        return row.get(column);
    }

    private static Double number(Map<String, Object> row, String column) {
        Object v = require(row, column);
        if (v != null && !(v instanceof Double)) {
            throw new IllegalArgumentException("column " + column + " holds \"" + v + "\", not a number; scale and"
                    + " noise change numbers, swap and set change categories");
        }
        return (Double) v;
    }
}
