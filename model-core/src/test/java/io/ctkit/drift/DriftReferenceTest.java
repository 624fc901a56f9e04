package io.ctkit.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every statistic against scipy 1.10 / numpy 1.24 on fixtures/drift/cases.json (made by
 * generate.py next to it): KS statistic and p-value within 1e-6; chi-square, Jensen–Shannon,
 * Wasserstein within 1e-9 (relative above magnitude 1); PSI within 1e-9 of the numpy
 * reimplementation of the documented formula.
 */
class DriftReferenceTest {

    private static final double KS_TOLERANCE = 1e-6;
    private static final double TOLERANCE = 1e-9;
    private static final JsonNode FIXTURE = load();

    @Test
    void fixtureCoversExactAsymptoticTiesIdenticalAndDisjointCases() {
        assertThat(names("ks")).anyMatch(n -> n.startsWith("normal-1-1"))
                .anyMatch(n -> n.startsWith("ties-"))
                .anyMatch(n -> n.startsWith("identical-"))
                .anyMatch(n -> n.startsWith("disjoint-"))
                .anyMatch(n -> n.startsWith("asymptotic-"));
        assertThat(section("ks").filter(c -> c.get("method").asText().equals("asymptotic")).count())
                .isGreaterThanOrEqualTo(10);
        assertThat(section("kstwo").count()).isGreaterThan(300);
    }

    @TestFactory
    Stream<DynamicTest> ksMatchesScipyKs2samp() {
        return section("ks").map(c -> dynamicTest(c.get("name").asText(), () -> {
            double[] reference = c.has("reference") ? doubles(c.get("reference"))
                    : doubles(FIXTURE.get("datasets").get(c.get("referenceDataset").asText()));
            KsResult result = DriftStatistics.kolmogorovSmirnov(reference, doubles(c.get("current")));
            assertSoftly(softly -> {
                softly.assertThat(result.statistic()).as("statistic")
                        .isCloseTo(c.get("statistic").asDouble(), within(KS_TOLERANCE));
                softly.assertThat(result.pValue()).as("p-value").isCloseTo(c.get("pvalue").asDouble(), within(KS_TOLERANCE));
                assertProbability(softly, "p-value relative", result.pValue(), c.get("pvalue").asDouble(), 1e-6);
                softly.assertThat(result.method().name().toLowerCase()).isEqualTo(c.get("method").asText());
            });
        }));
    }

    @TestFactory
    Stream<DynamicTest> kolmogorovDistributionMatchesScipyKstwo() {
        return section("kstwo").map(c -> {
            int n = c.get("n").asInt();
            double d = c.get("d").asDouble();
            return dynamicTest("n=" + n + " d=" + d, () -> {
                double expected = c.get("sf").asDouble();
                double actual = KolmogorovDistribution.sf(n, d);
                assertSoftly(softly -> {
                    softly.assertThat(actual).isCloseTo(expected, within(1e-12));
                    assertProbability(softly, "sf", actual, expected, 1e-9);
                });
            });
        });
    }

    @TestFactory
    Stream<DynamicTest> chiSquareSurvivalMatchesScipy() {
        return section("chi2sf").map(c -> dynamicTest("dof=" + c.get("dof") + " x=" + c.get("x"), () -> {
            double actual = IncompleteGamma.upperRegularized(c.get("dof").asInt() / 2.0, c.get("x").asDouble() / 2.0);
            assertSoftly(softly -> assertProbability(softly, "chi2.sf", actual, c.get("sf").asDouble(), 1e-9));
        }));
    }

    @TestFactory
    Stream<DynamicTest> categoricalStatisticsMatchScipy() {
        return section("categorical").map(c -> dynamicTest(c.get("name").asText(), () -> {
            String[] reference = strings(c.get("reference"));
            String[] current = strings(c.get("current"));
            DriftReport report = DriftStatistics.categorical("f", reference, current, DriftOptions.defaults());
            JsonNode chi2 = c.get("chi2");
            double jsBase2 = DriftStatistics.jensenShannon(reference, current, DriftOptions.defaults().withJsBase(2))
                    .statistic();
            assertSoftly(softly -> {
                assertRelative(softly, "chi2 statistic", report.chiSquare().statistic(), chi2.get("statistic").asDouble(),
                        TOLERANCE);
                assertRelative(softly, "chi2 p-value", report.chiSquare().pValue(), chi2.get("pvalue").asDouble(),
                        TOLERANCE);
                assertProbability(softly, "chi2 p-value", report.chiSquare().pValue(), chi2.get("pvalue").asDouble(),
                        TOLERANCE);
                softly.assertThat(report.chiSquare().degreesOfFreedom()).isEqualTo(chi2.get("dof").asInt());
                softly.assertThat(report.chiSquare().yatesCorrection()).isEqualTo(chi2.get("dof").asInt() == 1);
                assertRelative(softly, "js", report.jensenShannon().statistic(), c.get("js").asDouble(), TOLERANCE);
                assertRelative(softly, "js base 2", jsBase2, c.get("jsBase2").asDouble(), TOLERANCE);
                assertRelative(softly, "psi", report.psi().statistic(), c.get("psi").asDouble(), TOLERANCE);
                softly.assertThat(report.psi().bins()).extracting(PsiResult.Bin::label)
                        .containsExactlyElementsOf(StreamSupport.stream(c.get("categories").spliterator(), false)
                                .map(JsonNode::asText).toList());
            });
        }));
    }

    @TestFactory
    Stream<DynamicTest> numericStatisticsMatchScipyAndNumpy() {
        return section("numeric").map(c -> dynamicTest(c.get("name").asText(), () -> {
            double[] reference = doubles(c.get("reference"));
            double[] current = doubles(c.get("current"));
            DriftReport report = DriftStatistics.numeric("f", reference, current, DriftOptions.defaults());
            double jsBase2 = DriftStatistics.jensenShannon(reference, current, DriftOptions.defaults().withJsBase(2))
                    .statistic();
            assertSoftly(softly -> {
                assertRelative(softly, "js", report.jensenShannon().statistic(), c.get("js").asDouble(), TOLERANCE);
                assertRelative(softly, "js base 2", jsBase2, c.get("jsBase2").asDouble(), TOLERANCE);
                assertRelative(softly, "wasserstein", report.wasserstein().statistic(), c.get("wasserstein").asDouble(),
                        TOLERANCE);
                for (JsonNode psi : c.get("psi")) {
                    DriftOptions options = DriftOptions.defaults().withBins(psi.get("bins").asInt())
                            .withEpsilon(psi.get("epsilon").asDouble());
                    PsiResult result = DriftStatistics.psi(reference, current, options);
                    assertRelative(softly, "psi " + psi, result.statistic(), psi.get("value").asDouble(), TOLERANCE);
                    softly.assertThat(QuantileBinning.of(java.util.Arrays.stream(reference).sorted().toArray(),
                            options.bins()).edges()).as("edges").containsExactly(doubles(psi.get("edges")));
                    softly.assertThat(result.bins()).hasSize(psi.get("edges").size() + 1);
                }
            });
        }));
    }

    /** |actual − expected| ≤ tol · max(1, |expected|): absolute for small values, relative for large ones. */
    private static void assertRelative(SoftAssertions softly, String what, double actual, double expected, double tol) {
        softly.assertThat(actual).as(what).isCloseTo(expected, within(tol * Math.max(1.0, Math.abs(expected))));
    }

    /** Small probabilities relative too, so that p = 1e-12 is not "matched" by 0; exact zeros stay zero. */
    private static void assertProbability(SoftAssertions softly, String what, double actual, double expected,
            double relative) {
        if (expected == 0.0) {
            softly.assertThat(actual).as(what).isLessThan(1e-300);
        } else {
            softly.assertThat(actual).as(what).isCloseTo(expected, within(relative * expected));
        }
    }

    private static Stream<String> names(String section) {
        return section(section).map(c -> c.get("name").asText());
    }

    private static Stream<JsonNode> section(String name) {
        return StreamSupport.stream(FIXTURE.get(name).spliterator(), false);
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    private static String[] strings(JsonNode array) {
        String[] values = new String[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asText();
        }
        return values;
    }

    private static JsonNode load() {
        try (InputStream in = DriftReferenceTest.class.getResourceAsStream("/fixtures/drift/cases.json")) {
            if (in == null) {
                throw new IllegalStateException("fixtures/drift/cases.json missing; run generate.py");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
