package io.ctkit.testkit;

import static io.ctkit.testkit.ModelAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.ctkit.bundle.Bundle;
import io.ctkit.testkit.internal.ModelLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Quality assertions as users write them, run through EngineTestKit; failures assert the exact message. */
class QualityAssertionsTest {

    @BeforeAll
    static void fixtures() throws Exception {
        Fixtures.write();
    }

    private static Map<String, String> properties() {
        Map<String, String> p = new HashMap<>();
        p.put("ctkit.registry", Fixtures.REGISTRY);
        p.put("ctkit.model", null);
        return p;
    }

    @Test
    void eachFailureSaysWhatWasExpectedWhatWasFoundOnWhichRowsAndWhichModel() throws Exception {
        String good = "forecast " + ModelLocator.shortDigest(Bundle.open(Path.of(Fixtures.GOOD)).digest());
        String weak = "forecast " + ModelLocator.shortDigest(Bundle.open(Path.of(Fixtures.WEAK)).digest());
        String production = "forecast:1 (forecast@production) "
                + ModelLocator.shortDigest(Bundle.open(Path.of(Fixtures.GOOD)).digest());
        String holdout = "holdout.csv " + ModelLocator.shortDigest(sha256(Path.of(Fixtures.HOLDOUT)));
        String registry = Path.of(Fixtures.REGISTRY).toAbsolutePath().normalize().toString();

        Map<String, String> outcomes = KitRun.of(FailureTestCases.class, properties()).outcomes();

        // the registry lists the aliases in the order of ModelInfo.aliases (Map.copyOf), which changes from JVM to JVM
        assertThat(outcomes.remove("badReference")).isIn(Stream.of("production, staging", "staging, production")
                .map(aliases -> "@ModelQualityTest(model): forecast@canary could not be resolved in the registry "
                        + registry + ": model forecast has no alias \"canary\"; its aliases are " + aliases).toList());
        assertThat(outcomes).containsOnly(
                entry("pointValue", "expected r2 to be at least 0.999, but it was 0.9841 (95% CI 0.9792\u20130.9891) on"
                        + " 200 rows; model " + good),
                entry("lowerBoundOnSlice", "expected the lower 95% bound of r2 on slice channel=video to be at least"
                        + " 0.99, but it was 0.9385 (r2 0.9549, 95% CI 0.9385\u20130.967) on 66 rows; model " + good),
                entry("upperBound", "expected the upper 95% bound of rmse to be at most 0.1, but it was 1.653 (rmse"
                        + " 1.476, 95% CI 1.254\u20131.653) on 200 rows; model " + good),
                entry("rows", "expected at least 500 rows, but the evaluation has 200 rows of " + holdout + "; model "
                        + good),
                entry("sliceRows", "expected at least 100 rows on slice channel=video, but the slice has 66 rows of "
                        + holdout + "; model " + good),
                entry("missingSlice", "expected a slice channel=radio, but no row has that value; the slices of"
                        + " channel: search (134 rows), video (66 rows); model " + good),
                entry("noInterval", "expected the lower bound of r2, but the evaluation has no confidence intervals"
                        + " (resamples = 0 in @ModelQualityTest); set resamples, e.g. 1000, or assert on the value;"
                        + " model " + good),
                entry("undefinedOnOneRow", "expected r2 on slice spend=1.5 to be at least 0.5, but r2 is undefined on"
                        + " these 1 rows (undefined: fewer than two rows); model " + good),
                entry("worseThanChampion", "expected rmse to be no worse than the champion's within a margin of 0.01,"
                        + " but it is significantly worse: 2.774 vs the champion's 1.476, difference +1.298 (95% CI"
                        + " +1.079 to +1.529) beyond +0.01 on 200 rows; candidate " + weak + "; champion " + production),
                entry("noChampion", "expected rmse to be no worse than the champion's, but there is no champion: the"
                        + " registry " + registry + " has no version of forecast at the alias canary; with"
                        + " requiringChampion() this fails, as the gate's first_run: fail does: register and promote a"
                        + " champion, or drop requiringChampion() to pass on a first run as the gate's default"
                        + " first_run: pass does; candidate " + good),
                entry("unknownMetric", "unknown metric 'r3': known metrics are accuracy, balanced_accuracy, precision,"
                        + " recall, f1, precision_macro, recall_macro, f1_macro, f1_weighted, roc_auc,"
                        + " average_precision, log_loss, brier, mcc, rmse, mae, r2, mape, median_ae"),
                entry("metricOfAnotherTask", "metric roc_auc is not defined for regression models; metrics for"
                        + " regression: rmse, mae, r2, mape, median_ae"),
                entry("unreadSliceColumn", "cannot slice by \"region\": it is neither a model input nor a slice column"
                        + " of @ModelQualityTest; add slices = \"region\" to the annotation (columns read: [spend,"
                        + " revenue, channel])"),
                entry("noModel", "no model to test: @ModelQualityTest(model) names none, and neither the system"
                        + " property ctkit.model nor the environment variable CTKIT_MODEL is set; set one of them to a"
                        + " bundle path or a registry reference (name@alias, name:version), or name the model in"
                        + " @ModelQualityTest(model)"),
                entry("noData", "@ModelQualityTest(data = \"target/kit-fixtures/no-such.csv\", label = \"revenue\"):"
                        + " no data file at " + Path.of("target/kit-fixtures/no-such.csv").toAbsolutePath() + "; give a"
                        + " CSV file of rows with a column per model input and the label column \"revenue\", relative"
                        + " to the working directory " + Path.of("").toAbsolutePath() + " or absolute"),
                entry("noLabelColumn", "@ModelQualityTest(data = \"target/kit-fixtures/holdout.csv\", label ="
                        + " \"sales\"): " + Path.of(Fixtures.HOLDOUT).toAbsolutePath().normalize() + ":1: declared"
                        + " column \"sales\" not in the header; the header has: spend, channel, revenue"));
    }

    @Test
    void passingAssertionsPassOverallOnASliceAndAgainstAWeakerChampion() {
        assertThat(KitRun.of(PassingTestCases.class, properties()).outcomes()).containsOnly(
                entry("overall", "passed"), entry("onASlice", "passed"), entry("againstTheStagingModel", "passed"),
                entry("againstItselfInProduction", "passed"));
    }

    static String sha256(Path file) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @OnlyThroughEngineTestKit
    static class PassingTestCases {
        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", slices = "channel", resamples = 200)
        void overall(ModelEvaluation e) {
            ModelAssertions.assertThat(e).metric("r2").lowerBound().isAtLeast(0.95);
            ModelAssertions.assertThat(e).metric("rmse").isAtMost(1.5).upperBound().isAtMost(1.7);
            ModelAssertions.assertThat(e).rows().isAtLeast(200);
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", slices = "channel", resamples = 200)
        void onASlice(ModelEvaluation e) {
            ModelAssertions.assertThat(e).onSlice("channel", "search").metric("r2").lowerBound().isAtLeast(0.99);
            ModelAssertions.assertThat(e).onSlice("channel", "video").rows().isAtLeast(60);
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", slices = "channel", resamples = 200)
        void againstTheStagingModel(ModelEvaluation candidate, @Champion("staging") ModelEvaluation champion) {
            ModelAssertions.assertThat(candidate).isNoWorseThan(champion).on("rmse").withinMargin(0);
            ModelAssertions.assertThat(candidate).isNoWorseThan(champion).requiringChampion().on("r2").withinMargin(0);
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", slices = "channel", resamples = 200)
        void againstItselfInProduction(ModelEvaluation candidate, @Champion ModelEvaluation champion) {
            ModelAssertions.assertThat(candidate).isNoWorseThan(champion).on("mae").withinMargin(0);
        }
    }

    @OnlyThroughEngineTestKit
    static class FailureTestCases {
        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", slices = "channel", resamples = 200)
        void pointValue(ModelEvaluation e) {
            assertThat(e).metric("r2").isAtLeast(0.999);
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", slices = "channel", resamples = 200)
        void lowerBoundOnSlice(ModelEvaluation e) {
            assertThat(e).onSlice("channel", "video").metric("r2").lowerBound().isAtLeast(0.99);
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", slices = "channel", resamples = 200)
        void upperBound(ModelEvaluation e) {
            assertThat(e).metric("rmse").upperBound().isAtMost(0.1);
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", slices = "channel", resamples = 200)
        void rows(ModelEvaluation e) {
            assertThat(e).rows().isAtLeast(500);
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", slices = "channel", resamples = 200)
        void sliceRows(ModelEvaluation e) {
            assertThat(e).onSlice("channel", "video").rows().isAtLeast(100);
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", slices = "channel", resamples = 200)
        void missingSlice(ModelEvaluation e) {
            assertThat(e).onSlice("channel", "radio").metric("r2").isAtLeast(0.5);
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", resamples = 0)
        void noInterval(ModelEvaluation e) {
            assertThat(e).metric("r2").lowerBound().isAtLeast(0.5);
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", slices = "channel", resamples = 200)
        void undefinedOnOneRow(ModelEvaluation e) {
            assertThat(e).onSlice("spend", "1.5").metric("r2").isAtLeast(0.5);
        }

        @ModelQualityTest(model = Fixtures.WEAK, data = Fixtures.HOLDOUT, label = "revenue", slices = "channel", resamples = 200)
        void worseThanChampion(ModelEvaluation candidate, @Champion ModelEvaluation champion) {
            assertThat(candidate).isNoWorseThan(champion).on("rmse").withinMargin(0.01);
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", slices = "channel", resamples = 200)
        void noChampion(ModelEvaluation candidate, @Champion("canary") ModelEvaluation champion) {
            assertThat(candidate).isNoWorseThan(champion).requiringChampion().on("rmse").withinMargin(0.01);
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", slices = "channel", resamples = 200)
        void unknownMetric(ModelEvaluation e) {
            assertThat(e).metric("r3").isAtLeast(0.5);
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", slices = "channel", resamples = 200)
        void metricOfAnotherTask(ModelEvaluation e) {
            assertThat(e).metric("roc_auc").isAtLeast(0.5);
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", slices = "channel", resamples = 200)
        void unreadSliceColumn(ModelEvaluation e) {
            assertThat(e).onSlice("region", "north").metric("r2").isAtLeast(0.5);
        }

        @ModelQualityTest(data = Fixtures.HOLDOUT, label = "revenue")
        void noModel(ModelEvaluation e) {
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = "target/kit-fixtures/no-such.csv", label = "revenue")
        void noData(ModelEvaluation e) {
        }

        @ModelQualityTest(model = "forecast@canary", data = Fixtures.HOLDOUT, label = "revenue")
        void badReference(ModelEvaluation e) {
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "sales")
        void noLabelColumn(ModelEvaluation e) {
        }
    }
}
