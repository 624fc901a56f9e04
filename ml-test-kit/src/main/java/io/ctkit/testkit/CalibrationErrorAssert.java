package io.ctkit.testkit;

import io.ctkit.metrics.CalibrationCurve;
import io.ctkit.model.Task;
import io.ctkit.testkit.internal.quality.QualityMessages;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a classifier's expected calibration error over every row: 10 equal-width bins of
 * the predicted probability, as the calibration plot draws them; for a binary classifier the
 * probability of class 1 against its observed frequency, for a multiclass one the top-label
 * confidence against the accuracy (Guo et al. 2017). 0 is perfectly calibrated.
 */
public class CalibrationErrorAssert extends AbstractAssert<CalibrationErrorAssert, Double> {

    /** The bins of the calibration error, the same as the calibration plot's. */
    public static final int BINS = 10;

    private final ModelEvaluation evaluation;

    CalibrationErrorAssert(ModelEvaluation evaluation) {
        super(compute(evaluation), CalibrationErrorAssert.class);
        this.evaluation = evaluation;
    }

    private static double compute(ModelEvaluation evaluation) {
        if (evaluation.task() == Task.REGRESSION) {
            throw new IllegalArgumentException("the calibration error is a classifier's; " + evaluation.description()
                    + " is a regression model");
        }
        CalibrationCurve curve = evaluation.task() == Task.BINARY_CLASSIFICATION
                ? CalibrationCurve.of(evaluation.predictions(), BINS, CalibrationCurve.Strategy.UNIFORM)
                : CalibrationCurve.topLabel(evaluation.predictions(), BINS, CalibrationCurve.Strategy.UNIFORM);
        return curve.expectedCalibrationError();
    }

    /** The expected calibration error is at most {@code maximum}. */
    public CalibrationErrorAssert isAtMost(double maximum) {
        if (!(actual <= maximum)) {
            failWithMessage("%s", QualityMessages.calibration(evaluation.task() == Task.BINARY_CLASSIFICATION
                    ? "the probability of class " + evaluation.classes().get(1) : "the top-label confidence", BINS,
                    maximum, actual, evaluation));
        }
        return this;
    }
}
