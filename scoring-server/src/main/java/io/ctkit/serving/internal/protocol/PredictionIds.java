package io.ctkit.serving.internal.protocol;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prediction ids: a random 64-bit prefix drawn when the server starts (so replicas and restarts
 * do not collide) and a counter, e.g. {@code 3f9c0a12d4e5b6a7-1a}. Cheaper than a random UUID per
 * request, and ordered within a process. This class is the one definition of their form: the
 * feedback endpoint refuses ids that {@link #next} can never have given.
 */
public final class PredictionIds {

    /** The form, in words, for error messages. */
    public static final String FORM = "16 lowercase hex digits, '-' and a hex counter";
    /** An id of that form, for error messages and docs. */
    public static final String EXAMPLE = "3f9c0a12d4e5b6a7-1a";

    private static final int PREFIX_DIGITS = 16;
    private static final int MAX_COUNTER_DIGITS = 16;

    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    public PredictionIds() {
        byte[] random = new byte[PREFIX_DIGITS / 2];
        new SecureRandom().nextBytes(random);
        this.prefix = HexFormat.of().formatHex(random) + "-";
    }

    public String next() {
        return prefix + Long.toHexString(counter.incrementAndGet());
    }

    /**
     * Whether {@code text} has the form {@link #next} gives: 16 lowercase hex digits, '-', and the
     * counter as {@link Long#toHexString} writes it (lowercase, no leading zero, at most 16 digits;
     * the counter starts at 1).
     */
    public static boolean isWellFormed(String text) {
        int length = text.length();
        if (length < PREFIX_DIGITS + 2 || length > PREFIX_DIGITS + 1 + MAX_COUNTER_DIGITS
                || text.charAt(PREFIX_DIGITS) != '-' || text.charAt(PREFIX_DIGITS + 1) == '0') {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (i != PREFIX_DIGITS && !lowerHex(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    // not Character.digit: it also takes upper case and non-ASCII digits, which next() never writes
    private static boolean lowerHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
}
