package io.ctkit.registry;

import java.util.List;

/**
 * The result of {@link ModelRegistry#verify()}: how many versions and blobs were read back and
 * re-hashed, and every problem found (a missing or corrupt blob, named with its version and file).
 */
public record Verification(int versions, int blobs, List<String> problems) {

    public Verification {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
