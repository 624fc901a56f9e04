package io.ctkit.data;

import java.time.Instant;
import java.util.Objects;

/**
 * A dataset divided into training, validation and test parts. Every part keeps the rows in
 * their order in the source dataset. The algorithms are fixed and documented (see
 * {@code docs/datasets.md}) so a split can be reproduced outside ctkit:
 * <ul>
 *   <li>{@link #random}: rows ordered by the first 8 bytes (unsigned, big-endian) of
 *       SHA-256 of {@code seed} and the row index (each an 8-byte big-endian signed long),
 *       ties by row index; the first rows go to train, then validation, then test.</li>
 *   <li>{@link #stratified}: the same, within each class of the label separately.</li>
 *   <li>{@link #byTime(Dataset, String, Instant, Instant)} and {@link #byTimeFraction}:
 *       by a time column.</li>
 * </ul>
 *
 * @param train      the training rows
 * @param validation the validation rows (possibly empty)
 * @param test       the test rows (possibly empty)
 */
public record Split(Dataset train, Dataset validation, Dataset test) {

    public Split {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
    }

    /** A seeded random split; the same seed and data give the same split on any JVM. */
    public static Split random(Dataset data, long seed, SplitFractions fractions) {
        return of(data, Splitting.random(data.rowCount(), seed, fractions));
    }

    /**
     * A seeded random split that keeps each class's share in every part (up to rounding);
     * needs a classification label. Missing labels (kept as missing) form their own class.
     */
    public static Split stratified(Dataset data, long seed, SplitFractions fractions) {
        return of(data, Splitting.stratified(data.labels(), seed, fractions));
    }

    /**
     * Rows with time before {@code validationStart} go to train, rows from
     * {@code validationStart} up to (not including) {@code testStart} to validation, the rest
     * to test. Pass equal instants for no validation part.
     *
     * @throws IllegalArgumentException when a row has no time, or the instants are out of order
     */
    public static Split byTime(Dataset data, String timeColumn, Instant validationStart,
                               Instant testStart) {
        return of(data, Splitting.byCutoffs(data.times(timeColumn), timeColumn, validationStart,
                testStart));
    }

    /** Rows before {@code cutoff} go to train, the rest to test. */
    public static Split byTime(Dataset data, String timeColumn, Instant cutoff) {
        return byTime(data, timeColumn, cutoff, cutoff);
    }

    /**
     * The earliest rows go to train, the following to validation and the latest to test, in
     * the proportions given; rows with equal times are ordered by row index.
     */
    public static Split byTimeFraction(Dataset data, String timeColumn, SplitFractions fractions) {
        return of(data, Splitting.byTimeOrder(data.times(timeColumn), timeColumn, fractions));
    }

    private static Split of(Dataset data, int[][] parts) {
        return new Split(data.select(parts[0]), data.select(parts[1]), data.select(parts[2]));
    }
}
