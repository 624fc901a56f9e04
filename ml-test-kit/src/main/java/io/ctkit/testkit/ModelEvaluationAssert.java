package io.ctkit.testkit;

import io.ctkit.metrics.Evaluation;
import io.ctkit.metrics.Metric;
import io.ctkit.metrics.SlicedEvaluation;
import io.ctkit.gate.Numbers;
import io.ctkit.testkit.internal.quality.BehaviourMessages;
import io.ctkit.testkit.internal.quality.Behaviours;
import io.ctkit.testkit.internal.quality.QualityMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link ModelEvaluation}, over every row or, after {@link #onSlice(String, String)},
 * over the rows of one slice. Failure messages name the metric, its value and interval, the rows,
 * the slice, the threshold and the model.
 */
public class ModelEvaluationAssert extends AbstractAssert<ModelEvaluationAssert, ModelEvaluation> {

    private final String column;
    private final String value;

    /** Assertions over every row of {@code actual}. */
    public ModelEvaluationAssert(ModelEvaluation actual) {
        this(actual, null, null);
    }

    private ModelEvaluationAssert(ModelEvaluation actual, String column, String value) {
        super(actual, ModelEvaluationAssert.class);
        this.column = column;
        this.value = value;
    }

    /**
     * The same assertions on the rows whose {@code column} is {@code value} (a model input, or a
     * column listed in {@code @ModelQualityTest(slices)}); fails when no row has that value.
     */
    public ModelEvaluationAssert onSlice(String column, String value) {
        isNotNull();
        requireModel();
        ModelEvaluationAssert sliced = new ModelEvaluationAssert(actual, column, value);
        sliced.scope();
        return sliced;
    }

    /**
     * A metric by its report name ({@code r2}, {@code rmse}, {@code f1_macro}, {@code roc_auc}...);
     * throws IllegalArgumentException for a name that is no metric of the model's task.
     */
    public MetricAssert metric(String name) {
        isNotNull();
        requireModel();
        Metric metric = Metric.fromKey(name);
        if (!metric.supports(actual.task())) {
            throw new IllegalArgumentException("metric " + name + " is not defined for " + actual.task().shortName()
                    + " models; metrics for " + actual.task().shortName() + ": " + String.join(", ",
                            Metric.forTask(actual.task()).stream().map(Metric::key).toList()));
        }
        return new MetricAssert(scope(), metric, sliceName(), actual.description(), QualityMessages.Statistic.VALUE);
    }

    /** The number of rows evaluated (of the slice, after {@link #onSlice}). */
    public RowsAssert rows() {
        isNotNull();
        requireModel();
        return new RowsAssert(actual, scope(), sliceName());
    }

    /**
     * The expected calibration error of a classifier over every row (see {@link CalibrationErrorAssert});
     * throws IllegalArgumentException for a regression model.
     */
    public CalibrationErrorAssert calibrationError() {
        isNotNull();
        requireModel();
        if (column != null) {
            throw new IllegalStateException("the calibration error is computed over every row: call calibrationError()"
                    + " on assertThat(evaluation), not after onSlice(..)");
        }
        return new CalibrationErrorAssert(actual);
    }

    /**
     * A paired comparison with {@code champion} on the same rows, as the gate's no-regression rule
     * judges it; see {@link ChampionComparisonAssert}. Only over every row.
     */
    public ChampionComparisonAssert isNoWorseThan(ModelEvaluation champion) {
        isNotNull();
        requireModel();
        if (column != null) {
            throw new IllegalStateException("a comparison with the champion is over every row: call isNoWorseThan on"
                    + " assertThat(evaluation), not after onSlice(\"" + column + "\", \"" + value + "\")");
        }
        if (champion == null) {
            throw new IllegalArgumentException("champion is null: declare it as a parameter, @Champion ModelEvaluation"
                    + " champion");
        }
        return new ChampionComparisonAssert(actual, champion, false);
    }

    /**
     * Behavioural checks of the model under {@code perturbation}, on every row of the evaluation's
     * data: invariance and directional expectations (see {@link BehaviourAssert}).
     */
    public BehaviourAssert under(Perturbation perturbation) {
        isNotNull();
        requireModel();
        if (column != null) {
            throw new IllegalStateException("behavioural checks run on every row: call under(..) on"
                    + " assertThat(evaluation), not after onSlice(..)");
        }
        return new BehaviourAssert(actual, java.util.Objects.requireNonNull(perturbation, "perturbation"), 0, null);
    }

    /**
     * Minimum functionality: each case's input gives its expected output. Every case is run; the
     * failure lists every case that failed.
     */
    public ModelEvaluationAssert passesCases(BehaviourCase... cases) {
        isNotNull();
        requireModel();
        List<String> failures = new ArrayList<>();
        if (cases.length == 0) {
            throw new IllegalArgumentException("passesCases() needs at least one case: BehaviourCase.of(name, input)"
                    + ".expectsClass(..) or .expectsValue(..)");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BehaviourCase c : cases) {
            rows.add(c.input());
        }
        double[][] outputs = Behaviours.outputs(actual.model(), rows);
        for (int i = 0; i < cases.length; i++) {
            BehaviourCase c = cases[i];
            double[] out = outputs[i];
            if ((c.expectedClass() == null) != (actual.task() == io.ctkit.model.Task.REGRESSION)) {
                throw new IllegalArgumentException("case \"" + c.name() + "\" expects " + (c.expectedClass() == null
                        ? "a value" : "a class") + " but the model is a " + actual.task().shortName() + " model: use "
                        + (c.expectedClass() == null ? "expectsClass" : "expectsValue"));
            }
            if (c.expectedClass() != null) {
                int best = 0;
                for (int k = 1; k < out.length; k++) {
                    best = out[k] > out[best] ? k : best;
                }
                String predicted = actual.classes().get(best);
                if (!predicted.equals(c.expectedClass())) {
                    failures.add(BehaviourMessages.caseFailed(c.name(), c.input(), "class " + c.expectedClass(),
                            "class " + predicted + " (p " + Numbers.format(out[best]) + ")", actual.description()));
                }
            } else if (!(Math.abs(out[0] - c.expectedValue()) <= c.tolerance().allowedAround(c.expectedValue()))) {
                failures.add(BehaviourMessages.caseFailed(c.name(), c.input(), Numbers.format(c.expectedValue())
                        + " \u00b1 " + c.tolerance(), Numbers.format(out[0]), actual.description()));
            }
        }
        if (!failures.isEmpty()) {
            failWithMessage("%s", String.join(System.lineSeparator(), failures));
        }
        return this;
    }

    private Evaluation scope() {
        if (column == null) {
            return actual.evaluation();
        }
        SlicedEvaluation slices = actual.slices(column);
        Evaluation slice = slices.slices().get(value);
        if (slice == null) {
            failWithMessage("%s", QualityMessages.missingSlice(column, value, slices, actual.description()));
        }
        return slice;
    }

    private String sliceName() {
        return column == null ? null : column + "=" + value;
    }

    private void requireModel() {
        if (!actual.exists()) {
            throw new IllegalStateException("there is no model to assert on: " + actual.description()
                    + "; a champion that does not exist can only be compared with, through isNoWorseThan(champion)");
        }
    }
}
