package io.ctkit.registry;

import java.util.regex.Pattern;

/**
 * Validation of the names users choose: models, aliases, tags, run ids. Names become parts of
 * paths, URLs and SQL values elsewhere, so they are restricted to a safe alphabet here, once.
 */
public final class Names {

    /** Longest model, alias or tag name. */
    public static final int MAX_LENGTH = 128;
    /** Longest free-text value (descriptions, tag values, reasons). */
    public static final int MAX_TEXT = 10_000;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private Names() {
    }

    /** A model name: letters, digits, '.', '_', '-', starting with a letter or digit, no "..". */
    public static String model(String name) throws RegistryException {
        return check("model name", name);
    }

    /**
     * An alias name: as a model name, but lower-case and not all digits, so that "3" always means
     * version 3 and "Staging" cannot sit next to "staging".
     */
    public static String alias(String name) throws RegistryException {
        check("alias", name);
        if (!name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
            // "Staging" next to "staging" would be two aliases that read as one.
            throw new RegistryException("alias \"" + printable(name) + "\" has upper-case letters; aliases are"
                    + " lower-case (" + name.toLowerCase(java.util.Locale.ROOT) + ")");
        }
        if (name.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new RegistryException("alias \"" + name + "\" is all digits, which would read as a version number;"
                    + " choose a name with a letter in it");
        }
        return name;
    }

    /** A tag key or parameter name. */
    public static String key(String what, String name) throws RegistryException {
        return check(what, name);
    }

    /** Free text: any characters but NUL, at most {@link #MAX_TEXT} of them. */
    public static String text(String what, String value) throws RegistryException {
        if (value == null) {
            return null;
        }
        if (value.indexOf('\0') >= 0) {
            throw new RegistryException(what + " contains a NUL character");
        }
        if (value.length() > MAX_TEXT) {
            throw new RegistryException(what + " is " + value.length() + " characters long, more than the limit of "
                    + MAX_TEXT);
        }
        return value;
    }

    private static String check(String what, String name) throws RegistryException {
        if (name == null || name.isEmpty()) {
            throw new RegistryException(what + " is empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new RegistryException(what + " \"" + printable(name) + "\" contains a NUL character");
        }
        if (name.length() > MAX_LENGTH) {
            throw new RegistryException(what + " \"" + printable(name.substring(0, 40)) + "...\" is " + name.length()
                    + " characters long, more than the limit of " + MAX_LENGTH);
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            throw new RegistryException(what + " \"" + printable(name) + "\" contains a path separator");
        }
        if (name.contains("..")) {
            throw new RegistryException(what + " \"" + printable(name) + "\" contains \"..\"");
        }
        if (!NAME.matcher(name).matches()) {
            throw new RegistryException(what + " \"" + printable(name) + "\" may hold only letters, digits, '.', '_'"
                    + " and '-', and must start with a letter or digit");
        }
        return name;
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
