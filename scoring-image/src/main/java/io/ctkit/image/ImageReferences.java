package io.ctkit.image;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;

/** Validation of image references, with messages that say what is wrong. */
final class ImageReferences {

    private ImageReferences() {}

    static ImageReference check(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("image reference must not be empty");
        }
        try {
            return ImageReference.parse(reference);
        } catch (InvalidImageReferenceException e) {
            throw new IllegalArgumentException("not a valid image reference: \"" + reference
                    + "\" (expected [registry/]name[:tag], lower-case, e.g. ctkit/wine-classifier:1)");
        }
    }
}
