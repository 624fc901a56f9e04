package io.ctkit.train;

import io.ctkit.scoring.DatasetRows;
import io.ctkit.data.Dataset;
import io.ctkit.model.Task;
import io.ctkit.model.preprocess.FeatureEncoder;
import io.ctkit.model.preprocess.InputSpec;
import io.ctkit.model.preprocess.InvalidInputException;
import java.util.List;

/**
 * What the network is trained to output. Regression targets are standardized with the training
 * rows' mean and standard deviation (so one learning rate suits revenue in dollars and in
 * millions); {@link BundleExport} folds that scale back into the output layer, so the bundle
 * predicts in the label's own units.
 */
record Targets(Task task, List<String> classes, double mean, double scale) {

    static Targets of(Task task, List<String> classes, Dataset train) {
        if (task != Task.REGRESSION) {
            return new Targets(task, classes, 0, 1);
        }
        double[] t = train.targets();
        double mean = 0;
        for (double v : t) {
            mean += v;
        }
        mean /= t.length;
        double m2 = 0;
        for (double v : t) {
            m2 += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(m2 / t.length);
        return new Targets(task, classes, mean, std > 0 ? std : 1);
    }

    int outputs() {
        return task == Task.MULTICLASS_CLASSIFICATION ? classes.size() : 1;
    }

    EncodedRows encode(FeatureEncoder encoder, Dataset data, List<InputSpec> inputs) {
        int n = data.rowCount();
        int width = encoder.width();
        double[] features = new double[n * width];
        try {
            encoder.encode(DatasetRows.of(data, inputs), features);
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(data.source() + ": " + e.getMessage(), e);
        }
        float[] x = new float[features.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) features[i];
        }
        int k = outputs();
        float[] y = new float[n * k];
        if (task == Task.REGRESSION) {
            double[] t = data.targets();
            for (int r = 0; r < n; r++) {
                y[r] = (float) ((t[r] - mean) / scale);
            }
        } else {
            int[] idx = data.labelIndices(classes);
            for (int r = 0; r < n; r++) {
                if (k == 1) {
                    y[r] = idx[r];
                } else {
                    y[r * k + idx[r]] = 1f;
                }
            }
        }
        return new EncodedRows(x, y, n, width, k);
    }
}
