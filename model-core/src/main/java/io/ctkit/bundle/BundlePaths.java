package io.ctkit.bundle;

/** The rules for file names inside a bundle: relative, forward slashes, no way out. */
final class BundlePaths {
    static final String MANIFEST = "MANIFEST.json";
    static final String SIGNATURE = "MANIFEST.sig";
    static final int MAX_LENGTH = 255;

    private BundlePaths() {
    }

    /** Refuses anything that could name a file outside the bundle or be read two ways. */
    static String check(String path, String where) throws BundleException {
        String problem = problem(path);
        if (problem != null) {
            throw new BundleException(where + ": unsafe file name \"" + printable(path) + "\": " + problem);
        }
        return path;
    }

    private static String problem(String path) {
        if (path.isEmpty()) {
            return "empty";
        }
        if (path.length() > MAX_LENGTH) {
            return "longer than " + MAX_LENGTH + " characters";
        }
        if (path.startsWith("/")) {
            return "absolute paths are not allowed";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\') {
                return "backslashes are not allowed; use '/'";
            }
            if (c < 0x20 || c == 0x7f) {
                return "control characters (including NUL) are not allowed";
            }
        }
        if (path.length() > 1 && path.charAt(1) == ':') {
            return "drive letters are not allowed";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                return "empty path segment ('//' or a trailing '/')";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "'" + segment + "' segments are not allowed";
            }
        }
        return null;
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 300; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }
}
