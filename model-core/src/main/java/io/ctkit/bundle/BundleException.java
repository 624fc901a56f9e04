package io.ctkit.bundle;

import java.io.IOException;

/** A model bundle that cannot be opened: malformed, incomplete, unsafe or over a limit. */
public class BundleException extends IOException {
    private static final long serialVersionUID = 1L;

    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
