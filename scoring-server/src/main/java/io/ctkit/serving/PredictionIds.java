package io.ctkit.serving;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prediction ids: a random 64-bit prefix drawn when the server starts (so replicas and restarts
 * do not collide) and a counter, e.g. {@code 3f9c0a12d4e5b6a7-1a}. Cheaper than a random UUID per
 * request, and ordered within a process.
 */
final class PredictionIds {

    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    PredictionIds() {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        this.prefix = HexFormat.of().formatHex(random) + "-";
    }

    String next() {
        return prefix + Long.toHexString(counter.incrementAndGet());
    }
}
