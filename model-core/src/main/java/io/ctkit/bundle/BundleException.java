package io.ctkit.bundle;

import java.io.IOException;

/**
 * A model bundle that ctkit refuses to open or write. The message starts with the bundle (the
 * directory or tar path) and says what is wrong and where: the file, the tar entry, the
 * manifest key.
 */
public class BundleException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A problem with the bundle at {@code source}; the message becomes {@code "<source>: <problem>"}. */
    public BundleException(String source, String problem) {
        super(source + ": " + problem);
    }

    BundleException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }
}
