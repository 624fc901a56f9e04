package io.ctkit.image;

import java.util.Map;

/**
 * The outcome of an image build.
 *
 * @param reference the reference the image was tagged with
 * @param digest the manifest digest ({@code sha256:...}); equal bundles and server jars on the same
 *     base give the same digest, since every layer is built reproducibly
 * @param imageId the image (config) id, as {@code docker images} shows it
 * @param labels the labels set on the image
 */
public record BuiltImage(String reference, String digest, String imageId, Map<String, String> labels) {
    public BuiltImage {
        labels = Map.copyOf(labels);
    }
}
