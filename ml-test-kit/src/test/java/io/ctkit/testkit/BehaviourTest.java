package io.ctkit.testkit;

import static io.ctkit.testkit.ModelAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.ctkit.bundle.Bundle;
import io.ctkit.testkit.internal.ModelLocator;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Behavioural tests (and the calibration error) as users write them, on the forecast fixture and the wine classifier, through EngineTestKit. */
class BehaviourTest {

    static final String WINE = "../examples/wine-classifier/model";
    static final String WINE_HOLDOUT = "../examples/wine-classifier/holdout.csv";

    @BeforeAll
    static void fixtures() throws Exception {
        Fixtures.write();
    }

    @Test
    void invarianceDirectionAndCasesPassOrListTheFirstFailingRowsAndTheFailureRate() throws Exception {
        String forecast = "forecast " + ModelLocator.shortDigest(Bundle.open(Path.of(Fixtures.GOOD)).digest());
        String wine = "wine-classifier " + ModelLocator.shortDigest(Bundle.open(Path.of(WINE)).digest());
        String nl = System.lineSeparator();

        Map<String, String> outcomes = KitRun.of(BehaviourTestCases.class, Map.of()).outcomes();

        assertThat(outcomes).hasSize(14).contains(
                entry("wineIsWellCalibrated", "expected the calibration error (10 equal-width bins of the top-label"
                        + " confidence) to be at most 0.001, but it was 0.02614 on 72 rows; model " + wine),
                entry("moreSpendMoreRevenue", "passed"),
                entry("noisySpendWithinALargerFailureRate", "passed"),
                entry("wineIgnoresTinyNoiseOnAsh", "passed"),
                entry("wineKeepsItsClassUnderTinyNoiseOnAsh", "passed"),
                entry("regressionHasNoPredictedClass", "keepsItsPredictedClass() needs a classifier; a regression"
                        + " predicts no class: use isInvariantWithin(Tolerance.absolute(..)) or Tolerance.relative(..)"),
                entry("moreSpendLessRevenue", "expected the output to fall under \"scale spend by 1.2\" on every row, but"
                        + " it did not on 200 of 200 rows (failure rate 100%, allowed 0%); the first failing rows:" + nl
                        + "  data row 1: {spend=0.1} \u2192 0.7; perturbed spend=0.12 \u2192 0.74" + nl
                        + "  data row 2: {spend=0.2} \u2192 0.9; perturbed spend=0.24 \u2192 0.98" + nl
                        + "  data row 3: {spend=0.3} \u2192 1.1; perturbed spend=0.36 \u2192 1.22" + nl
                        + "  data row 4: {spend=0.4} \u2192 1.3; perturbed spend=0.48 \u2192 1.46" + nl
                        + "  data row 5: {spend=0.5} \u2192 1.5; perturbed spend=0.6 \u2192 1.7" + nl
                        + "model " + forecast),
                entry("noisySpendWithinAFailureRate", "expected the output to stay within 0.5 of the original under \"add"
                        + " noise (sd 0.3, seed 7) to spend\" on all but 5% of the rows, but it did not on 84 of 200 rows"
                        + " (failure rate 42%, allowed 5%); the first failing rows:" + nl
                        + "  data row 1: {spend=0.1} \u2192 0.7; perturbed spend=-0.1813 \u2192 0.1375" + nl
                        + "  data row 2: {spend=0.2} \u2192 0.9; perturbed spend=-0.2587 \u2192 -0.01748" + nl
                        + "  data row 5: {spend=0.5} \u2192 1.5; perturbed spend=1.001 \u2192 2.502" + nl
                        + "  data row 6: {spend=0.6} \u2192 1.7; perturbed spend=-0.05478 \u2192 0.3904" + nl
                        + "  data row 9: {spend=0.9} \u2192 2.3; perturbed spend=1.19 \u2192 2.88" + nl
                        + "model " + forecast),
                entry("regressionInvarianceWithoutTolerance", "isInvariant() needs a tolerance for a regression, whose"
                        + " outputs have no natural scale: use isInvariantWithin(Tolerance.absolute(..)) or"
                        + " Tolerance.relative(..)"),
                entry("wrongCase", "expected case \"ten spent\" {spend=10} to give 25 \u00b1 10% relative, but it gave"
                        + " 20.5; model " + forecast),
                entry("wineDirectionWithoutClass", "a directional check of a multiclass model follows one class's"
                        + " probability: name it with ofClass(..), one of [class_0, class_1, class_2]"));
        assertThat(outcomes.get("wineIgnoresFlavanoids")).startsWith("expected every class probability to stay within"
                + " 0.1 of the original under \"set flavanoids to 0\" on every row, but it did not on 14 of 72 rows"
                + " (failure rate 19.44%, allowed 0%); the first failing rows:" + nl + "  data row 1: {alcohol=12.85,")
                .contains("} \u2192 [class_0 0.9996, class_1 0.0002933, class_2 0.0001115]; perturbed flavanoids=0"
                        + " \u2192 [class_0 0.8293, class_1 0.03344, class_2 0.1372]" + nl + "  data row 6: ")
                .endsWith(nl + "model " + wine).hasLineCount(7);
        assertThat(outcomes.get("wineKeepsItsClassWithoutFlavanoids")).startsWith("expected the predicted class to stay"
                + " the same under \"set flavanoids to 0\" on every row, but it did not on ")
                .contains(nl + "  data row ").contains("perturbed flavanoids=0 \u2192 [class_0 ")
                .endsWith(nl + "model " + wine);
        assertThat(outcomes.get("wineMoreFlavanoidsMoreClass0")).startsWith("expected the probability of class_0 not to"
                + " decrease under \"scale flavanoids by 2.0\" on every row, but it did not on 19 of 72 rows (failure"
                + " rate 26.39%, allowed 0%); the first failing rows:" + nl + "  data row 5: ")
                .contains(" \u2192 p(class_0) 0.0001218; perturbed flavanoids=2.04 \u2192 p(class_0) 0.00002587");
    }

    @OnlyThroughEngineTestKit
    static class BehaviourTestCases {
        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", slices = "channel", resamples = 0)
        void moreSpendMoreRevenue(ModelEvaluation e) {
            assertThat(e).under(Perturbation.scale("spend", 1.2)).rises().doesNotDecrease();
            assertThat(e).under(Perturbation.swap("channel", "search", "video")).isInvariantWithin(Tolerance.absolute(0));
            assertThat(e).passesCases(BehaviourCase.of("no spend, base revenue", Map.of("spend", 0))
                    .expectsValue(0.5, Tolerance.absolute(0.001)));
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", resamples = 0)
        void moreSpendLessRevenue(ModelEvaluation e) {
            assertThat(e).under(Perturbation.scale("spend", 1.2)).falls();
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", resamples = 0)
        void noisySpendWithinAFailureRate(ModelEvaluation e) {
            assertThat(e).under(Perturbation.noise("spend", 0.3, 7)).allowingFailureRate(0.05)
                    .isInvariantWithin(Tolerance.absolute(0.5));
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", resamples = 0)
        void noisySpendWithinALargerFailureRate(ModelEvaluation e) {
            assertThat(e).under(Perturbation.noise("spend", 0.3, 7)).allowingFailureRate(0.5)
                    .isInvariantWithin(Tolerance.absolute(0.5));
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", resamples = 0)
        void regressionInvarianceWithoutTolerance(ModelEvaluation e) {
            assertThat(e).under(Perturbation.scale("spend", 1.2)).isInvariant();
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", resamples = 0)
        void wrongCase(ModelEvaluation e) {
            assertThat(e).passesCases(
                    BehaviourCase.of("no spend, base revenue", Map.of("spend", 0)).expectsValue(0.5, Tolerance.absolute(0.001)),
                    BehaviourCase.of("ten spent", Map.of("spend", 10)).expectsValue(25, Tolerance.relative(0.1)));
        }

        @ModelQualityTest(model = WINE, data = WINE_HOLDOUT, label = "label", resamples = 0)
        void wineIsWellCalibrated(ModelEvaluation e) {
            assertThat(e).calibrationError().isAtMost(0.001);
        }

        @ModelQualityTest(model = WINE, data = WINE_HOLDOUT, label = "label", resamples = 0)
        void wineIgnoresTinyNoiseOnAsh(ModelEvaluation e) {
            assertThat(e).under(Perturbation.noise("ash", 0.001, 3)).isInvariant();
            assertThat(e).calibrationError().isAtMost(0.03);
        }

        @ModelQualityTest(model = WINE, data = WINE_HOLDOUT, label = "label", resamples = 0)
        void wineKeepsItsClassUnderTinyNoiseOnAsh(ModelEvaluation e) {
            assertThat(e).under(Perturbation.noise("ash", 0.001, 3)).keepsItsPredictedClass();
        }

        @ModelQualityTest(model = WINE, data = WINE_HOLDOUT, label = "label", resamples = 0)
        void wineKeepsItsClassWithoutFlavanoids(ModelEvaluation e) {
            assertThat(e).under(Perturbation.set("flavanoids", 0)).keepsItsPredictedClass();
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", resamples = 0)
        void regressionHasNoPredictedClass(ModelEvaluation e) {
            assertThat(e).under(Perturbation.scale("spend", 1.2)).keepsItsPredictedClass();
        }

        @ModelQualityTest(model = WINE, data = WINE_HOLDOUT, label = "label", resamples = 0)
        void wineIgnoresFlavanoids(ModelEvaluation e) {
            assertThat(e).under(Perturbation.set("flavanoids", 0)).isInvariant();
        }

        @ModelQualityTest(model = WINE, data = WINE_HOLDOUT, label = "label", resamples = 0)
        void wineDirectionWithoutClass(ModelEvaluation e) {
            assertThat(e).under(Perturbation.scale("alcohol", 1.1)).rises();
        }

        @ModelQualityTest(model = WINE, data = WINE_HOLDOUT, label = "label", resamples = 0)
        void wineMoreFlavanoidsMoreClass0(ModelEvaluation e) {
            assertThat(e).under(Perturbation.scale("flavanoids", 2)).ofClass("class_0").doesNotDecrease();
        }
    }
}
