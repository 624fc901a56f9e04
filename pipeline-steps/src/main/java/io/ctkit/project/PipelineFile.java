package io.ctkit.project;

import io.ctkit.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model project's {@code ctkit.yaml}: its core (name, seed, data, features, model) and the
 * sections the steps own ({@code training:}, {@code evaluate:}, {@code validation:},
 * {@code gate:}, {@code register:}; see {@link Section}). Jenkins, Tekton and {@code ctkit run}
 * all read this one file. See {@code docs/pipeline-file.md}.
 *
 * @param file the file read
 * @param name the model's name (the bundle's {@code name})
 * @param seed seed of everything random in training (initial weights, shuffling, validation split)
 * @param configHash {@code sha256:<hex>} of the sections that decide what training produces
 * @param sections the steps' sections, read, by key (absent ones hold their default)
 */
public record PipelineFile(Path file, String name, long seed, DataSection data, List<FeatureSpec> features,
        ModelSection model, String configHash, Map<String, Object> sections) {

    /** The file name looked for in a project directory. */
    public static final String FILE_NAME = "ctkit.yaml";

    public PipelineFile {
        Objects.requireNonNull(file, "file");
        features = List.copyOf(features);
        sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    }

    /**
     * Reads and checks a pipeline file, or the {@value #FILE_NAME} of a project directory, with
     * every {@link Section} installed on the class path.
     *
     * @throws ConfigException naming the field and the fix
     * @throws IOException if the file cannot be read
     */
    public static PipelineFile load(Path fileOrProjectDir) throws IOException {
        return load(fileOrProjectDir, Sections.installed());
    }

    /** As {@link #load(Path)}, knowing exactly {@code sections}; any other top-level key is an error. */
    public static PipelineFile load(Path fileOrProjectDir, List<Section<?>> sections) throws IOException {
        return PipelineFileReader.read(locate(fileOrProjectDir), sections);
    }

    /** {@code path} itself, or {@code path/ctkit.yaml} for a directory; an error if neither exists. */
    public static Path locate(Path fileOrProjectDir) {
        Path file = Files.isDirectory(fileOrProjectDir) ? fileOrProjectDir.resolve(FILE_NAME) : fileOrProjectDir;
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(fileOrProjectDir.toString(), "", Files.isDirectory(fileOrProjectDir)
                    ? "no " + FILE_NAME + " in this directory; create one (see docs/pipeline-file.md)"
                    : "no such file; give a project directory or its " + FILE_NAME);
        }
        return file;
    }

    /** The project directory: the file's directory, against which data paths are resolved. */
    public Path projectDir() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    /**
     * A step's section as read (its default when the file has none).
     *
     * @throws IllegalStateException when the section was not installed when the file was read
     */
    @SuppressWarnings("unchecked")
    public <T> T section(Section<T> section) {
        if (!sections.containsKey(section.key())) {
            throw new IllegalStateException("the section " + section.key() + ": was not read with " + file
                    + " (its step is not installed: " + section.getClass().getName() + " is missing from"
                    + " META-INF/services/io.ctkit.project.Section)");
        }
        return (T) sections.get(section.key());
    }
}
