package io.ctkit.train;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.data.Dataset;
import io.ctkit.provenance.CodeVersion;
import io.ctkit.provenance.Provenance;
import io.ctkit.project.ModelSection;
import io.ctkit.project.PipelineFile;
import io.ctkit.train.TrainingSettings;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code training.json}: the provenance of a bundle (data fingerprints, config hash, code version,
 * runtime, seed, hyperparameters, timings) and its training history. Kept beside the bundle, not
 * in it, so two equal trainings still give equal bundle digests.
 */
final class TrainingReport {
    static final String FORMAT = "ctkit-training/1";

    private TrainingReport() {
    }

    static ObjectNode build(PipelineFile project, Dataset all, Dataset train, Dataset validation, CodeVersion code,
            String cacheKey, Trainer.Outcome outcome, BundleExport.Exported exported, float[] classWeights,
            List<String> classes, Instant startedAt, Map<String, Long> timings) {
        ObjectNode r = TrainStep.JSON.createObjectNode();
        r.put("format", FORMAT);
        ObjectNode model = r.putObject("model");
        model.put("name", project.name());
        model.put("task", project.model().task().jsonName());
        model.put("bundle", TrainStep.BUNDLE);
        model.put("digest", exported.digest());
        provenance(project, all, code, startedAt).writeTo(r);
        ObjectNode data = (ObjectNode) r.get("data");
        ((ObjectNode) data.get("train")).put("skipped_rows", all.skippedRows());
        data.put("training_rows", train.rowCount());
        data.put("validation_rows", validation == null ? 0 : validation.rowCount());
        hyperparameters(r.putObject("hyperparameters"), project.model(), project.section(TrainingSection.SECTION));
        if (classWeights != null) {
            ObjectNode cw = r.putObject("class_weights");
            ClassWeights.asMap(classes, classWeights).forEach(cw::put);
        }
        ObjectNode t = r.putObject("timings");
        for (String k : List.of("read_ms", "fit_preprocessing_ms", "train_ms", "export_ms", "total_ms")) {
            t.put(k, timings.get(k));
        }
        r.put("epochs_run", outcome.history().size());
        r.put("best_epoch", outcome.bestEpoch());
        r.put("stop_reason", outcome.stopReason());
        ArrayNode history = r.putArray("history");
        for (EpochRecord e : outcome.history()) {
            ObjectNode h = history.addObject();
            h.put("epoch", e.epoch());
            h.put("loss", round(e.loss()));
            if (!Double.isNaN(e.validationLoss())) {
                h.put("val_loss", round(e.validationLoss()));
                h.put(project.model().task() == io.ctkit.model.Task.REGRESSION ? "val_r2" : "val_accuracy",
                        round(e.validationMetric()));
            }
            h.put("ms", e.millis());
        }
        ObjectNode check = r.putObject("inference_check");
        check.put("rows", exported.checkedRows());
        check.put("max_relative_difference", exported.maxDifference());
        check.put("tolerance", BundleExport.TOLERANCE);
        ObjectNode cache = r.putObject("cache");
        cache.put("key", cacheKey);
        cache.put("hit", false);
        return r;
    }

    /** What training.json records of where the bundle comes from. */
    static Provenance provenance(PipelineFile project, Dataset all, CodeVersion code, Instant startedAt) {
        return Provenance.empty()
                .withData("train", new Provenance.DataFingerprint(
                        project.projectDir().relativize(project.data().train().toAbsolutePath()).toString(),
                        all.fingerprint(), (long) all.rowCount()))
                .withConfigHash(project.configHash())
                .withCode(code)
                .withSeed(project.seed())
                .withRuntime(Provenance.RuntimeInfo.current(Nd4jRuntime.version()))
                .withStartedAt(startedAt);
    }

    private static void hyperparameters(ObjectNode h, ModelSection model, TrainingSettings training) {
        ArrayNode hidden = h.putArray("hidden");
        for (ModelSection.Hidden layer : model.hidden()) {
            ObjectNode l = hidden.addObject();
            l.put("units", layer.units());
            l.put("activation", layer.activation().jsonName());
            if (layer.alpha() != null) {
                l.put("alpha", layer.alpha());
            }
        }
        h.put("optimizer", training.optimizer().name().toLowerCase(Locale.ROOT));
        h.put("learning_rate", training.learningRate());
        if (training.optimizer() == TrainingSettings.Optimizer.SGD) {
            h.put("momentum", training.momentum());
        }
        h.put("batch_size", training.batchSize());
        h.put("epochs", training.epochs());
        h.put("l2", training.l2());
        if (training.earlyStopping() != null) {
            ObjectNode es = h.putObject("early_stopping");
            es.put("patience", training.earlyStopping().patience());
            es.put("validation_fraction", training.earlyStopping().validationFraction());
            es.put("min_delta", training.earlyStopping().minDelta());
        }
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Double.parseDouble(String.format(Locale.ROOT, "%.6g", v)) : v;
    }
}
