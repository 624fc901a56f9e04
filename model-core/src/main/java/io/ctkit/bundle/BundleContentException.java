package io.ctkit.bundle;

/**
 * A bundle whose files are not the ones its MANIFEST.json lists: a listed file is missing, or a
 * file is there that the manifest does not list. Like a digest mismatch, it means the bundle was
 * changed after it was written, so {@code ctkit verify} treats it as a failed check.
 */
public final class BundleContentException extends BundleException {
    private static final long serialVersionUID = 1L;

    BundleContentException(String source, String problem) {
        super(source, problem);
    }
}
