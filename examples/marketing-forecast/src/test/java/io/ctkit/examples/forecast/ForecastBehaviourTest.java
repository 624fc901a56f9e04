package io.ctkit.examples.forecast;

import static io.ctkit.testkit.ModelAssertions.assertThat;

import io.ctkit.testkit.ModelEvaluation;
import io.ctkit.testkit.ModelQualityTest;
import io.ctkit.testkit.Perturbation;
import io.ctkit.testkit.Tolerance;

/** How the forecast responds to its inputs, on every holdout row (in the manner of CheckList). */
class ForecastBehaviourTest {

    /** The date is not a model input: changing it must not move any forecast. */
    @ModelQualityTest(data = "data/holdout.csv", label = "revenue", resamples = 0, slices = "date")
    void ignoresTheCalendarDate(ModelEvaluation evaluation) {
        assertThat(evaluation).under(Perturbation.set("date", "1999-01-01")).isInvariantWithin(Tolerance.absolute(1e-9));
    }

    /**
     * More spend, no less revenue: 20% more spend on a channel, buying 20% more impressions and
     * clicks there. (Raising spend alone, with the same clicks, is not a campaign that can happen;
     * this model forecasts less revenue for about half of such rows.)
     */
    @ModelQualityTest(data = "data/holdout.csv", label = "revenue", resamples = 0)
    void moreSpendNeverForecastsLessRevenue(ModelEvaluation evaluation) {
        assertThat(evaluation).under(MORE_SPEND).doesNotDecrease();
    }

    static final Perturbation MORE_SPEND = Perturbation.of("20% more spend, impressions and clicks", row -> {
        for (String column : new String[] {"spend", "impressions", "clicks"}) {
            row.put(column, 1.2 * (Double) row.get(column));
        }
        return row;
    });
}
