package io.ctkit.examples.receipts;

import static io.ctkit.testkit.ModelAssertions.assertThat;

import io.ctkit.testkit.Champion;
import io.ctkit.testkit.MetricAssert;
import io.ctkit.testkit.ModelEvaluation;
import io.ctkit.testkit.ModelQualityTest;

/**
 * Release tests of the classifier on the holdout receipts: every category is recognised (a floor
 * on each class's recall), and the model is no worse than the version in production. The model is
 * the one the pipeline is testing (CTKIT_MODEL); the champion is the registry's production version.
 * 200 bootstrap resamples, as the pipeline's evaluate step draws (ctkit.yaml): 933 receipts need no more.
 */
class ReceiptQualityTest {

    /**
     * A floor on each category's recall: the share of its receipts filed under it. The rare
     * categories (about 50 holdout receipts each) get lower floors, as one miss costs them more.
     */
    @ModelQualityTest(data = "data/holdout.csv", label = "category", resamples = 200)
    void recognisesEveryCategory(ModelEvaluation evaluation) {
        recall(evaluation, "meals").isAtLeast(0.95);
        recall(evaluation, "travel").isAtLeast(0.9);
        recall(evaluation, "lodging").isAtLeast(0.9);
        recall(evaluation, "fuel").isAtLeast(0.9);
        recall(evaluation, "software").isAtLeast(0.9);
        recall(evaluation, "office_supplies").isAtLeast(0.85);
        recall(evaluation, "telecom").isAtLeast(0.85);
        recall(evaluation, "other").isAtLeast(0.85);
    }

    @ModelQualityTest(data = "data/holdout.csv", label = "category", resamples = 200)
    void isNoWorseThanProduction(ModelEvaluation candidate, @Champion ModelEvaluation champion) {
        assertThat(candidate).isNoWorseThan(champion).on("f1_macro").withinMargin(0.02);
    }

    /** A category's recall is the accuracy on the receipts whose true category it is. */
    static MetricAssert recall(ModelEvaluation evaluation, String category) {
        return assertThat(evaluation).onSlice("category", category).metric("accuracy");
    }
}
