package io.ctkit.train;

import io.ctkit.data.Dataset;
import io.ctkit.model.Task;
import io.ctkit.train.TrainingSettings;
import java.util.List;
import java.util.Map;

/** The loss weight of each class, in the model's class order, or {@code null} for none. */
final class ClassWeights {
    private ClassWeights() {
    }

    static float[] of(Task task, List<String> classes, TrainingSettings training, Dataset train) {
        if (task == Task.REGRESSION || (!training.balanced() && training.classWeights().isEmpty())) {
            return null;
        }
        float[] weights = new float[classes.size()];
        if (training.balanced()) {
            // scikit-learn's "balanced": n / (classes * count(class)); an absent class gets weight 1
            int[] counts = new int[classes.size()];
            for (int i : train.labelIndices(classes)) {
                counts[i]++;
            }
            for (int c = 0; c < weights.length; c++) {
                weights[c] = counts[c] == 0 ? 1f : (float) ((double) train.rowCount() / (classes.size() * counts[c]));
            }
            return weights;
        }
        for (String label : training.classWeights().keySet()) {
            if (!classes.contains(label)) {
                throw new IllegalArgumentException("training.class_weights." + label + ": \"" + label
                        + "\" is not a class of the training data; classes are " + classes);
            }
        }
        for (int c = 0; c < weights.length; c++) {
            weights[c] = training.classWeights().getOrDefault(classes.get(c), 1.0).floatValue();
        }
        return weights;
    }

    static Map<String, Double> asMap(List<String> classes, float[] weights) {
        java.util.LinkedHashMap<String, Double> map = new java.util.LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            map.put(classes.get(c), (double) weights[c]);
        }
        return map;
    }
}
