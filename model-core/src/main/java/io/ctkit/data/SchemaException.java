package io.ctkit.data;

/**
 * A schema that cannot be used. The message starts with the path of the offending field,
 * e.g. {@code schema.columns[3].type: unknown type "nmber"; expected number, category, ...}
 * (list indices are 0-based).
 */
public final class SchemaException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String path;

    SchemaException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    /** The path of the offending field, e.g. {@code schema.columns[3].type}. */
    public String path() {
        return path;
    }
}
