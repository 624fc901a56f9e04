package io.ctkit.metrics;

import java.util.Arrays;

/** A K x K confusion matrix: {@code count(t, p)} rows whose true class is t were predicted as p. */
public final class ConfusionMatrix {

    private final int classes;
    private final long[] counts;

    private ConfusionMatrix(int classes, long[] counts) {
        this.classes = classes;
        this.counts = counts;
    }

    /** A copy of {@code counts[true][predicted]}; square, at least 2 x 2, no negative count. */
    public static ConfusionMatrix of(long[][] counts) {
        int k = counts.length;
        if (k < 2) {
            throw new IllegalArgumentException("a confusion matrix needs at least 2 classes, got " + k);
        }
        long[] flat = new long[k * k];
        for (int t = 0; t < k; t++) {
            if (counts[t] == null || counts[t].length != k) {
                throw new IllegalArgumentException("confusion matrix row " + t + " has "
                        + (counts[t] == null ? "no" : String.valueOf(counts[t].length)) + " columns, expected " + k);
            }
            for (int p = 0; p < k; p++) {
                if (counts[t][p] < 0) {
                    throw new IllegalArgumentException("confusion matrix [" + t + "][" + p + "] = " + counts[t][p]
                            + ": counts cannot be negative");
                }
                flat[t * k + p] = counts[t][p];
            }
        }
        return new ConfusionMatrix(k, flat);
    }

    static ConfusionMatrix ofFlat(int classes, long[] counts) {
        return new ConfusionMatrix(classes, counts.clone());
    }

    public int classes() {
        return classes;
    }

    /** Rows of true class {@code trueClass} predicted as {@code predictedClass}. */
    public long count(int trueClass, int predictedClass) {
        return counts[index(trueClass) * classes + index(predictedClass)];
    }

    /** Rows whose true class is {@code trueClass}. */
    public long trueCount(int trueClass) {
        long sum = 0;
        for (int p = 0; p < classes; p++) {
            sum += count(trueClass, p);
        }
        return sum;
    }

    /** Rows predicted as {@code predictedClass}. */
    public long predictedCount(int predictedClass) {
        long sum = 0;
        for (int t = 0; t < classes; t++) {
            sum += count(t, predictedClass);
        }
        return sum;
    }

    public long total() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    /** A copy as {@code [true][predicted]}. */
    public long[][] toArray() {
        long[][] out = new long[classes][];
        for (int t = 0; t < classes; t++) {
            out[t] = Arrays.copyOfRange(counts, t * classes, (t + 1) * classes);
        }
        return out;
    }

    private int index(int cls) {
        if (cls < 0 || cls >= classes) {
            throw new IndexOutOfBoundsException("class " + cls + " is outside 0.." + (classes - 1));
        }
        return cls;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix other && classes == other.classes && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return 31 * classes + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix" + Arrays.deepToString(toArray());
    }
}
