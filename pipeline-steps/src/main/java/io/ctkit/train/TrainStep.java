package io.ctkit.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.data.Dataset;
import io.ctkit.files.AtomicFiles;
import io.ctkit.files.FileTrees;
import io.ctkit.provenance.CodeVersion;
import io.ctkit.provenance.Provenance;
import io.ctkit.quality.Reports;
import io.ctkit.data.DatasetReader;
import io.ctkit.monitor.DriftReference;
import io.ctkit.data.Split;
import io.ctkit.data.SplitFractions;
import io.ctkit.model.Task;
import io.ctkit.model.preprocess.FeatureEncoder;
import io.ctkit.model.preprocess.InputSpec;
import io.ctkit.project.PipelineFile;
import io.ctkit.project.ProjectData;
import io.ctkit.train.TrainingSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code train} step: reads the training data, fits the preprocessing on it, trains the network
 * with ND4J, and writes {@code <out>/model/} (a verified bundle, with the training data's drift
 * reference) and {@code <out>/training.json} (provenance and history). A training whose data, config and code equal an earlier one's is
 * reused from the cache instead (unless forced). Output appears whole or not at all.
 */
public final class TrainStep {
    /** The bundle directory inside the output directory. */
    public static final String BUNDLE = "model";
    /** The training report inside the output directory. */
    public static final String REPORT = "training.json";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PipelineFile project;
    private final TrainingProgress progress;
    private final boolean force;
    private final Path cacheDir;

    private TrainStep(PipelineFile project, TrainingProgress progress, boolean force, Path cacheDir) {
        this.project = project;
        this.progress = progress;
        this.force = force;
        this.cacheDir = cacheDir;
    }

    /**
     * The schema the project's files are read with: the declared one, except that columns of
     * imputed features keep missing cells for the model's impute op (as serving gets them).
     */
    public static io.ctkit.data.Schema dataSchema(PipelineFile project) {
        return new FeaturePlan(project).readSchema();
    }

    public static TrainStep of(PipelineFile project) {
        return new TrainStep(project, TrainingProgress.silent(), false,
                project.projectDir().resolve(".ctkit").resolve("cache").resolve("train"));
    }

    public TrainStep withProgress(TrainingProgress p) {
        return new TrainStep(project, p, force, cacheDir);
    }

    /** Trains even when the cache has this training already. */
    public TrainStep withForce(boolean f) {
        return new TrainStep(project, progress, f, cacheDir);
    }

    public TrainStep withCacheDir(Path dir) {
        return new TrainStep(project, progress, force, dir);
    }

    /**
     * What a training produced (or reused).
     *
     * @param provenance      where the bundle comes from, as {@code training.json} records it
     * @param hyperparameters the settings that trained it, as text (nested ones as JSON)
     */
    public record Result(Path output, Path bundle, Path report, String digest, boolean cached, String cacheKey,
            String summary, Provenance provenance, Map<String, String> hyperparameters) {

        /** Reads the typed parts of a {@code training.json}: provenance and hyperparameters. */
        static Result of(Path out, boolean cached, String key, String summary, ObjectNode report) {
            Map<String, String> hyper = new java.util.LinkedHashMap<>();
            report.path("hyperparameters").fields().forEachRemaining(e -> hyper.put(e.getKey(),
                    e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
            return new Result(out, out.resolve(BUNDLE), out.resolve(REPORT), report.path("model").path("digest").asText(),
                    cached, key, summary, Provenance.read(report, out.resolve(REPORT).toString()),
                    java.util.Collections.unmodifiableMap(hyper));
        }
    }

    /**
     * Trains into {@code out} (created or replaced whole).
     *
     * @throws IOException for unreadable or invalid data ({@link io.ctkit.data.DatasetException} names file and line)
     * @throws IllegalArgumentException for data that cannot train this model, naming what and where
     */
    public Result run(Path out) throws IOException {
        refuseForeign(out);
        long t0 = System.nanoTime();
        Instant startedAt = Instant.now();
        ProjectData.ensure(project);
        FeaturePlan plan = new FeaturePlan(project);
        Dataset all = DatasetReader.of(plan.readSchema()).read(project.data().train());
        if (all.rowCount() == 0) {
            throw new IllegalArgumentException(project.data().train() + ": no data rows (only a header); training needs rows");
        }
        long tRead = System.nanoTime();
        CodeVersion code = CodeVersion.of(project.projectDir());
        String key = TrainingCache.key(all.fingerprint(), project.configHash(), code);
        TrainingCache cache = new TrainingCache(cacheDir);
        if (!force) {
            Optional<Path> hit = cache.lookup(key);
            if (hit.isPresent()) {
                return reuse(hit.get(), out, key);
            }
        }
        Task task = project.model().task();
        List<String> classes = task == Task.REGRESSION ? List.of() : classes(all);
        TrainingSettings training = project.section(TrainingSection.SECTION);
        Dataset trainPart = all;
        Dataset validationPart = null;
        if (training.earlyStopping() != null) {
            double f = training.earlyStopping().validationFraction();
            SplitFractions fractions = SplitFractions.of(1 - f, f, 0);
            Split split = task == Task.REGRESSION ? Split.random(all, project.seed(), fractions)
                    : Split.stratified(all, project.seed(), fractions);
            trainPart = split.train();
            validationPart = split.validation().rowCount() == 0 ? null : split.validation();
            if (trainPart.rowCount() == 0) {
                throw new IllegalArgumentException(project.data().train() + ": " + all.rowCount()
                        + " rows leave none for training after the validation split; add rows or lower"
                        + " training.early_stopping.validation_fraction");
            }
        }
        List<InputSpec> inputs = plan.inputs(all);
        FeatureEncoder encoder = plan.fit(inputs, trainPart);
        Targets targets = Targets.of(task, classes, trainPart);
        EncodedRows trainRows = targets.encode(encoder, trainPart, inputs);
        EncodedRows validationRows = validationPart == null ? null : targets.encode(encoder, validationPart, inputs);
        long tFit = System.nanoTime();

        float[] classWeights = ClassWeights.of(task, classes, training, trainPart);
        Trainer.Outcome outcome = new Trainer(task, project.model(), training, project.seed(), progress)
                .train(trainRows, validationRows, classWeights);
        long tTrain = System.nanoTime();

        Path staging = AtomicFiles.stagingDirectory(out);
        try {
            BundleExport.Exported exported = BundleExport.write(project.name(), task, encoder, classes, outcome, targets,
                    validationRows != null ? validationRows : trainRows, DriftReference.of(all, encoder.inputs()),
                    staging.resolve(BUNDLE));
            long tExport = System.nanoTime();
            ObjectNode report = TrainingReport.build(project, all, trainPart, validationPart, code, key, outcome, exported,
                    classWeights, classes, startedAt, Map.of(
                            "read_ms", ms(tRead - t0), "fit_preprocessing_ms", ms(tFit - tRead),
                            "train_ms", ms(tTrain - tFit), "export_ms", ms(tExport - tTrain), "total_ms", ms(tExport - t0)));
            Files.write(staging.resolve(REPORT), Reports.bytes(report));
            cache.store(key, staging);
            AtomicFiles.replaceDirectory(staging, out);
            String summary = String.format(java.util.Locale.ROOT, "trained %s (%s) in %.1f s: %s; bundle %s (%s)",
                    project.name(), task.jsonName(), (tTrain - tFit) / 1e9, outcome.stopReason(), out.resolve(BUNDLE),
                    exported.digest());
            progress.finished(summary);
            return Result.of(out, false, key, summary, report);
        } finally {
            FileTrees.delete(staging);
        }
    }

    private Result reuse(Path entry, Path out, String key) throws IOException {
        Path staging = AtomicFiles.stagingDirectory(out);
        try {
            FileTrees.copy(entry, staging);
            ObjectNode report = (ObjectNode) JSON.readTree(staging.resolve(REPORT).toFile());
            ObjectNode cacheNode = report.putObject("cache");
            cacheNode.put("key", key);
            cacheNode.put("hit", true);
            cacheNode.put("reused_from", entry.toString());
            Files.write(staging.resolve(REPORT), Reports.bytes(report));
            String digest = report.path("model").path("digest").asText();
            AtomicFiles.replaceDirectory(staging, out);
            String summary = "reused the cached training " + key.substring(0, 12) + " (same data, config and code; --force"
                    + " retrains): bundle " + out.resolve(BUNDLE) + " (" + digest + ")";
            progress.finished(summary);
            return Result.of(out, true, key, summary, report);
        } finally {
            FileTrees.delete(staging);
        }
    }

    /** The output is replaced whole, so it must be empty, absent, or an earlier training's output. */
    private static void refuseForeign(Path out) throws IOException {
        if (!Files.exists(out)) {
            return;
        }
        if (!Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + ": exists and is not a directory; give --out a directory for the"
                    + " bundle and its report");
        }
        try (var entries = Files.list(out)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).sorted().toList();
            if (!names.isEmpty() && !List.of(BUNDLE, REPORT).equals(names)) {
                throw new IllegalArgumentException(out + ": is not empty and not an earlier training's output (it holds "
                        + String.join(", ", names.subList(0, Math.min(5, names.size())))
                        + (names.size() > 5 ? ", ..." : "") + "); training replaces its output whole, so give a new"
                        + " or empty directory");
            }
        }
    }

    private List<String> classes(Dataset all) {
        List<String> classes = all.classes();
        if (project.model().task() == Task.BINARY_CLASSIFICATION && classes.size() != 2) {
            throw new IllegalArgumentException(project.data().train() + ": binary-classification needs exactly 2 classes in"
                    + " label \"" + project.data().label() + "\", found " + classes.size() + " " + classes
                    + "; declare values: [negative, positive] in the schema or use multiclass-classification");
        }
        if (classes.size() < 2) {
            throw new IllegalArgumentException(project.data().train() + ": label \"" + project.data().label()
                    + "\" has " + classes.size() + " class " + classes + "; a classifier needs at least 2");
        }
        return classes;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
