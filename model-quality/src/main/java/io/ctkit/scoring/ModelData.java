package io.ctkit.scoring;

import io.ctkit.data.Column;
import io.ctkit.data.Dataset;
import io.ctkit.data.DatasetReader;
import io.ctkit.data.MissingPolicy;
import io.ctkit.data.Schema;
import io.ctkit.model.Model;
import io.ctkit.model.Task;
import io.ctkit.model.preprocess.InputSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV file for a model: a column per model input (an empty cell is a missing value, which
 * the model's preprocessing handles as serving does), plus the optional true-label, id and extra
 * columns. What {@code predict}, {@code evaluate} and {@code gate} read a model's data with.
 */
public final class ModelData {

    private ModelData() {
    }

    /**
     * Reads a CSV file with a column per model input (an empty cell is a missing value, which
     * the model's preprocessing handles), plus the optional true-label and id columns.
     */
    public static Dataset read(Model model, Path file, String labelColumn, String idColumn) throws IOException {
        return read(model, file, labelColumn, idColumn, List.of());
    }

    /** As above, plus extra columns (e.g. slice columns) read as text unless they are already model inputs. */
    public static Dataset read(Model model, Path file, String labelColumn, String idColumn, List<String> extra)
            throws IOException {
        List<String> inputs = model.definition().inputs().stream().map(InputSpec::name).toList();
        if (labelColumn != null && labelColumn.equals(idColumn)) {
            throw new IllegalArgumentException("--label and --id both name the column \"" + labelColumn
                    + "\"; the true label and the row id must be different columns");
        }
        if (labelColumn != null && inputs.contains(labelColumn)) {
            throw new IllegalArgumentException("--label " + labelColumn + ": \"" + labelColumn + "\" is one of the model's inputs "
                    + inputs + "; the true label must be a column of its own");
        }
        List<Column> columns = new ArrayList<>();
        for (InputSpec input : model.definition().inputs()) {
            Column column = input instanceof InputSpec.NumberInput ? Column.number(input.name())
                    : input instanceof InputSpec.CategoryInput ? Column.category(input.name())
                    : Column.text(input.name());
            columns.add(column.withMissing(MissingPolicy.keep()));
        }
        if (labelColumn != null) {
            columns.add(model.task() == Task.REGRESSION ? Column.regressionLabel(labelColumn)
                    : Column.classLabel(labelColumn, model.labels()));
        }
        if (idColumn != null && !inputs.contains(idColumn)) {
            columns.add(Column.id(idColumn));
        }
        for (String name : extra) {
            if (columns.stream().noneMatch(c -> c.name().equals(name))) {
                columns.add(Column.category(name).withMissing(MissingPolicy.keep()));
            }
        }
        Dataset data = DatasetReader.of(Schema.of(columns.toArray(Column[]::new))).read(file);
        if (data.rowCount() == 0) {
            throw new IllegalArgumentException(file + ": no data rows after the header; nothing to score");
        }
        return data;
    }

    /**
     * The row ids of data read by {@link #read}: the id column's cells as written. An input may
     * serve as the id (a store or customer number the model also reads); it was read as the model
     * reads it (a number, say "7.0" for "007"), so its text is read again, on its own.
     */
    public static String[] ids(Model model, Path file, Dataset rows, String idColumn) throws IOException {
        if (idColumn == null) {
            return null;
        }
        if (model.definition().inputs().stream().noneMatch(i -> i.name().equals(idColumn))) {
            return rows.strings(idColumn);
        }
        if (!java.nio.file.Files.isRegularFile(file)) {
            // the first read has used up a pipe or a process substitution
            throw new IllegalArgumentException("--id " + idColumn + ": the id is one of the model's inputs, so its text is read"
                    + " from " + file + " a second time, but that is not a regular file (a pipe?); write the data to a"
                    + " file first, or use another column as the id");
        }
        String[] ids = DatasetReader.of(Schema.of(Column.id(idColumn))).read(file).strings(idColumn);
        if (ids.length != rows.rowCount()) {
            throw new IllegalArgumentException(file + ": changed while it was read (" + rows.rowCount() + " rows, then "
                    + ids.length + ")");
        }
        return ids;
    }
}
