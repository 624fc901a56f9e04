package io.ctkit.monitor;

/**
 * One scored row in the monitor's window: where it comes from, its inputs in model order (a
 * {@code Double} or {@code String}, null when missing), its output (class probabilities, or the
 * one regression prediction) and the outcome fed back for it (a label or a {@code Double}), null
 * until feedback arrives.
 */
record WindowRow(String id, int row, long timeMillis, Object[] inputs, double[] output, Object outcome) {

    String key() {
        return key(id, row);
    }

    static String key(String id, int row) {
        return id + "#" + row;
    }

    WindowRow withOutcome(Object value) {
        return new WindowRow(id, row, timeMillis, inputs, output, value);
    }
}
