package io.ctkit.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads CSV data against a schema into a {@link Dataset}. Immutable; {@code with…} returns
 * a copy.
 * <pre>{@code
 * Dataset d = DatasetReader.of(schema).withMaxErrors(20).read(Path.of("data.csv"));
 * }</pre>
 * The input is UTF-8 (an optional BOM is dropped) in RFC 4180 CSV with a header row; see
 * {@code docs/datasets.md} for every rule. Rows are converted as they are parsed, so the file
 * text is never held in memory.
 */
public final class DatasetReader {
    private final Schema schema;
    private final int maxErrors;

    private DatasetReader(Schema schema, int maxErrors) {
        this.schema = Objects.requireNonNull(schema, "schema");
        if (maxErrors < 1) {
            throw new IllegalArgumentException("maxErrors must be at least 1: " + maxErrors);
        }
        this.maxErrors = maxErrors;
    }

    /** A reader that stops at the first bad row. */
    public static DatasetReader of(Schema schema) {
        return new DatasetReader(schema, 1);
    }

    /**
     * A reader that collects up to {@code maxErrors} row problems (bad cells, missing values,
     * wrong field counts) before failing; malformed CSV and invalid UTF-8 still stop at once.
     */
    public DatasetReader withMaxErrors(int maxErrors) {
        return new DatasetReader(schema, maxErrors);
    }

    /** The schema rows are read against. */
    public Schema schema() {
        return schema;
    }

    /** The error limit. */
    public int maxErrors() {
        return maxErrors;
    }

    /**
     * Reads a file; the source name in errors is the path as given.
     *
     * @throws DatasetException when the data is not valid CSV or does not fit the schema
     * @throws IOException      when the file cannot be read
     */
    public Dataset read(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * The column names in a file's header row, for callers that choose a schema by the columns
     * a file has (e.g. one {@code prob_<class>} column per class).
     *
     * @throws DatasetException when the file is empty or its first record is not valid CSV
     */
    public static List<String> header(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return List.copyOf(DatasetLoader.header(new CsvParser(CharInput.of(in), file.toString()), file.toString()));
        }
    }

    /** Opens a data file, with errors that name it and say what is wrong (the JDK's give a bare path). */
    private static InputStream open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new java.nio.file.FileSystemException(file.toString(), null, "is a directory, not a CSV file");
        }
        if (!Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "no such file");
        }
        return Files.newInputStream(file);
    }

    /** Reads UTF-8 bytes (not closed here); {@code source} names them in errors. */
    public Dataset read(InputStream in, String source) throws IOException {
        return new DatasetLoader(schema, maxErrors, source).load(CharInput.of(in));
    }

    /**
     * Reads characters (not closed here); the fingerprint is taken over their UTF-8 encoding,
     * which equals the file bytes when the reader decodes a UTF-8 file.
     */
    public Dataset read(Reader in, String source) throws IOException {
        return new DatasetLoader(schema, maxErrors, source).load(CharInput.of(in));
    }
}
