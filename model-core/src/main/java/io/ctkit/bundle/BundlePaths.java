package io.ctkit.bundle;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules for a path inside a bundle: relative, '/'-separated, portable, and unable to
 * point outside the bundle on any operating system.
 */
final class BundlePaths {

    static final String MANIFEST = "MANIFEST.json";
    static final String SIGNATURE = "MANIFEST.sig";
    static final String MODEL = "model.json";
    static final int MAX_PATH_BYTES = 255;

    /** Code-point order, as Python sorts str keys, so both write the same canonical manifest. */
    static final Comparator<String> ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private BundlePaths() {
    }

    /** Why {@code path} is not an acceptable bundle path, or null when it is. */
    static String problem(String path) {
        if (path.isEmpty()) {
            return "the path is empty";
        }
        if (path.startsWith("/")) {
            return "the path is absolute; bundle paths are relative, like weights/w.npy";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == 0) {
                return "the path contains a NUL character";
            }
            if (c == '\\') {
                return "the path contains a backslash; separate directories with '/'";
            }
            if (c < 0x20 || c == 0x7f) {
                return "the path contains the control character U+" + String.format(Locale.ROOT, "%04X", (int) c);
            }
            if (c == ':') {
                return "the path contains ':', which is not portable (a drive letter or stream name on Windows)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < path.length() && Character.isLowSurrogate(path.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "the path is not valid Unicode (an unpaired surrogate)";
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                return "the path has an empty segment (a leading, trailing or doubled '/')";
            }
            if (segment.equals("..")) {
                return "the path has a '..' segment, which could point outside the bundle";
            }
            if (segment.equals(".")) {
                return "the path has a '.' segment; write it without";
            }
        }
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            return "the path is longer than " + MAX_PATH_BYTES + " bytes (UTF-8)";
        }
        return null;
    }

    /**
     * Why a set of file paths cannot all exist in one bundle directory, or null: a path that
     * is also the directory of another, or two paths equal but for case (one file on macOS and
     * Windows file systems).
     */
    static String conflict(Collection<String> paths) {
        Set<String> directories = new HashSet<>();
        Map<String, String> folded = new HashMap<>();
        for (String path : paths) {
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                directories.add(path.substring(0, slash));
            }
            String other = folded.putIfAbsent(path.toLowerCase(Locale.ROOT), path);
            if (other != null && !other.equals(path)) {
                return "'" + other + "' and '" + path + "' differ only in case, which is not portable";
            }
        }
        for (String path : paths) {
            if (directories.contains(path)) {
                return "'" + path + "' is both a file and the directory of another file";
            }
        }
        return null;
    }

    /** Whether {@code path} is one of the two files the manifest itself consists of. */
    static boolean isManifestFile(String path) {
        return path.equals(MANIFEST) || path.equals(SIGNATURE);
    }

    /** The path with control characters and unpaired surrogates escaped, for messages. */
    static String printable(String path) {
        StringBuilder s = new StringBuilder();
        path.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0xd800 && c <= 0xdfff)) {
                s.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                s.appendCodePoint(c);
            }
        });
        return s.toString();
    }
}
