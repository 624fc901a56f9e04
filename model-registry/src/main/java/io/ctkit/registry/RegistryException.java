package io.ctkit.registry;

import java.io.IOException;

/**
 * A registry operation that cannot be done as asked: an unknown model, version, alias or run, a
 * bad name, a malformed report, a store that cannot be opened. The message says what and where.
 * Being an {@link IOException}, callers that already handle I/O failures handle it too.
 */
public class RegistryException extends IOException {
    private static final long serialVersionUID = 1L;

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
