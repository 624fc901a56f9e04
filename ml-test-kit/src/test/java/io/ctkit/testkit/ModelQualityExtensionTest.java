package io.ctkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.ctkit.bundle.Bundle;
import io.ctkit.testkit.internal.ModelLocator;
import io.ctkit.testkit.internal.quality.ModelQualityExtension;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How @ModelQualityTest finds its model and champion and shares evaluations, run through EngineTestKit. */
class ModelQualityExtensionTest {

    @BeforeAll
    static void fixtures() throws Exception {
        Fixtures.write();
    }

    @Test
    void oneEvaluationPerModelDataAndSettingsIsSharedByEveryTestOfTheRun() throws Exception {
        String good = "forecast " + ModelLocator.shortDigest(Bundle.open(Path.of(Fixtures.GOOD)).digest());
        String production = "forecast:1 (forecast@production) "
                + ModelLocator.shortDigest(Bundle.open(Path.of(Fixtures.GOOD)).digest());
        Map<String, String> properties = new HashMap<>();
        properties.put("ctkit.registry", Fixtures.REGISTRY);

        KitRun run = KitRun.of(SharingTestCases.class, properties);

        assertThat(run.outcomes()).hasSize(5).allSatisfy((test, outcome) -> assertThat(outcome).isEqualTo("passed"));
        List<String> computed = run.reported(ModelQualityExtension.REPORT_KEY).stream()
                .filter(entry -> entry.startsWith("computed ")).toList();
        String holdout = Path.of(Fixtures.HOLDOUT).toAbsolutePath().normalize().toString();
        String other = Path.of(Fixtures.OTHER_HOLDOUT).toAbsolutePath().normalize().toString();
        // five tests, six evaluations asked for; the champion is the same bundle as the candidate: computed once
        assertThat(computed).containsExactlyInAnyOrder(
                "computed " + good + " on 200 rows of " + holdout,
                "computed " + good + " on 150 rows of " + other,
                "computed " + good + " on 200 rows of " + holdout);
        assertThat(run.reported(ModelQualityExtension.REPORT_KEY)).filteredOn(e -> e.startsWith("shared "))
                .containsExactlyInAnyOrder("shared " + good + " on 200 rows of " + holdout,
                        "shared " + production + " on 200 rows of " + holdout,
                        "shared " + good + " on 200 rows of " + holdout);
    }

    @Test
    void aBlankModelIsThePipelinesAndAFirstRunWithoutChampionPassesAsTheGateDoes() {
        Map<String, String> properties = new HashMap<>();
        properties.put("ctkit.model", "forecast:2");
        properties.put("ctkit.registry", Fixtures.REGISTRY);
        KitRun fromRegistry = KitRun.of(PipelineModelTestCases.class, properties);
        properties.put("ctkit.model", Fixtures.GOOD);
        properties.put("ctkit.registry", Fixtures.EMPTY_REGISTRY);
        KitRun firstRun = KitRun.of(PipelineModelTestCases.class, properties);

        assertThat(fromRegistry.outcomes()).containsOnly(entry("isTheModelNamedByTheProperty", "passed"),
                entry("isNoWorseThanProduction", "expected mae to be no worse than the champion's within a margin of 0,"
                        + " but it is significantly worse: 2.289 vs the champion's 0.902, difference +1.387 (95% CI"
                        + " +1.179 to +1.537) beyond 0 on 200 rows; candidate forecast:2 "
                        + ModelLocator.shortDigest(digest(Fixtures.WEAK)) + "; champion forecast:1 (forecast@production) "
                        + ModelLocator.shortDigest(digest(Fixtures.GOOD))));
        assertThat(firstRun.outcomes()).containsOnly(entry("isTheModelNamedByTheProperty", "passed"),
                entry("isNoWorseThanProduction", "passed"));
    }

    private static String digest(String bundle) {
        try {
            return Bundle.open(Path.of(bundle)).digest();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @OnlyThroughEngineTestKit
    static class SharingTestCases {
        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", resamples = 100)
        void first(ModelEvaluation e) {
            ModelAssertions.assertThat(e).rows().isAtLeast(200);
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", resamples = 100)
        void second(ModelEvaluation e) {
            ModelAssertions.assertThat(e).metric("r2").isAtLeast(0.9);
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", resamples = 100)
        void withTheChampion(ModelEvaluation e, @Champion ModelEvaluation champion) {
            ModelAssertions.assertThat(e).isNoWorseThan(champion).on("r2").withinMargin(0);
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.OTHER_HOLDOUT, label = "revenue", resamples = 100)
        void onOtherData(ModelEvaluation e) {
            ModelAssertions.assertThat(e).rows().isAtLeast(150);
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", resamples = 100, seed = 7)
        void withAnotherSeed(ModelEvaluation e) {
            ModelAssertions.assertThat(e).rows().isAtLeast(200);
        }
    }

    @OnlyThroughEngineTestKit
    static class PipelineModelTestCases {
        @ModelQualityTest(data = Fixtures.HOLDOUT, label = "revenue", resamples = 100)
        void isTheModelNamedByTheProperty(ModelEvaluation e) {
            String expected = System.getProperty("ctkit.model").equals("forecast:2") ? Fixtures.WEAK : Fixtures.GOOD;
            assertThat(e.digest()).isEqualTo(digest(expected));
        }

        @ModelQualityTest(data = Fixtures.HOLDOUT, label = "revenue", resamples = 100)
        void isNoWorseThanProduction(ModelEvaluation e, @Champion ModelEvaluation champion) {
            ModelAssertions.assertThat(e).isNoWorseThan(champion).on("mae").withinMargin(0);
        }
    }
}
