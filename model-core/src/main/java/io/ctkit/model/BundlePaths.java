package io.ctkit.model;

import java.util.Objects;

/** Checks the file paths {@code model.json} refers to. */
final class BundlePaths {

    private BundlePaths() {
    }

    /**
     * A path is relative to the bundle root, uses {@code /}, has no empty, {@code .} or
     * {@code ..} segment and names a {@code .npy} file.
     */
    static String check(String path, String what) {
        Objects.requireNonNull(path, what);
        String problem = problem(path);
        if (problem != null) {
            throw new IllegalArgumentException(what + " path \"" + path + "\" " + problem);
        }
        return path;
    }

    static String problem(String path) {
        if (path.isEmpty()) {
            return "is empty";
        }
        if (path.startsWith("/") || path.contains("\\") || path.contains(":")) {
            return "must be relative to the bundle root and use / (e.g. weights/dense_0_W.npy)";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return "must not contain empty, . or .. segments";
            }
        }
        if (!path.endsWith(".npy")) {
            return "must name a .npy file";
        }
        return null;
    }
}
