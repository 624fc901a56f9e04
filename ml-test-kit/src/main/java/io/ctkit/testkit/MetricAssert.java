package io.ctkit.testkit;

import io.ctkit.metrics.ConfidenceInterval;
import io.ctkit.metrics.Evaluation;
import io.ctkit.metrics.Metric;
import io.ctkit.metrics.MetricValue;
import io.ctkit.testkit.internal.quality.QualityMessages;
import io.ctkit.testkit.internal.quality.QualityMessages.Statistic;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one metric of an evaluation: its point value, or with {@link #lowerBound()} /
 * {@link #upperBound()} a bound of its bootstrap confidence interval. A metric that is undefined on
 * the rows (e.g. {@code r2} of a single row) fails every comparison.
 *
 * <pre>{@code
 * assertThat(evaluation).metric("r2").lowerBound().isAtLeast(0.70);   // sure at the interval's level
 * assertThat(evaluation).metric("rmse").isAtMost(12.5);              // the point estimate
 * }</pre>
 */
public class MetricAssert extends AbstractAssert<MetricAssert, MetricValue> {

    private final Evaluation evaluation;
    private final Metric metric;
    private final String slice;
    private final String model;
    private final Statistic statistic;

    MetricAssert(Evaluation evaluation, Metric metric, String slice, String model, Statistic statistic) {
        super(evaluation.value(metric), MetricAssert.class);
        this.evaluation = evaluation;
        this.metric = metric;
        this.slice = slice;
        this.model = model;
        this.statistic = statistic;
    }

    /** The lower bound of the metric's confidence interval; needs {@code resamples > 0}. */
    public MetricAssert lowerBound() {
        return new MetricAssert(evaluation, metric, slice, model, Statistic.LOWER_BOUND);
    }

    /** The upper bound of the metric's confidence interval; needs {@code resamples > 0}. */
    public MetricAssert upperBound() {
        return new MetricAssert(evaluation, metric, slice, model, Statistic.UPPER_BOUND);
    }

    /** The value (or bound) is at least {@code minimum}. */
    public MetricAssert isAtLeast(double minimum) {
        double observed = observed("at least", minimum);
        if (!(observed >= minimum)) {
            fail("at least", minimum, observed);
        }
        return this;
    }

    /** The value (or bound) is at most {@code maximum}. */
    public MetricAssert isAtMost(double maximum) {
        double observed = observed("at most", maximum);
        if (!(observed <= maximum)) {
            fail("at most", maximum, observed);
        }
        return this;
    }

    private double observed(String comparison, double threshold) {
        if (!actual.isDefined()) {
            failWithMessage("%s", QualityMessages.undefined(metric, evaluation.rows(), slice, comparison, threshold, model));
        }
        if (statistic == Statistic.VALUE) {
            return actual.value();
        }
        ConfidenceInterval ci = actual.interval();
        if (ci == null) {
            failWithMessage("%s", QualityMessages.noInterval(statistic, metric, slice, model));
        }
        return statistic == Statistic.LOWER_BOUND ? ci.low() : ci.high();
    }

    private void fail(String comparison, double threshold, double observed) {
        failWithMessage("%s", QualityMessages.bound(statistic, metric, actual, evaluation.rows(), slice, comparison,
                threshold, observed, model));
    }
}
