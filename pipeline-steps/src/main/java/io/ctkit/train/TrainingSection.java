package io.ctkit.train;

import io.ctkit.config.ConfigNode;
import io.ctkit.model.Task;
import io.ctkit.project.PipelineFile;
import io.ctkit.project.Section;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code training:} of ctkit.yaml, owned by the train step: the optimizer and its
 * hyperparameters. Part of the config hash (it decides the weights).
 */
public final class TrainingSection implements Section<TrainingSettings> {

    /** The section as {@link PipelineFile#section} takes it. */
    public static final TrainingSection SECTION = new TrainingSection();

    private static final Set<String> KEYS = Set.of("optimizer", "learning_rate", "momentum", "batch_size", "epochs",
            "early_stopping", "class_weights", "l2", "engine");

    @Override
    public String key() {
        return "training";
    }

    @Override
    public boolean decidesTraining() {
        return true;
    }

    @Override
    public TrainingSettings absent(PipelineFile project) {
        return new TrainingSettings(TrainingSettings.Optimizer.ADAM, 0.001, 0.9, 32, 100, null, Map.of(), false, 1e-4,
                TrainingSettings.Engine.DIRECT);
    }

    @Override
    public TrainingSettings read(ConfigNode node, PipelineFile project) {
        node.requireObject(KEYS);
        TrainingSettings.Optimizer optimizer = TrainingSettings.Optimizer.valueOf(
                node.optional("optimizer").map(n -> n.choice(List.of("adam", "sgd"))).orElse("adam").toUpperCase(Locale.ROOT));
        double lr = node.optional("learning_rate").map(n -> n.numberIn(0, false, Double.POSITIVE_INFINITY, false)).orElse(0.001);
        double momentum = 0.9;
        if (node.has("momentum")) {
            if (optimizer != TrainingSettings.Optimizer.SGD) {
                throw node.error("momentum", "only sgd uses momentum; adam has its own moment estimates; remove it");
            }
            momentum = node.get("momentum").numberIn(0, true, 1, false);
        }
        int batch = node.optional("batch_size").map(ConfigNode::positiveInt).orElse(32);
        int epochs = node.optional("epochs").map(ConfigNode::positiveInt).orElse(100);
        TrainingSettings.EarlyStopping stopping = node.optional("early_stopping").map(TrainingSection::earlyStopping)
                .orElse(null);
        double l2 = node.optional("l2").map(n -> n.numberIn(0, true, Double.POSITIVE_INFINITY, false)).orElse(1e-4);
        Map<String, Double> weights = Map.of();
        boolean balanced = false;
        if (node.has("class_weights")) {
            ConfigNode n = node.get("class_weights");
            if (project.model().task() == Task.REGRESSION) {
                throw n.error("class weights apply to classifiers; this model is a regression; remove it");
            }
            if (n.raw().isTextual()) {
                n.choice(List.of("balanced"));
                balanced = true;
            } else {
                weights = classWeights(n, project.data().labelColumn().values());
            }
        }
        TrainingSettings.Engine engine = TrainingSettings.Engine.valueOf(node.optional("engine")
                .map(n -> n.choice(List.of("direct", "samediff"))).orElse("direct").toUpperCase(Locale.ROOT));
        return new TrainingSettings(optimizer, lr, momentum, batch, epochs, stopping, weights, balanced, l2, engine);
    }

    private static Map<String, Double> classWeights(ConfigNode node, List<String> classes) {
        if (!node.raw().isObject() || node.raw().isEmpty()) {
            throw node.error("must be balanced or a map from class label to weight, got " + ConfigNode.describe(node.raw()));
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String label : node.keys()) {
            if (!classes.isEmpty() && !classes.contains(label)) {
                throw node.error(label, "\"" + label + "\" is not a class of the label; classes are " + classes);
            }
            weights.put(label, node.get(label).numberIn(0, false, Double.POSITIVE_INFINITY, false));
        }
        return weights;
    }

    private static TrainingSettings.EarlyStopping earlyStopping(ConfigNode node) {
        node.requireObject(Set.of("patience", "validation_fraction", "min_delta"));
        int patience = node.optional("patience").map(ConfigNode::positiveInt).orElse(10);
        double fraction = node.optional("validation_fraction").map(n -> n.numberIn(0, false, 1, false)).orElse(0.1);
        if (fraction > 0.5) {
            throw node.error("validation_fraction", "must be at most 0.5 (the rest trains the model), got " + fraction);
        }
        double minDelta = node.optional("min_delta").map(n -> n.numberIn(0, true, Double.POSITIVE_INFINITY, false)).orElse(0.0);
        return new TrainingSettings.EarlyStopping(patience, fraction, minDelta);
    }
}
