package io.ctkit.train;

import io.ctkit.scoring.DatasetRows;
import io.ctkit.data.Column;
import io.ctkit.data.Dataset;
import io.ctkit.data.MissingPolicy;
import io.ctkit.data.Schema;
import io.ctkit.model.preprocess.FeatureEncoder;
import io.ctkit.model.preprocess.InputSpec;
import io.ctkit.model.preprocess.PreprocessingOp;
import io.ctkit.project.FeatureSpec;
import io.ctkit.project.PipelineFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The model's inputs and preprocessing ops as {@code features:} declares them, and the reading of
 * data for them. Ops are grouped: first the imputes (mean-fitted, then constants), then one op per
 * transform in the order the transforms first appear; within an op, features keep their order.
 */
final class FeaturePlan {
    private final PipelineFile project;

    FeaturePlan(PipelineFile project) {
        this.project = project;
    }

    /**
     * The schema to read the project's files with: the declared columns, but a column whose
     * feature is imputed keeps missing cells (NaN) so the model's own impute op fills them, the
     * same way serving does.
     */
    Schema readSchema() {
        Map<String, FeatureSpec> byName = new HashMap<>();
        project.features().forEach(f -> byName.put(f.name(), f));
        List<Column> columns = new ArrayList<>();
        for (Column c : project.data().schema().columns()) {
            FeatureSpec f = byName.get(c.name());
            boolean imputed = f != null && f.impute() != null;
            columns.add(imputed && c.missing().action() == MissingPolicy.Action.ERROR ? c.withMissing(MissingPolicy.keep()) : c);
        }
        return new Schema(columns, project.data().schema().missingValues());
    }

    /**
     * The inputs, in {@code features:} order. A category input takes the schema's declared values,
     * or else the distinct values of the training rows, sorted.
     */
    List<InputSpec> inputs(Dataset train) {
        List<InputSpec> inputs = new ArrayList<>();
        for (FeatureSpec f : project.features()) {
            Column column = project.data().schema().column(f.name()).orElseThrow();
            inputs.add(switch (column.type()) {
                case NUMBER -> InputSpec.number(f.name());
                case CATEGORY -> InputSpec.category(f.name(), column.values().isEmpty()
                        ? distinct(train, f.name()) : column.values());
                case TEXT -> InputSpec.text(f.name(), f.buckets());
                default -> throw new IllegalStateException("not a feature type: " + column.type());
            });
        }
        return inputs;
    }

    private static List<String> distinct(Dataset train, String column) {
        List<String> values = new ArrayList<>(new TreeSet<>(Arrays.stream(train.strings(column))
                .filter(Objects::nonNull).filter(s -> !s.isEmpty()).toList()));
        if (values.isEmpty()) {
            throw new IllegalArgumentException(train.source() + ": column \"" + column
                    + "\" has no values in the training rows; a one_hot feature needs at least one");
        }
        return values;
    }

    /** The ops, unfitted (means, ranges) where the training rows will fill them in. */
    List<PreprocessingOp> ops() {
        List<String> meanImputed = new ArrayList<>();
        List<String> constantImputed = new ArrayList<>();
        List<Double> constants = new ArrayList<>();
        Map<FeatureSpec.Transform, List<String>> groups = new LinkedHashMap<>();
        Map<Boolean, List<String>> hashModes = new LinkedHashMap<>();
        for (FeatureSpec f : project.features()) {
            if (f.impute() != null) {
                if (f.impute().isMean()) {
                    meanImputed.add(f.name());
                } else {
                    constantImputed.add(f.name());
                    constants.add(f.impute().constant());
                }
            }
            if (f.transform() == FeatureSpec.Transform.HASH) {
                hashModes.computeIfAbsent(f.binary(), b -> new ArrayList<>()).add(f.name());
            }
            groups.computeIfAbsent(f.transform(), t -> new ArrayList<>()).add(f.name());
        }
        List<PreprocessingOp> ops = new ArrayList<>();
        if (!meanImputed.isEmpty()) {
            ops.add(PreprocessingOp.Impute.of(meanImputed.toArray(String[]::new)));
        }
        if (!constantImputed.isEmpty()) {
            ops.add(PreprocessingOp.Impute.constant(constantImputed, constants.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        for (var group : groups.entrySet()) {
            String[] names = group.getValue().toArray(String[]::new);
            switch (group.getKey()) {
                case STANDARDIZE -> ops.add(PreprocessingOp.Standardize.of(names));
                case MIN_MAX -> ops.add(PreprocessingOp.MinMax.of(names));
                case PASSTHROUGH -> ops.add(PreprocessingOp.Passthrough.of(names));
                case ONE_HOT -> ops.add(PreprocessingOp.OneHot.of(names));
                case HASH -> hashModes.forEach((binary, features) -> ops.add(new PreprocessingOp.HashText(features,
                        binary ? PreprocessingOp.HashText.Mode.BINARY : PreprocessingOp.HashText.Mode.COUNT)));
            }
        }
        return ops;
    }

    /** Fits the ops on the training rows and compiles the encoder that training and serving share. */
    FeatureEncoder fit(List<InputSpec> inputs, Dataset train) {
        List<Map<String, Object>> rows = DatasetRows.of(train, inputs);
        List<PreprocessingOp> fitted;
        try {
            fitted = FeatureEncoder.fit(inputs, ops(), rows);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(train.source() + ": " + e.getMessage(), e);
        }
        return FeatureEncoder.of(inputs, fitted);
    }
}
