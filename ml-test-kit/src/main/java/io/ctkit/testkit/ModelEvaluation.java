package io.ctkit.testkit;

import io.ctkit.data.Column;
import io.ctkit.data.Dataset;
import io.ctkit.evaluate.EvaluateStep;
import io.ctkit.evaluate.EvaluationSettings;
import io.ctkit.gate.SliceKeys;
import io.ctkit.metrics.Evaluation;
import io.ctkit.metrics.Metric;
import io.ctkit.metrics.MetricValue;
import io.ctkit.metrics.Predictions;
import io.ctkit.metrics.SlicedEvaluation;
import io.ctkit.model.Model;
import io.ctkit.model.Task;
import io.ctkit.plots.EvaluationPlots;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A model judged on a dataset: every metric of its task with a bootstrap confidence interval, the
 * metrics per slice (column = value), and the scored rows. Immutable; read it with {@link #asMap()}
 * and the typed getters, or assert on it with {@code ModelAssertions.assertThat(evaluation)}.
 *
 * <p>A {@link Champion @Champion} parameter whose alias points at no version is an evaluation that
 * does not {@link #exists() exist}: it names what was looked for, and every getter but
 * {@link #exists()} and {@link #description()} throws {@link IllegalStateException}.
 */
public final class ModelEvaluation {

    private final String description;
    private final String digest;
    private final EvaluateStep.Result result;
    private final EvaluationSettings settings;
    // shared with the copies describedAs makes, so that slices and plots are computed once per evaluation
    private final Map<String, SlicedEvaluation> slices;
    private final AtomicReference<Map<String, byte[]>> plots;

    private ModelEvaluation(String description, String digest, EvaluateStep.Result result, EvaluationSettings settings,
            Map<String, SlicedEvaluation> slices, AtomicReference<Map<String, byte[]>> plots) {
        this.description = Objects.requireNonNull(description, "description");
        this.digest = digest;
        this.result = result;
        this.settings = settings;
        this.slices = slices;
        this.plots = plots;
    }

    private ModelEvaluation(String description, String digest, EvaluateStep.Result result, EvaluationSettings settings) {
        this(description, digest, result, settings, new ConcurrentHashMap<>(result == null ? Map.of() : result.slices()),
                new AtomicReference<>());
    }

    /**
     * The evaluation the evaluate step computed for a model.
     *
     * @param description the model as failure messages name it: name, version, short digest
     * @param digest the bundle's {@code sha256:} digest
     * @param result what {@link EvaluateStep#run} returned for the model scored on the data
     * @param settings the settings it ran with (slices of any column are computed with them later)
     */
    public static ModelEvaluation of(String description, String digest, EvaluateStep.Result result,
            EvaluationSettings settings) {
        return new ModelEvaluation(description, Objects.requireNonNull(digest, "digest"),
                Objects.requireNonNull(result, "result"), Objects.requireNonNull(settings, "settings"));
    }

    /** A champion that is not there; {@code description} says what was looked for, and where. */
    public static ModelEvaluation absent(String description) {
        return new ModelEvaluation(description, null, null, null);
    }

    /**
     * The same evaluation, named otherwise in messages: the same bundle may be tested as the
     * candidate and be the champion, and is evaluated once.
     */
    public ModelEvaluation describedAs(String otherDescription) {
        return otherDescription.equals(description) ? this
                : new ModelEvaluation(otherDescription, digest, result, settings, slices, plots);
    }

    /** False for a {@link Champion} whose alias points at no version (the first run). */
    public boolean exists() {
        return result != null;
    }

    /** The model as messages name it (name, registry version, short digest), or what was looked for. */
    public String description() {
        return description;
    }

    /** The bundle's {@code sha256:} digest. */
    public String digest() {
        require();
        return digest;
    }

    /** The task of the model. */
    public Task task() {
        return evaluation().task();
    }

    /** The number of rows scored. */
    public int rows() {
        return evaluation().rows();
    }

    /** The metrics over every row. */
    public Evaluation evaluation() {
        require();
        return result.evaluation();
    }

    /** The value and interval of a metric by its report name ({@code r2}, {@code f1_macro}...). */
    public MetricValue metric(String name) {
        return evaluation().value(Metric.fromKey(name));
    }

    /** Every metric's value by its report name, in the metrics' order (NaN when undefined). */
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        evaluation().asMap().forEach((metric, value) -> map.put(metric.key(), value));
        return Collections.unmodifiableMap(map);
    }

    /** The settings it was computed with: resamples, confidence, seed, slice columns, threshold. */
    public EvaluationSettings settings() {
        require();
        return settings;
    }

    /** The scored rows with their true labels or targets. */
    public Predictions predictions() {
        require();
        return result.predictions();
    }

    /** The rows as read: the model's inputs, the label and the slice columns. */
    public Dataset data() {
        require();
        return result.data();
    }

    /** The model that was scored, ready to score other rows (behavioural tests do). */
    public Model model() {
        require();
        return result.model();
    }

    /** The class names in index order; empty for regression. */
    public List<String> classes() {
        require();
        return result.classes();
    }

    /** The data's source as read and its {@code sha256:} fingerprint, e.g. {@code holdout.csv sha256:…}. */
    public String dataFingerprint() {
        return data().fingerprint();
    }

    /**
     * The metrics of every slice of {@code column}, each slice evaluated whatever its size (the
     * assertions say how many rows a slice had). Computed once per column, on first use.
     *
     * @throws IllegalArgumentException when the rows have no such column, saying how to add it
     */
    public SlicedEvaluation slices(String column) {
        require();
        return slices.computeIfAbsent(column, c -> {
            if (data().schema().column(c).isEmpty()) {
                throw new IllegalArgumentException("cannot slice by \"" + c + "\": it is neither a model input nor"
                        + " a slice column of @ModelQualityTest; add slices = \"" + c + "\" to the annotation (columns"
                        + " read: " + data().schema().columns().stream().map(Column::name).toList() + ")");
            }
            return settings.evaluator().evaluateSlices(predictions(), SliceKeys.of(data(), List.of(c)).get(c), 1);
        });
    }

    /**
     * The evaluation plots as PNG files by name ({@code calibration.png}, {@code roc.png} for
     * classifiers, {@code residuals.png} for regression...), drawn once, on first use.
     */
    public Map<String, byte[]> plots() {
        require();
        return plots.updateAndGet(drawn -> drawn != null ? drawn : Collections.unmodifiableMap(new LinkedHashMap<>(
                EvaluationPlots.of(predictions(), classes(), settings.threshold()))));
    }

    private void require() {
        if (result == null) {
            throw new IllegalStateException("there is no model to read: " + description);
        }
    }

    @Override
    public String toString() {
        return exists() ? description + " on " + rows() + " rows of " + data().source() : description;
    }
}
