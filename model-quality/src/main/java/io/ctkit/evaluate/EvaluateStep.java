package io.ctkit.evaluate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.bundle.Bundle;
import io.ctkit.data.Dataset;
import io.ctkit.data.DatasetReader;
import io.ctkit.data.Schema;
import io.ctkit.files.AtomicFiles;
import io.ctkit.gate.SliceKeys;
import io.ctkit.metrics.Evaluation;
import io.ctkit.metrics.Evaluator;
import io.ctkit.metrics.Predictions;
import io.ctkit.metrics.SlicedEvaluation;
import io.ctkit.model.Model;
import io.ctkit.model.Task;
import io.ctkit.plots.EvaluationPlots;
import io.ctkit.quality.Reports;
import io.ctkit.scoring.ModelData;
import io.ctkit.scoring.PredictionsFile;
import io.ctkit.scoring.Scoring;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code evaluate} step: metrics with bootstrap confidence intervals, per-slice metrics and
 * plots, for a model scored on data or for a file of predictions. It writes the metrics report
 * (plots first, the report last, each atomically, so a report on disk always comes with the plots
 * it lists) and returns the evaluation. {@code ctkit evaluate}, the {@code evaluate} stage of
 * {@code ctkit run} and the JUnit kit all call it, so they give the same report for the same inputs.
 *
 * <pre>{@code
 * EvaluateStep.Result r = EvaluateStep.run(EvaluateStep.Request
 *         .of(EvaluateStep.Subject.model(Path.of("model"), Path.of("holdout.csv"), "label"))
 *         .withSettings(EvaluationSettings.defaults().withSlices(List.of("channel"), 30))
 *         .withReport(Path.of("metrics.json")));
 * double f1 = r.evaluation().value(Metric.F1_MACRO).value();
 * }</pre>
 */
public final class EvaluateStep {
    private EvaluateStep() {
    }

    /** What is evaluated: a model bundle scored on a CSV file, or a predictions file. */
    public sealed interface Subject {

        /**
         * A model bundle (directory or .tar) scored on {@code data}, whose column {@code label}
         * holds the true label; the data is read with a column per model input.
         */
        static Subject model(Path bundle, Path data, String label) {
            return new ModelOnData(bundle, data, label, null);
        }

        /** As {@link #model(Path, Path, String)}, with the data read with {@code schema} (a project's). */
        static Subject model(Path bundle, Path data, Schema schema) {
            return new ModelOnData(bundle, data, schema.label().orElseThrow(() -> new IllegalArgumentException(
                    "the schema for " + data + " declares no label column")).name(), schema);
        }

        /**
         * An opened, verified bundle (e.g. from the registry, or found by the test kit) scored on
         * {@code data}, whose column {@code label} holds the true label; {@code source} says where
         * the bundle came from in the report.
         */
        static Subject model(Bundle bundle, String source, Path data, String label) {
            return new LoadedModel(bundle, source, data, label);
        }

        /** A predictions file (label plus score | prob_&lt;class&gt; | prediction) for {@code task}. */
        static Subject predictions(Path file, Task task) {
            return new PredictionsOnFile(file, task);
        }
    }

    /** See {@link Subject#model}. */
    public record ModelOnData(Path bundle, Path data, String label, Schema schema) implements Subject {
        public ModelOnData {
            Objects.requireNonNull(bundle, "bundle");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(label, "label");
        }
    }

    /** See {@link Subject#model(Bundle, String, Path, String)}. */
    public record LoadedModel(Bundle bundle, String source, Path data, String label) implements Subject {
        public LoadedModel {
            Objects.requireNonNull(bundle, "bundle");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(label, "label");
        }
    }

    /** See {@link Subject#predictions}. */
    public record PredictionsOnFile(Path file, Task task) implements Subject {
        public PredictionsOnFile {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(task, "task");
        }
    }

    /**
     * What to evaluate and where to write.
     *
     * @param report the metrics report to write, or null for none
     * @param plots  the directory for the PNG plots, or null for none ({@code settings.plots()}
     *               must be on as well)
     */
    public record Request(Subject subject, EvaluationSettings settings, Path report, Path plots) {
        public Request {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(settings, "settings");
        }

        /** The subject with default settings, writing nothing. */
        public static Request of(Subject subject) {
            return new Request(subject, EvaluationSettings.defaults(), null, null);
        }

        public Request withSettings(EvaluationSettings s) {
            return new Request(subject, s, report, plots);
        }

        public Request withReport(Path file) {
            return new Request(subject, settings, file, plots);
        }

        public Request withPlots(Path dir) {
            return new Request(subject, settings, report, dir);
        }
    }

    /**
     * What an evaluation found.
     *
     * @param evaluation  the metrics over every row
     * @param slices      per slice column, the metrics per slice
     * @param predictions the scored rows with their true labels
     * @param classes     class names in index order (binary predictions files: 0 and 1; regression: none)
     * @param data        the rows as read
     * @param model       the model scored, or null for a predictions file
     * @param report      the metrics report (as written when a report file was given)
     * @param reportFile  where the report was written, or null
     * @param plots       the plot files written, by name ({@code roc.png}, ...)
     */
    public record Result(Evaluation evaluation, Map<String, SlicedEvaluation> slices, Predictions predictions,
            List<String> classes, Dataset data, Model model, ObjectNode report, Path reportFile, Map<String, Path> plots) {
        public Result {
            slices = Collections.unmodifiableMap(new LinkedHashMap<>(slices));
            classes = List.copyOf(classes);
            plots = Collections.unmodifiableMap(new LinkedHashMap<>(plots));
        }
    }

    /**
     * Evaluates and writes what the request asks for.
     *
     * @throws IOException when a file cannot be read or written
     * @throws IllegalArgumentException for input that cannot be evaluated, naming file and row
     */
    public static Result run(Request request) throws IOException {
        EvaluationSettings settings = request.settings();
        ObjectNode context = Reports.object();
        Scored scored;
        if (request.subject() instanceof ModelOnData m) {
            Bundle bundle = Bundle.open(m.bundle());
            scored = fromModel(bundle, m.bundle().toString(), m.data(), m.label(), m.schema(), settings, context);
        } else if (request.subject() instanceof LoadedModel l) {
            scored = fromModel(l.bundle(), l.source(), l.data(), l.label(), null, settings, context);
        } else {
            scored = fromFile((PredictionsOnFile) request.subject(), settings, context);
        }
        Evaluator evaluator = settings.evaluator();
        Evaluation evaluation = evaluator.evaluate(scored.predictions());
        ObjectNode report = evaluation.toJson();
        report.setAll(context);
        Map<String, SlicedEvaluation> sliced = new LinkedHashMap<>();
        if (!settings.slices().isEmpty()) {
            ObjectNode node = report.putObject("slices");
            SliceKeys.of(scored.data(), settings.slices()).forEach((column, keys) -> {
                SlicedEvaluation s = evaluator.evaluateSlices(scored.predictions(), keys, settings.minSliceSize());
                sliced.put(column, s);
                node.set(column, s.toJson());
            });
        }
        Map<String, Path> plots = new LinkedHashMap<>();
        if (settings.plots() && request.plots() != null) {
            Map<String, byte[]> images = EvaluationPlots.of(scored.predictions(), scored.classes(), settings.threshold());
            ArrayNode list = report.putArray("plots");
            for (Map.Entry<String, byte[]> image : images.entrySet()) {
                Path file = request.plots().resolve(image.getKey());
                AtomicFiles.write(file, image.getValue());
                plots.put(image.getKey(), file);
                list.add(listed(request.report(), file));
            }
        }
        if (request.report() != null) {
            // the report last: a report on disk always comes with the plots it lists
            Reports.write(request.report(), report);
        }
        return new Result(evaluation, sliced, scored.predictions(), scored.classes(), scored.data(), scored.model(),
                report, request.report(), plots);
    }

    /** A plot as the report lists it: relative to the report's directory, so a copied run stays whole. */
    private static String listed(Path report, Path plot) {
        Path base = (report == null ? Path.of("") : report).toAbsolutePath().normalize().getParent();
        Path abs = plot.toAbsolutePath().normalize();
        return base == null ? abs.toString() : base.relativize(abs).toString().replace('\\', '/');
    }

    private record Scored(Predictions predictions, List<String> classes, Dataset data, Model model) {
    }

    private static Scored fromModel(Bundle bundle, String source, Path file, String label, Schema schema,
            EvaluationSettings settings, ObjectNode context) throws IOException {
        Model model = Model.from(bundle);
        Dataset data;
        if (schema == null) {
            data = ModelData.read(model, file, label, null, new ArrayList<>(settings.slices()));
        } else {
            data = DatasetReader.of(schema).read(file);
            if (data.rowCount() == 0) {
                throw new IllegalArgumentException(file + ": no data rows (only a header); evaluation needs rows");
            }
        }
        Predictions predictions = Scoring.scoreWithTruth(model, data);
        ObjectNode modelNode = context.putObject("model");
        modelNode.put("name", model.name());
        modelNode.put("source", source);
        modelNode.put("sha256", bundle.digest());
        describe(context, data).put("label_column", label);
        return new Scored(predictions, model.task() == Task.REGRESSION ? List.of() : model.labels(), data, model);
    }

    private static Scored fromFile(PredictionsOnFile p, EvaluationSettings settings, ObjectNode context)
            throws IOException {
        PredictionsFile file = PredictionsFile.read(p.file(), p.task(), settings.slices(), null);
        describe(context, file.data());
        return new Scored(file.predictions(), file.classes(), file.data(), null);
    }

    private static ObjectNode describe(ObjectNode context, Dataset data) {
        ObjectNode node = context.putObject("data");
        node.put("source", data.source());
        node.put("sha256", data.fingerprint());
        return node;
    }
}
