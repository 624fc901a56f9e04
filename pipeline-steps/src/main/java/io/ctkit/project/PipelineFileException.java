package io.ctkit.project;

/**
 * A {@code ctkit.yaml} that cannot be used. The message names the file, the field path and
 * the fix: {@code ctkit.yaml: model.hidden[1].units: must be a positive integer, got -3}.
 * An {@link IllegalArgumentException}, so the CLI answers it with exit code 2.
 */
public final class PipelineFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String path;

    PipelineFileException(String file, String path, String problem) {
        super(file + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
        this.path = path;
    }

    /** The path of the offending field, e.g. {@code model.hidden[1].units}; empty for the whole file. */
    public String path() {
        return path;
    }
}
