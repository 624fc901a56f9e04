package io.ctkit.bundle;

/**
 * A bundle file whose content does not match the SHA-256 digest that MANIFEST.json lists for
 * it: the file was changed, damaged or replaced after the bundle was written.
 */
public final class BundleIntegrityException extends BundleException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String expected;
    private final String actual;

    BundleIntegrityException(String source, String file, String expected, String actual) {
        super(source, file + " does not match MANIFEST.json: expected sha256 " + expected + ", actual sha256 "
                + actual + "; the file was changed after the bundle was written");
        this.file = file;
        this.expected = expected;
        this.actual = actual;
    }

    /** The bundle-relative path of the file, e.g. {@code weights/dense_0_W.npy}. */
    public String file() {
        return file;
    }

    /** The SHA-256 (lower-case hex) that MANIFEST.json lists. */
    public String expected() {
        return expected;
    }

    /** The SHA-256 (lower-case hex) of the content found. */
    public String actual() {
        return actual;
    }
}
