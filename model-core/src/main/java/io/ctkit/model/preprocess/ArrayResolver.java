package io.ctkit.model.preprocess;

/**
 * Reads the values of an {@link ArrayRef.File} parameter: a one-dimensional {@code .npy} array
 * in a model bundle. Implementations throw {@link IllegalArgumentException} with a message that
 * names {@code location} (e.g. {@code preprocessing[0].mean}) and the path when the file is
 * missing or not a one-dimensional float array.
 */
@FunctionalInterface
public interface ArrayResolver {

    double[] values(String path, String location);
}
