package io.ctkit.metrics;

import io.ctkit.model.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The built-in metrics, identified by their report {@link #key()} and computed as
 * scikit-learn computes them (see {@code docs/metrics.md} for each definition and edge case).
 *
 * <p>Each constant knows the tasks it is defined for, whether a higher value is better
 * (for gates and comparisons), and carries its own computation.
 */
public enum Metric {
    /** Fraction of rows predicted correctly. */
    ACCURACY("accuracy", Tasks.CLASSIFICATION, true,
            s -> ClassificationMetrics.accuracy(s.confusion(), s.classes())),
    /** Mean recall over the classes present in the true labels. */
    BALANCED_ACCURACY("balanced_accuracy", Tasks.CLASSIFICATION, true,
            s -> ClassificationMetrics.balancedAccuracy(s.confusion(), s.classes())),
    /** Binary: precision of class 1 (0 when nothing is predicted 1). */
    PRECISION("precision", Tasks.BINARY, true,
            s -> ClassificationMetrics.precision(s.confusion(), s.classes(), 1)),
    /** Binary: recall of class 1 (0 when no row is 1). */
    RECALL("recall", Tasks.BINARY, true,
            s -> ClassificationMetrics.recall(s.confusion(), s.classes(), 1)),
    /** Binary: F1 of class 1. */
    F1("f1", Tasks.BINARY, true,
            s -> ClassificationMetrics.f1(s.confusion(), s.classes(), 1)),
    /** Unweighted mean precision over the classes present in true or predicted labels. */
    PRECISION_MACRO("precision_macro", Tasks.CLASSIFICATION, true,
            s -> ClassificationMetrics.precisionMacro(s.confusion(), s.classes())),
    /** Unweighted mean recall over the classes present in true or predicted labels. */
    RECALL_MACRO("recall_macro", Tasks.CLASSIFICATION, true,
            s -> ClassificationMetrics.recallMacro(s.confusion(), s.classes())),
    /** Unweighted mean F1 over the classes present in true or predicted labels. */
    F1_MACRO("f1_macro", Tasks.CLASSIFICATION, true,
            s -> ClassificationMetrics.f1Macro(s.confusion(), s.classes())),
    /** Per-class F1 weighted by the number of true rows of each class. */
    F1_WEIGHTED("f1_weighted", Tasks.CLASSIFICATION, true,
            s -> ClassificationMetrics.f1Weighted(s.confusion(), s.classes())),
    /** Area under the ROC curve; multiclass: macro one-vs-rest. NaN when a class has no rows. */
    ROC_AUC("roc_auc", Tasks.CLASSIFICATION, true, Sample::rocAuc,
            "undefined: the rows hold a single class (multiclass: some class has no rows)"),
    /** Step-wise (not interpolated) average precision; multiclass: macro one-vs-rest. */
    AVERAGE_PRECISION("average_precision", Tasks.CLASSIFICATION, true, Sample::averagePrecision),
    /** Mean negative natural log of the probability of the true class (clipped, rows renormalised). */
    LOG_LOSS("log_loss", Tasks.CLASSIFICATION, false, Sample::logLoss),
    /** Binary: mean (y - score)^2; multiclass: mean over rows of the squared distance to one-hot. */
    BRIER("brier", Tasks.CLASSIFICATION, false, Sample::brier),
    /** Matthews correlation coefficient (K-class form); 0 when undefined. */
    MCC("mcc", Tasks.CLASSIFICATION, true,
            s -> ClassificationMetrics.mcc(s.confusion(), s.classes())),
    /** Root mean squared error. */
    RMSE("rmse", Tasks.REGRESSION, false, s -> s.regression().rmse(s.weights())),
    /** Mean absolute error. */
    MAE("mae", Tasks.REGRESSION, false, s -> s.regression().mae(s.weights())),
    /** Coefficient of determination; NaN below two rows, 0 for constant targets with imperfect predictions. */
    R2("r2", Tasks.REGRESSION, true, s -> s.regression().r2(s.weights()),
            "undefined: fewer than two rows"),
    /** Mean absolute percentage error as a fraction; |y| is floored at 2.2e-16. */
    MAPE("mape", Tasks.REGRESSION, false, s -> s.regression().mape(s.weights())),
    /** Median absolute error. */
    MEDIAN_AE("median_ae", Tasks.REGRESSION, false,
            s -> s.regression().medianAbsoluteError(s.weights()));

    /** How a metric is computed from one (possibly resampled) set of rows. */
    interface Computation {
        double compute(Sample sample);
    }

    private final String key;
    private final Set<Task> tasks;
    private final boolean higherIsBetter;
    private final Computation computation;
    private final String undefinedReason;

    Metric(String key, Set<Task> tasks, boolean higherIsBetter, Computation computation) {
        this(key, tasks, higherIsBetter, computation, "undefined for these rows");
    }

    Metric(String key, Set<Task> tasks, boolean higherIsBetter, Computation computation, String undefinedReason) {
        this.key = key;
        this.tasks = Collections.unmodifiableSet(tasks);
        this.higherIsBetter = higherIsBetter;
        this.computation = computation;
        this.undefinedReason = undefinedReason;
    }

    /** The report name, e.g. {@code "roc_auc"}. */
    public String key() {
        return key;
    }

    /** The tasks this metric is defined for. */
    public Set<Task> tasks() {
        return tasks;
    }

    /** Whether this metric is defined for {@code task}. */
    public boolean supports(Task task) {
        return tasks.contains(task);
    }

    /** True for scores (accuracy, roc_auc, r2...), false for losses and errors (log_loss, rmse...). */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Why this metric can be NaN; written next to a {@code null} value in reports. */
    public String undefinedReason() {
        return undefinedReason;
    }

    double compute(Sample sample) {
        return computation.compute(sample);
    }

    /** The metrics defined for {@code task}, in declaration order. */
    public static List<Metric> forTask(Task task) {
        List<Metric> metrics = new ArrayList<>();
        for (Metric metric : values()) {
            if (metric.supports(task)) {
                metrics.add(metric);
            }
        }
        return Collections.unmodifiableList(metrics);
    }

    /** The metric whose {@link #key()} is {@code key}; throws IllegalArgumentException naming the valid keys. */
    public static Metric fromKey(String key) {
        for (Metric metric : values()) {
            if (metric.key.equals(key)) {
                return metric;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + key + "': known metrics are "
                + Arrays.stream(values()).map(Metric::key).collect(Collectors.joining(", ")));
    }

    /** Task sets, in a holder because enum constants cannot refer to the enum's own static fields. */
    private static final class Tasks {
        static final Set<Task> BINARY = EnumSet.of(Task.BINARY_CLASSIFICATION);
        static final Set<Task> CLASSIFICATION = EnumSet.of(Task.BINARY_CLASSIFICATION, Task.MULTICLASS_CLASSIFICATION);
        static final Set<Task> REGRESSION = EnumSet.of(Task.REGRESSION);
    }
}
