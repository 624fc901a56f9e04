package io.ctkit.testkit;

/**
 * The entry point of the kit's assertions, in the AssertJ manner:
 * {@code import static io.ctkit.testkit.ModelAssertions.assertThat;}
 *
 * <pre>{@code
 * assertThat(evaluation).metric("r2").lowerBound().isAtLeast(0.70);
 * assertThat(evaluation).onSlice("channel", "video").metric("r2").isAtLeast(0.70);
 * assertThat(candidate).isNoWorseThan(champion).on("rmse").withinMargin(0.05);
 * assertThat(evaluation).rows().isAtLeast(200);
 * assertThat(loadResult).p99().isLessThan(Duration.ofMillis(50));
 * }</pre>
 */
public final class ModelAssertions {

    private ModelAssertions() {
    }

    /** Assertions on a model's evaluation: its metrics, its slices, its rows, its champion. */
    public static ModelEvaluationAssert assertThat(ModelEvaluation actual) {
        return new ModelEvaluationAssert(actual);
    }

    /** Assertions on a load test's result: latency percentiles, error rate, achieved rate ({@link LoadResultAssert}). */
    public static LoadResultAssert assertThat(LoadResult actual) {
        return LoadResultAssert.assertThat(actual);
    }
}
