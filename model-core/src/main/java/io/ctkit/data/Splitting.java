package io.ctkit.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The split algorithms, as row-index arrays {train, validation, test}, each ascending. */
final class Splitting {
    private Splitting() {
    }

    static int[][] random(int n, long seed, SplitFractions fractions) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        return assign(List.of(all), seed, fractions);
    }

    static int[][] stratified(String[] labels, long seed, SplitFractions fractions) {
        var strata = new LinkedHashMap<String, List<Integer>>();
        for (int i = 0; i < labels.length; i++) {
            strata.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        var groups = new ArrayList<int[]>();
        for (Map.Entry<String, List<Integer>> e : strata.entrySet()) {
            groups.add(e.getValue().stream().mapToInt(Integer::intValue).toArray());
        }
        return assign(groups, seed, fractions);
    }

    /** Orders each group by hash key and cuts it by the fractions; parts are then merged. */
    private static int[][] assign(List<int[]> groups, long seed, SplitFractions fractions) {
        var parts = List.<List<Integer>>of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        MessageDigest sha = sha256();
        for (int[] group : groups) {
            long[] keys = new long[group.length];
            Integer[] order = new Integer[group.length];
            for (int i = 0; i < group.length; i++) {
                keys[i] = key(sha, seed, group[i]);
                order[i] = i;
            }
            Arrays.sort(order, Comparator.<Integer>comparingLong(i -> keys[i])
                    .thenComparingInt(i -> group[i]));
            int[] counts = fractions.counts(group.length);
            int at = 0;
            for (int k = 0; k < 3; k++) {
                for (int c = 0; c < counts[k]; c++) {
                    parts.get(k).add(group[order[at++]]);
                }
            }
        }
        var out = new int[3][];
        for (int k = 0; k < 3; k++) {
            out[k] = parts.get(k).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return out;
    }

    /**
     * The first 8 bytes of SHA-256(seed ‖ row), read big-endian as unsigned, returned with
     * the sign bit flipped so that signed comparison orders like unsigned comparison.
     */
    static long key(MessageDigest sha, long seed, long row) {
        byte[] input = ByteBuffer.allocate(16).putLong(seed).putLong(row).array();
        long first = ByteBuffer.wrap(sha.digest(input)).getLong();
        return first ^ Long.MIN_VALUE;
    }

    static int[][] byCutoffs(Instant[] times, String column, Instant validationStart, Instant testStart) {
        if (validationStart.isAfter(testStart)) {
            throw new IllegalArgumentException("validation start " + validationStart
                    + " is after test start " + testStart);
        }
        var parts = List.<List<Integer>>of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < times.length; i++) {
            Instant t = requireTime(times, i, column);
            int part = t.isBefore(validationStart) ? 0 : t.isBefore(testStart) ? 1 : 2;
            parts.get(part).add(i);
        }
        var out = new int[3][];
        for (int k = 0; k < 3; k++) {
            out[k] = parts.get(k).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    static int[][] byTimeOrder(Instant[] times, String column, SplitFractions fractions) {
        Integer[] order = new Integer[times.length];
        for (int i = 0; i < times.length; i++) {
            requireTime(times, i, column);
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer, Instant>comparing(i -> times[i]).thenComparingInt(i -> i));
        int[] counts = fractions.counts(times.length);
        var out = new int[3][];
        int at = 0;
        for (int k = 0; k < 3; k++) {
            int[] part = new int[counts[k]];
            for (int c = 0; c < counts[k]; c++) {
                part[c] = order[at++];
            }
            Arrays.sort(part);
            out[k] = part;
        }
        return out;
    }

    private static Instant requireTime(Instant[] times, int row, String column) {
        if (times[row] == null) {
            throw new IllegalArgumentException("row " + row + " has no value in time column \""
                    + column + "\"; a time split needs a time for every row (use missing: skip-row)");
        }
        return times[row];
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
