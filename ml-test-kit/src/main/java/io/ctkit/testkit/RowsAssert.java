package io.ctkit.testkit;

import io.ctkit.metrics.Evaluation;
import io.ctkit.testkit.internal.quality.QualityMessages;
import org.assertj.core.api.AbstractAssert;

/** Assertions on how many rows an evaluation (or one of its slices) was computed on. */
public class RowsAssert extends AbstractAssert<RowsAssert, Integer> {

    private final ModelEvaluation evaluation;
    private final Evaluation scope;
    private final String slice;

    RowsAssert(ModelEvaluation evaluation, Evaluation scope, String slice) {
        super(scope.rows(), RowsAssert.class);
        this.evaluation = evaluation;
        this.scope = scope;
        this.slice = slice;
    }

    /** At least {@code minimum} rows were evaluated: a metric on too few rows says little. */
    public RowsAssert isAtLeast(long minimum) {
        if (actual < minimum) {
            failWithMessage("%s", slice == null ? QualityMessages.rows(minimum, evaluation, null)
                    : QualityMessages.sliceRows(minimum, scope, slice, evaluation));
        }
        return this;
    }
}
