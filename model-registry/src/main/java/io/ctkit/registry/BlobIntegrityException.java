package io.ctkit.registry;

import java.nio.file.Path;

/** A stored blob whose content no longer matches the SHA-256 it is stored under. */
public final class BlobIntegrityException extends RegistryException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String expected;
    private final String actual;

    BlobIntegrityException(Path file, String expected, String actual) {
        super("blob " + file + " is corrupt: expected sha256 " + expected + ", actual sha256 " + actual
                + "; the registry's blob store was changed or damaged outside ctkit");
        this.file = file;
        this.expected = expected;
        this.actual = actual;
    }

    public Path file() {
        return file;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
