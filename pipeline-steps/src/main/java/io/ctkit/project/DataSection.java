package io.ctkit.project;

import io.ctkit.data.Column;
import io.ctkit.data.Schema;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code data:} of {@code ctkit.yaml}: where the CSV files are and what their columns hold.
 *
 * @param train training data (preprocessing is fitted on it, the validation split comes from it)
 * @param holdout rows the model never sees in training; evaluation and the gate use them
 * @param reference optional baseline for drift checks ({@code null} when absent)
 * @param schema the columns of every file, with the label column
 * @param label the name of the schema's label column
 * @param generate optional built-in generator that makes missing files ({@code null} when absent)
 */
public record DataSection(Path train, Path holdout, Path reference, Schema schema, String label,
        GeneratorSpec generate) {

    public DataSection {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(holdout, "holdout");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(label, "label");
    }

    public Optional<Path> referencePath() {
        return Optional.ofNullable(reference);
    }

    public Optional<GeneratorSpec> generator() {
        return Optional.ofNullable(generate);
    }

    /** The label column of the schema. */
    public Column labelColumn() {
        return schema.column(label).orElseThrow();
    }
}
