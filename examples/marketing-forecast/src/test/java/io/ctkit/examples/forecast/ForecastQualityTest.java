package io.ctkit.examples.forecast;

import static io.ctkit.testkit.ModelAssertions.assertThat;

import io.ctkit.testkit.Champion;
import io.ctkit.testkit.ModelEvaluation;
import io.ctkit.testkit.ModelQualityTest;

/**
 * Release tests of the forecast: accurate overall and on the smallest channel with 95% confidence,
 * and no worse than the version in production. The model is the one the pipeline is testing
 * (CTKIT_MODEL); the champion is the registry's production version.
 */
class ForecastQualityTest {

    @ModelQualityTest(data = "data/holdout.csv", label = "revenue")
    void isAccurateOverall(ModelEvaluation evaluation) {
        assertThat(evaluation).rows().isAtLeast(300);
        assertThat(evaluation).metric("r2").lowerBound().isAtLeast(0.85);
    }

    @ModelQualityTest(data = "data/holdout.csv", label = "revenue")
    void isAccurateOnVideo(ModelEvaluation evaluation) {
        assertThat(evaluation).onSlice("channel", "video").metric("r2").lowerBound().isAtLeast(0.5);
    }

    @ModelQualityTest(data = "data/holdout.csv", label = "revenue")
    void isNoWorseThanProduction(ModelEvaluation candidate, @Champion ModelEvaluation champion) {
        assertThat(candidate).isNoWorseThan(champion).on("rmse").withinMargin(25.0);
    }
}
