package io.ctkit.data;

/**
 * The shares of rows for training, validation and test; each in [0, 1], summing to 1
 * (within 1e-9). Row counts are apportioned by the largest-remainder rule described in
 * {@code docs/datasets.md}.
 */
public record SplitFractions(double train, double validation, double test) {

    public SplitFractions {
        check("train", train);
        check("validation", validation);
        check("test", test);
        double sum = train + validation + test;
        if (Math.abs(sum - 1.0) > 1e-9) {
            throw new IllegalArgumentException("split fractions must sum to 1, but " + train + " + "
                    + validation + " + " + test + " = " + sum);
        }
    }

    /** Train/validation/test fractions. */
    public static SplitFractions of(double train, double validation, double test) {
        return new SplitFractions(train, validation, test);
    }

    /** Train/test fractions with no validation part. */
    public static SplitFractions trainTest(double train, double test) {
        return new SplitFractions(train, 0, test);
    }

    /**
     * Row counts for {@code n} rows: floor of {@code n × fraction} each, then the rows left
     * over go one each to the parts with the largest fractional remainders (ties: train,
     * validation, test order).
     */
    int[] counts(int n) {
        double[] exact = {n * train, n * validation, n * test};
        int[] counts = new int[3];
        int left = n;
        for (int k = 0; k < 3; k++) {
            counts[k] = (int) Math.floor(exact[k]);
            left -= counts[k];
        }
        while (left > 0) {
            int best = -1;
            double bestRemainder = -1;
            for (int k = 0; k < 3; k++) {
                double remainder = exact[k] - Math.floor(exact[k]);
                if (remainder > bestRemainder) {
                    best = k;
                    bestRemainder = remainder;
                }
            }
            counts[best]++;
            exact[best] = Math.floor(exact[best]); // one extra row per part at most
            left--;
        }
        return counts;
    }

    private static void check(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " fraction must be in [0, 1]: " + value);
        }
    }
}
