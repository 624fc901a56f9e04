package io.ctkit.config;

/**
 * A settings file or map that cannot be used (ctkit.yaml, a schema, a gate or validation
 * policy). The message names the file, the line (when read from a file), the field path, what was
 * wrong and the fix: {@code ctkit.yaml: line 12: training.batchsize: unknown field; expected one of
 * batch_size, ... (did you mean "batch_size"?)}. An {@link IllegalArgumentException}, so the CLI answers it with exit code 2.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String path;
    private final int line;

    public ConfigException(String source, String path, String problem) {
        this(source, 0, path, problem);
    }

    /** With the line of the file where the field is (1-based; 0 when unknown). */
    public ConfigException(String source, int line, String path, String problem) {
        super(message(source, line, path, problem));
        this.source = source == null ? "" : source;
        this.path = path == null ? "" : path;
        this.line = line;
    }

    /** The line of the file the field is on (1-based), or 0 when not known (a document built in Java). */
    public int line() {
        return line;
    }

    /** The file (or other source) named in the message, e.g. {@code examples/x/ctkit.yaml}; empty if none. */
    public String source() {
        return source;
    }

    /** The path of the offending field, e.g. {@code model.hidden[1].units}; empty for the whole document. */
    public String path() {
        return path;
    }

    private static String message(String source, int line, String path, String problem) {
        StringBuilder m = new StringBuilder();
        if (source != null && !source.isEmpty()) {
            m.append(source).append(": ");
        }
        if (line > 0) {
            m.append("line ").append(line).append(": ");
        }
        if (path != null && !path.isEmpty()) {
            m.append(path).append(": ");
        }
        return m.append(problem).toString();
    }
}
