package io.ctkit.project;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A model project's {@code ctkit.yaml}: data, features, model, training, evaluation, and the
 * sections other steps own ({@code validation:}, {@code gate:}). Jenkins, Tekton and
 * {@code ctkit run} all read this one file. See {@code docs/pipeline-file.md}.
 *
 * <p>Adding a section (load, deploy, monitor): a record for it, a field here, a line in
 * {@link PipelineFileReader#SECTIONS} and its parse method there; sections parsed by another
 * package can stay {@link RawSection}s.
 *
 * @param file the file read
 * @param name the model's name (the bundle's {@code name})
 * @param seed seed of everything random in training (initial weights, shuffling, validation split)
 * @param configHash {@code sha256:<hex>} of the sections that decide what training produces
 */
public record PipelineFile(Path file, String name, long seed, DataSection data, List<FeatureSpec> features,
        ModelSection model, TrainingSection training, EvaluateSection evaluate, RawSection validation,
        RawSection gate, String configHash) {

    /** The file name looked for in a project directory. */
    public static final String FILE_NAME = "ctkit.yaml";

    public PipelineFile {
        Objects.requireNonNull(file, "file");
        features = List.copyOf(features);
    }

    /**
     * Reads and checks a pipeline file, or the {@value #FILE_NAME} of a project directory.
     *
     * @throws PipelineFileException naming the field and the fix
     * @throws IOException if the file cannot be read
     */
    public static PipelineFile load(Path fileOrProjectDir) throws IOException {
        return PipelineFileReader.read(locate(fileOrProjectDir));
    }

    /** {@code path} itself, or {@code path/ctkit.yaml} for a directory; an error if neither exists. */
    public static Path locate(Path fileOrProjectDir) {
        Path file = java.nio.file.Files.isDirectory(fileOrProjectDir)
                ? fileOrProjectDir.resolve(FILE_NAME) : fileOrProjectDir;
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new PipelineFileException(fileOrProjectDir.toString(), "", java.nio.file.Files.isDirectory(fileOrProjectDir)
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

    public Optional<RawSection> validationSection() {
        return Optional.ofNullable(validation);
    }

    public Optional<RawSection> gateSection() {
        return Optional.ofNullable(gate);
    }
}
