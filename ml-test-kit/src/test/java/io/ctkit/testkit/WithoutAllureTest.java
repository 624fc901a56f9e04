package io.ctkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctkit.testkit.internal.Evidence;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Allure is optional: the kit's quality and behavioural tests run in a class loader built from this
 * module's test class path without the Allure jars, and pass and fail exactly as with Allure.
 */
class WithoutAllureTest {

    @BeforeAll
    static void fixtures() throws Exception {
        Fixtures.write();
    }

    @Test
    void theKitRunsAndAttachesNothingWithoutAllureOnTheClassPath() throws Exception {
        // surefire runs tests through a manifest-only jar and names the real class path in this property
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (Path.of(entry).getFileName().toString().startsWith("allure-")) {
                left.add(entry);
            } else {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        assertThat(left).as("Allure is on this module's own test class path").isNotEmpty();
        assertThat(Evidence.recorded()).isTrue();

        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> loader.loadClass("io.qameta.allure.Allure")).isInstanceOf(ClassNotFoundException.class);
            assertThat((boolean) loader.loadClass(Evidence.class.getName()).getMethod("recorded").invoke(null)).isFalse();
            Method outcomes = loader.loadClass(Isolated.class.getName()).getMethod("outcomes");
            // EngineTestKit finds the Jupiter engine through the context class loader
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(loader);
            Map<String, String> result;
            try {
                @SuppressWarnings("unchecked")
                Map<String, String> found = (Map<String, String>) outcomes.invoke(null);
                result = found;
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
            }

            assertThat(result).containsOnlyKeys("overallAndChampion", "behaviour", "failing");
            assertThat(result.get("overallAndChampion")).isEqualTo("passed");
            assertThat(result.get("behaviour")).isEqualTo("passed");
            assertThat(result.get("failing")).startsWith("expected r2 to be at least 0.999, but it was 0.9841");
        }
    }

    /** Loaded again by the Allure-free class loader: runs the cases there and returns their outcomes. */
    public static final class Isolated {
        private Isolated() {
        }

        public static Map<String, String> outcomes() {
            return KitRun.of(WithoutAllureTestCases.class, Map.of("ctkit.registry", Fixtures.REGISTRY)).outcomes();
        }
    }

    @OnlyThroughEngineTestKit
    static class WithoutAllureTestCases {
        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", resamples = 200)
        void overallAndChampion(ModelEvaluation e, @Champion("staging") ModelEvaluation champion) {
            ModelAssertions.assertThat(e).metric("r2").lowerBound().isAtLeast(0.95);
            ModelAssertions.assertThat(e).isNoWorseThan(champion).on("rmse").withinMargin(0);
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", resamples = 0)
        void behaviour(ModelEvaluation e) {
            ModelAssertions.assertThat(e).under(Perturbation.scale("spend", 1.2)).rises();
            // 42% of the rows fail: their table is attached, which without Allure is nothing
            ModelAssertions.assertThat(e).under(Perturbation.noise("spend", 0.3, 7)).allowingFailureRate(0.5)
                    .isInvariantWithin(Tolerance.absolute(0.5));
        }

        @ModelQualityTest(model = Fixtures.GOOD, data = Fixtures.HOLDOUT, label = "revenue", resamples = 200)
        void failing(ModelEvaluation e) {
            ModelAssertions.assertThat(e).metric("r2").isAtLeast(0.999);
        }
    }
}
