package io.ctkit.drift;

/** Shared checks for the result records' compact constructors. */
final class Results {

    private Results() {
    }

    static void requireProbability(String what, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1]: " + value);
        }
    }

    static void requireSizes(int referenceSize, int currentSize) {
        if (referenceSize < 1 || currentSize < 1) {
            throw new IllegalArgumentException("sample sizes must be >= 1: reference=" + referenceSize
                    + ", current=" + currentSize);
        }
    }
}
