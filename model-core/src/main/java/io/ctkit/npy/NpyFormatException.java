package io.ctkit.npy;

import java.io.IOException;

/**
 * A {@code .npy} file that ctkit refuses to read. The message starts with the file (or the
 * source name the caller gave) and says what is wrong with it.
 */
public final class NpyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    NpyFormatException(String source, String problem) {
        super(source + ": " + problem);
    }
}
